import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';

const { programTransactions, programNarratives } = schema;

/** A money movement as the source reported it; `amountMinor` is in minor units of `currency`. */
export type ProgramTransactionInput = {
  transactionType: string;
  valueDate: string | null;
  fiscalYear: number | null;
  amountMinor: bigint | null;
  currency: string;
  description: string | null;
  sourceLocation: string | null;
};

/** A title or description in a language other than the program's main one. */
export type ProgramNarrativeInput = { field: 'title' | 'description'; language: string; text: string };

export type ProgramSourceDetails = { transactions: ProgramTransactionInput[]; narratives: ProgramNarrativeInput[] };

const batchSize = 1000;

async function insertInBatches<T extends Record<string, unknown>>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) await insert(rows.slice(start, start + batchSize));
}

/**
 * Makes each program's narratives exactly the given ones (deletes what was there, inserts the
 * new rows in multi-row statements). For importers; call it inside the import's transaction,
 * after the programs exist. (Transactions are written by the shared import writer.)
 */
export async function replaceProgramNarratives(options: {
  db: Executor;
  items: { programId: number; narratives: ProgramNarrativeInput[] }[];
}): Promise<void> {
  const { db, items } = options;
  const ids = items.map((item) => item.programId);
  for (let start = 0; start < ids.length; start += batchSize) {
    await db.delete(programNarratives).where(inArray(programNarratives.programId, ids.slice(start, start + batchSize)));
  }
  const narratives = items.flatMap(({ programId, narratives }) => narratives.map((narrative) => ({ programId, ...narrative })));
  await insertInBatches(narratives, (batch) => db.insert(programNarratives).values(batch));
}

/** The transactions (in insertion order) and narratives of programs, by program id. */
export async function loadProgramSourceDetails(options: {
  db: Executor;
  programIds: number[];
}): Promise<Map<number, ProgramSourceDetails>> {
  const { db, programIds } = options;
  const details = new Map<number, ProgramSourceDetails>(programIds.map((id) => [id, { transactions: [], narratives: [] }]));
  for (let start = 0; start < programIds.length; start += batchSize) {
    const batch = programIds.slice(start, start + batchSize);
    const transactions = await db
      .select()
      .from(programTransactions)
      .where(inArray(programTransactions.programId, batch))
      .orderBy(programTransactions.id);
    for (const { id: _id, programId, ...transaction } of transactions) details.get(programId)!.transactions.push(transaction);
    const narratives = await db
      .select()
      .from(programNarratives)
      .where(inArray(programNarratives.programId, batch))
      .orderBy(programNarratives.field, programNarratives.language);
    for (const { programId, field, language, text } of narratives)
      details.get(programId)!.narratives.push({ field: field as ProgramNarrativeInput['field'], language, text });
  }
  return details;
}
