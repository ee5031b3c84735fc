import type { Executor } from '../db/database.ts';
import { validateProgramReferences } from '../programs/program-references.ts';
import type { ProgramInput } from '../programs/program.schemas.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Viewer } from '../shared/actor.ts';
import type { OverlapCheckResult, OverlapMatch } from './coordination.schemas.ts';
import { findCandidates } from './overlap-candidates.ts';
import { buildDraftContext } from './overlap-context.ts';
import { scoreCandidate } from './overlap-score.ts';
import { minimumMatchScore, strongOverlapText } from './overlap-weights.ts';

/**
 * Checks a draft program (not stored) against everything funded that the viewer may see, and
 * returns the programs that overlap it, best first, each with a score (0–1) and the reasons in
 * words. Read-only: nothing is written. The draft's references (agency, partners, places, terms)
 * must exist, as for a create; otherwise VALIDATION_FAILED names what is unknown.
 */
export async function checkOverlap(options: {
  db: Executor;
  draft: ProgramInput;
  viewer: Viewer;
  excludeProgramId?: number;
  limit?: number;
}): Promise<OverlapCheckResult> {
  const { draft, viewer } = options;
  const limit = options.limit ?? 10;
  return inTransaction(options.db, async (tx) => {
    await validateProgramReferences({ db: tx, inputs: [draft], viewer });
    const context = await buildDraftContext(tx, draft);
    const candidates = await findCandidates({ db: tx, context, viewer, excludeProgramId: options.excludeProgramId });
    const maxRank = candidates.reduce((max, candidate) => Math.max(max, candidate.fullTextRank), 0);
    const titles = new Map(candidates.map((candidate) => [candidate.id, candidate.title]));
    const scored = candidates
      .map((candidate) => scoreCandidate(context, candidate, maxRank))
      .filter((match) => match.exactScore >= minimumMatchScore)
      .sort((left, right) => right.exactScore - left.exactScore || left.programId - right.programId)
      .slice(0, limit);
    return {
      candidates: candidates.length,
      matches: scored.map(({ exactScore: _exact, ...match }) => ({ ...match, title: titles.get(match.programId)! })),
    };
  });
}

/**
 * Whether a match is a strong overlap that a save must confirm: another agency's program with the
 * same partner, the same place, a shared fiscal year and similar words (see overlap-weights.ts).
 */
export function isStrongOverlap(match: OverlapMatch): boolean {
  const { partner = 0, place = 0, period = 0, text = 0 } = match.signals;
  return match.crossAgency && partner >= 1 && place >= 1 && period >= 1 && text >= strongOverlapText;
}

/**
 * The strong overlaps of a draft about to be saved, and those the writer has not confirmed by
 * program number: a save goes ahead only when `unconfirmed` is empty.
 */
export async function findStrongOverlaps(options: {
  db: Executor;
  draft: ProgramInput;
  viewer: Viewer;
  excludeProgramId?: number;
  confirmed?: number[];
}): Promise<{ result: OverlapCheckResult; strong: OverlapCheckResult['matches']; unconfirmed: OverlapCheckResult['matches'] }> {
  const result = await checkOverlap({
    db: options.db,
    draft: options.draft,
    viewer: options.viewer,
    excludeProgramId: options.excludeProgramId,
  });
  const strong = result.matches.filter(isStrongOverlap);
  const confirmed = new Set(options.confirmed ?? []);
  return { result, strong, unconfirmed: strong.filter((match) => !confirmed.has(match.programId)) };
}
