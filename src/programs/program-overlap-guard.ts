import { z } from 'zod';
import { findStrongOverlaps } from '../coordination/overlap-check.ts';
import type { Executor } from '../db/database.ts';
import { assertCanWriteProgram } from '../policy/policy.ts';
import type { Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { OverlapConfirmation } from './program-write.ts';
import type { ProgramInput } from './program.schemas.ts';

/** The body field by which an API writer confirms strong overlaps: the numbers of the programs it saw. */
export const confirmOverlapsSchema = z.object({
  confirmOverlaps: z
    .array(z.number().int().positive().max(2_147_483_647))
    .max(50)
    .optional()
    .describe('Numbers of programs that overlap strongly (from a 409 answer) which you confirm; the history keeps them'),
});

/**
 * Refuses a save that overlaps strongly with another agency's program (same partner, place,
 * fiscal year, similar words) unless the writer confirmed each such program by number: CONFLICT
 * (409) with the matches in `current.overlaps`. Returns the confirmation to keep in the history.
 */
export async function guardStrongOverlaps(options: {
  db: Executor;
  input: ProgramInput;
  viewer: Viewer;
  excludeProgramId?: number;
  confirmed?: number[];
}): Promise<OverlapConfirmation | undefined> {
  // Someone who may not write the program gets the refusal for that, not a list of overlaps.
  assertCanWriteProgram(options.viewer, options.input.fundingAgencyId);
  const { strong, unconfirmed } = await findStrongOverlaps({
    db: options.db,
    draft: options.input,
    viewer: options.viewer,
    excludeProgramId: options.excludeProgramId,
    confirmed: options.confirmed,
  });
  if (unconfirmed.length) {
    const numbers = unconfirmed.map((match) => `#${match.programId}`).join(', ');
    throw new AppError({
      code: 'CONFLICT',
      message: `Not saved: this program overlaps strongly with ${numbers}, funded by another agency (same partner, place and fiscal year, similar words). Read them; to save anyway, send confirmOverlaps: [${unconfirmed.map((match) => match.programId).join(', ')}]`,
      details: unconfirmed.map((match) => ({
        field: 'confirmOverlaps',
        message: `#${match.programId} “${match.title}” (${match.fundingAgency.label}): ${match.reasons.join('; ')}`,
      })),
      current: { overlaps: unconfirmed, confirmOverlaps: strong.map((match) => match.programId) },
    });
  }
  return strong.length ? { programIds: strong.map((match) => match.programId) } : undefined;
}
