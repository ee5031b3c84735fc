import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { writeProgramPlans, type ProgramPlan, type WriteOutcome } from './program-plans.ts';

export type { ProgramPlan, WriteOutcome };

/** A money movement as the source reports it (program_transactions). */
export type TransactionInput = {
  /** commitment | disbursement | obligation | deobligation | … */
  transactionType: string;
  valueDate: string | null;
  fiscalYear: number | null;
  amountMinor: bigint | null;
  currency: string;
  description?: string | null;
  /** Where in the source it came from: "line 12" or an element path. */
  sourceLocation: string | null;
};

/** A program plan with the source's transactions. */
export type ImportPlan = ProgramPlan & { transactions?: TransactionInput[] };

const { programs, programTransactions } = schema;

function transactionKey(transaction: TransactionInput): unknown[] {
  return [
    transaction.transactionType,
    transaction.valueDate,
    transaction.fiscalYear,
    transaction.amountMinor?.toString() ?? null,
    transaction.currency,
    transaction.description ?? null,
    transaction.sourceLocation,
  ];
}

/**
 * Makes the database hold exactly these programs of one source (create in batches, update with
 * history, leave identical ones alone: `writeProgramPlans`) and their transactions. The
 * transactions are also put in `sourceRecord.transactions`, so a change in them alone makes
 * the program 'updated' (with history) and an identical re-import 'unchanged'. `sourceRecord`
 * must therefore be an object. Call it inside the import transaction.
 */
export async function writeImportPlans(options: {
  db: Executor;
  source: string;
  plans: ImportPlan[];
  actor: Actor;
}): Promise<Map<string, WriteOutcome>> {
  const { db, source, actor } = options;
  const plans: ProgramPlan[] = options.plans.map((plan) => ({
    input: plan.input,
    provenance: {
      ...plan.provenance,
      sourceRecord: plan.transactions
        ? { ...(plan.provenance.sourceRecord as object), transactions: plan.transactions.map(transactionKey) }
        : plan.provenance.sourceRecord,
    },
  }));
  const outcomes = await writeProgramPlans({ db, source, plans, actor });
  const changed = options.plans.filter((plan) => plan.transactions && outcomes.get(plan.provenance.sourceKey) !== 'unchanged');
  for (let start = 0; start < changed.length; start += 400) {
    const batch = changed.slice(start, start + 400);
    const rows = await db
      .select({ id: programs.id, sourceKey: programs.sourceKey })
      .from(programs)
      .where(
        and(
          eq(programs.source, source),
          inArray(
            programs.sourceKey,
            batch.map((plan) => plan.provenance.sourceKey),
          ),
        ),
      );
    const ids = new Map(rows.map((row) => [row.sourceKey!, row.id]));
    await db.delete(programTransactions).where(
      inArray(
        programTransactions.programId,
        rows.map((row) => row.id),
      ),
    );
    const values = batch.flatMap((plan) =>
      plan.transactions!.map((transaction) => ({
        ...transaction,
        description: transaction.description ?? null,
        programId: ids.get(plan.provenance.sourceKey)!,
      })),
    );
    for (let at = 0; at < values.length; at += 1000) await db.insert(programTransactions).values(values.slice(at, at + 1000));
  }
  return outcomes;
}
