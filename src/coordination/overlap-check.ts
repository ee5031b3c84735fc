import type { Executor } from '../db/database.ts';
import { validateProgramReferences } from '../programs/program-references.ts';
import type { ProgramInput } from '../programs/program.schemas.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Viewer } from '../shared/actor.ts';
import type { OverlapCheckResult } from './coordination.schemas.ts';
import { findCandidates } from './overlap-candidates.ts';
import { buildDraftContext } from './overlap-context.ts';
import { scoreCandidate } from './overlap-score.ts';
import { minimumMatchScore } from './overlap-weights.ts';

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
