import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import { loadProgramDetails } from '../../programs/program-read.ts';
import { createPrograms, updateProgram } from '../../programs/program.service.ts';
import type { ProgramDetail, ProgramInput } from '../../programs/program.schemas.ts';
import { systemViewer, type Actor } from '../../shared/actor.ts';
import { centsText } from '../../shared/money.ts';
import { splitIntoBatches } from '../../programs/program-write.ts';
import type { WriteOutcome } from '../shared/program-plans.ts';

/** A program the import wants to exist: an update of `existing`, or a create with provenance. */
export type WritePlan = { input: ProgramInput; existing?: ProgramDetail; source: string; sourceKey: string | null; lines: number[] };

export type { WriteOutcome };

/** Finds the programs holding the given (source, source key) pairs, keyed "source\u0000key". */
export async function findBySourceKeys(db: Executor, keys: { source: string; sourceKey: string }[]): Promise<Map<string, ProgramDetail>> {
  const found = new Map<string, ProgramDetail>();
  const bySource = new Map<string, string[]>();
  for (const key of keys) bySource.set(key.source, [...(bySource.get(key.source) ?? []), key.sourceKey]);
  for (const [source, sourceKeys] of bySource) {
    for (const batch of splitIntoBatches(sourceKeys)) {
      const rows = await db
        .select({ id: schema.programs.id })
        .from(schema.programs)
        .where(and(eq(schema.programs.source, source), inArray(schema.programs.sourceKey, batch)));
      for (const detail of await loadProgramDetails({ db, ids: rows.map((row) => row.id) }))
        found.set(`${detail.source}\u0000${detail.sourceKey}`, detail);
    }
  }
  return found;
}

const sorted = (values: string[]) => [...values].sort();

/** The content an import can change, in a form where equal programs give equal text. */
function comparable(
  input: Omit<ProgramInput, 'places'> & {
    places: { countryCode?: string | null; regionCode?: string | null; sharePercent?: number | null }[];
  },
): string {
  return JSON.stringify([
    input.title,
    input.description ?? null,
    input.fundingAgencyId,
    input.status,
    input.visibility,
    input.startDate ?? null,
    input.endDate ?? null,
    sorted(input.partners.map((partner) => `${partner.organizationId}:${partner.role}`)),
    input.places.map((place) => `${place.countryCode ?? ''}|${place.regionCode ?? ''}|${place.sharePercent ?? ''}`),
    sorted(
      input.obligations.map((item) =>
        JSON.stringify([item.fiscalYear, item.amountCents === null ? null : centsText(item.amountCents), item.amountNote ?? null]),
      ),
    ),
    sorted(input.assistanceTypes),
    sorted(input.pillars),
    sorted(input.traffickingForms),
    input.targetGroups,
  ]);
}

function sameContent(detail: ProgramDetail, input: ProgramInput): boolean {
  const current = {
    ...detail,
    fundingAgencyId: detail.fundingAgency.id,
    partners: detail.partners.map(({ organizationId, role }) => ({ organizationId, role })),
  };
  return comparable(current) === comparable(input);
}

/**
 * Writes the plans: updates (through updateProgram, with history, keeping the record's source
 * record) where the content differs, leaves equal ones alone, and creates the rest in batches.
 * Returns the outcome of each plan, in order.
 */
export async function writePlans(options: { db: Executor; plans: WritePlan[]; actor: Actor; fileName: string }): Promise<WriteOutcome[]> {
  const { db, plans, actor } = options;
  const outcomes: WriteOutcome[] = [];
  const toCreate: WritePlan[] = [];
  for (const plan of plans) {
    if (!plan.existing) {
      toCreate.push(plan);
      outcomes.push('created');
    } else if (sameContent(plan.existing, plan.input)) {
      outcomes.push('unchanged');
    } else {
      await updateProgram({
        db,
        id: plan.existing.id,
        expectedVersion: plan.existing.version,
        input: plan.input,
        actor,
        viewer: systemViewer,
      });
      outcomes.push('updated');
    }
  }
  for (const batch of splitIntoBatches(toCreate)) {
    const items = batch.map((plan) => ({
      input: plan.input,
      provenance: {
        source: plan.source,
        sourceKey: plan.sourceKey,
        sourceRecord: { importedFrom: 'ctip-csv', fileName: options.fileName, lines: plan.lines },
      },
    }));
    await createPrograms({ db, items, actor });
  }
  return outcomes;
}
