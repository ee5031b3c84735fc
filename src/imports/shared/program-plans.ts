import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import { loadProgramDetails } from '../../programs/program-read.ts';
import { splitIntoBatches } from '../../programs/program-write.ts';
import { createPrograms, updateProgram, type ProgramProvenance } from '../../programs/program.service.ts';
import type { ProgramDetail, ProgramInput } from '../../programs/program.schemas.ts';
import type { Actor } from '../../shared/actor.ts';
import { systemViewer } from '../../shared/actor.ts';
import { centsText } from '../../shared/money.ts';

const { programs } = schema;

/** One program the import wants to exist, keyed by provenance.sourceKey. */
export type ProgramPlan = { input: ProgramInput; provenance: ProgramProvenance & { sourceKey: string } };

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)),
        )
      : item,
  );
}

const sorted = (values: string[]) => [...new Set(values)].sort();

function comparableInput(input: ProgramInput, sourceRecord: unknown): string {
  return canonical({
    title: input.title,
    description: input.description ?? null,
    fundingAgencyId: input.fundingAgencyId,
    status: input.status,
    visibility: input.visibility,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    partners: sorted(input.partners.map((partner) => `${partner.organizationId}:${partner.role}`)),
    places: sorted(input.places.map((place) => `${place.countryCode ?? ''}|${place.regionCode ?? ''}|${place.sharePercent ?? ''}`)),
    obligations: sorted(
      input.obligations.map((item) =>
        canonical([item.fiscalYear, item.amountCents === null ? null : centsText(item.amountCents), item.amountNote ?? null]),
      ),
    ),
    assistanceTypes: sorted(input.assistanceTypes),
    pillars: sorted(input.pillars),
    traffickingForms: sorted(input.traffickingForms),
    targetGroups: sorted(input.targetGroups),
    sourceRecord,
  });
}

function comparableDetail(detail: ProgramDetail): string {
  return comparableInput(
    {
      ...detail,
      fundingAgencyId: detail.fundingAgency.id,
      partners: detail.partners.map(({ organizationId, role }) => ({ organizationId, role })),
      places: detail.places.map((place) => ({
        ...(place.countryCode ? { countryCode: place.countryCode } : {}),
        ...(place.regionCode ? { regionCode: place.regionCode } : {}),
        sharePercent: place.sharePercent,
      })),
    },
    detail.sourceRecord,
  );
}

/**
 * Makes the database hold exactly the planned programs of a source: creates the missing ones in
 * batches, updates (through updateProgram, with history) those whose content differs, and leaves
 * the rest alone. Returns what happened to each source key.
 */
export async function writeProgramPlans(options: {
  db: Executor;
  source: string;
  plans: ProgramPlan[];
  actor: Actor;
  onProgress?: (done: number, total: number) => void;
}): Promise<Map<string, WriteOutcome>> {
  const { db, source, plans, actor } = options;
  const outcomes = new Map<string, WriteOutcome>();
  const existing = new Map<string, ProgramDetail>();
  for (const batch of splitIntoBatches(plans)) {
    const rows = await db
      .select({ id: programs.id })
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
    for (const detail of await loadProgramDetails({ db, ids: rows.map((row) => row.id) })) existing.set(detail.sourceKey!, detail);
  }
  const toCreate: ProgramPlan[] = [];
  let done = 0;
  for (const plan of plans) {
    const current = existing.get(plan.provenance.sourceKey);
    if (!current) {
      toCreate.push(plan);
      continue;
    }
    if (comparableDetail(current) === comparableInput(plan.input, plan.provenance.sourceRecord)) {
      outcomes.set(plan.provenance.sourceKey, 'unchanged');
    } else {
      await updateProgram({
        db,
        id: current.id,
        expectedVersion: current.version,
        input: plan.input,
        actor,
        viewer: systemViewer,
        provenance: plan.provenance,
      });
      outcomes.set(plan.provenance.sourceKey, 'updated');
    }
    done += 1;
  }
  options.onProgress?.(done, plans.length);
  for (const batch of splitIntoBatches(toCreate)) {
    await createPrograms({ db, items: batch, actor });
    for (const plan of batch) outcomes.set(plan.provenance.sourceKey, 'created');
    done += batch.length;
    options.onProgress?.(done, plans.length);
  }
  return outcomes;
}
