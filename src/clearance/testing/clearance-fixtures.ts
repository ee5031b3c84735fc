import type { Database } from '../../db/database.ts';
import { createProgram } from '../../programs/program.service.ts';
import { systemViewer } from '../../shared/actor.ts';
import { buildProgramInput, testActor } from '../../testing/fixtures.ts';
import { submitForClearance } from '../clearance.service.ts';

let serial = 0;

/** A restricted proposal of state-tip (pre-decisional), not yet circulated. */
export async function createProposal(db: Database, title = 'Proposed shelter grant'): Promise<number> {
  const input = buildProgramInput({ title: `${title} ${++serial}-${Date.now()}`, status: 'proposed', visibility: 'restricted' });
  return (await createProgram({ db, input, actor: testActor })).id;
}

/** A fresh state-tip proposal circulated to the SPOG members; returns the review id. */
export async function createOpenClearance(db: Database): Promise<{ reviewId: number; programId: number }> {
  const programId = await createProposal(db);
  const review = await submitForClearance({ db, input: { programId }, actor: testActor, viewer: systemViewer });
  return { reviewId: review.id, programId };
}
