import path from 'node:path';
import type { Database, Executor } from '../../db/database.ts';
import { createOrganizationResolver } from '../../organizations/organization-resolver.ts';
import { recordUnresolvedNames } from '../../organizations/organization.service.ts';
import { programInputSchema, type ProgramInput } from '../../programs/program.schemas.ts';
import { createPlaceResolver } from '../../reference/place-resolver.ts';
import type { Actor } from '../../shared/actor.ts';
import { formatUsd, MAX_STORED_CENTS } from '../../shared/money.ts';
import { openCsv } from '../shared/csv-reader.ts';
import { createImportReport, type ImportReport, type ImportReportBuilder } from '../shared/import-report.ts';
import { recordImportRun, runImportTransaction } from '../shared/import-transaction.ts';
import type { ImportProgress } from '../shared/progress.ts';
import { writeImportPlans, type ImportPlan } from '../shared/write-programs.ts';
import { faColumns, faOptionalColumns, type FaColumn } from './foreignassistance.columns.ts';
import { interpretFaRow, type FaRowDraft } from './foreignassistance.rows.ts';
import { traffickingRules } from './foreignassistance.rules.ts';

export const foreignAssistanceSource = 'foreignassistance';

export type ForeignAssistanceDetails = {
  /** Activities kept per rule (the first rule each matched). */
  rulesMatched: { rule: string; why: string; activities: number }[];
  activities: number;
  unmappedAgencies: { name: string; rows: number }[];
};

export type ForeignAssistanceReport = ImportReport<ForeignAssistanceDetails>;

export type ImportForeignAssistanceOptions = {
  db: Database;
  filePath: string;
  actor: Actor;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

type Activity = { rows: { line: number; draft: FaRowDraft }[] };

/**
 * Imports the ForeignAssistance.gov complete dataset: rows about trafficking (traffickingRules)
 * are grouped by Activity ID into one program each (upsert by activity id); every row is a
 * transaction, obligations also count in the program's obligations by fiscal year. Other rows
 * are skipped. One transaction; see README.md.
 */
export async function importForeignAssistance(options: ImportForeignAssistanceOptions): Promise<ForeignAssistanceReport> {
  const csv = await openCsv({
    filePath: options.filePath,
    expected: faColumns,
    layoutName: 'the ForeignAssistance.gov complete dataset layout',
    optional: faOptionalColumns,
  });
  const dryRun = options.dryRun ?? false;
  return runImportTransaction({
    db: options.db,
    dryRun,
    work: async (tx) => {
      const builder = createImportReport({ source: foreignAssistanceSource, dryRun });
      builder.problems(csv.text.problems);
      const places = await createPlaceResolver({ db: tx });
      const activities = new Map<string, Activity>();
      const unmapped = new Map<string, number>();
      let read = 0;
      for await (const record of csv.records) {
        read += 1;
        if (read % 5000 === 0) options.onProgress?.({ records: read, bytes: csv.text.bytesRead(), totalBytes: csv.text.sizeBytes });
        if (record.problem) {
          builder.problem(record.problem);
          builder.outcome('rejected');
          continue;
        }
        const outcome = interpretFaRow(
          { line: record.line, get: (column: FaColumn) => csv.get(record, column) },
          { places, columns: faColumns },
        );
        if (outcome.kind === 'skipped') {
          builder.outcome('skipped');
          continue;
        }
        builder.problems(outcome.problems);
        if (outcome.kind === 'rejected') {
          if (outcome.unmappedAgency) unmapped.set(outcome.unmappedAgency, (unmapped.get(outcome.unmappedAgency) ?? 0) + 1);
          builder.outcome('rejected');
          continue;
        }
        const activity = activities.get(outcome.draft.activityId) ?? { rows: [] };
        activity.rows.push({ line: record.line, draft: outcome.draft });
        activities.set(outcome.draft.activityId, activity);
      }
      await writeActivities(tx, builder, [...activities.values()], options.actor);
      const details = detailsOf(activities, unmapped);
      const report = builder.finish({ read, encoding: csv.text.encoding, fileSha256: csv.text.sha256, details });
      await recordUnresolvedNames({
        db: tx,
        kind: 'place',
        source: foreignAssistanceSource,
        names: report.unresolvedNames.filter((entry) => entry.kind === 'place'),
      });
      await recordImportRun({ db: tx, fileName: path.basename(options.filePath), actor: options.actor, report });
      return report;
    },
  });
}

function detailsOf(activities: Map<string, Activity>, unmapped: Map<string, number>): ForeignAssistanceDetails {
  const counts = new Map<string, number>();
  for (const activity of activities.values()) counts.set(activity.rows[0]!.draft.rule, (counts.get(activity.rows[0]!.draft.rule) ?? 0) + 1);
  return {
    rulesMatched: traffickingRules
      .filter((rule) => counts.has(rule.id))
      .map((rule) => ({ rule: rule.id, why: rule.why, activities: counts.get(rule.id)! })),
    activities: activities.size,
    unmappedAgencies: [...unmapped].map(([name, rows]) => ({ name, rows })),
  };
}

/** Obligations per fiscal year: the sum of the activity's obligation rows, never negative unnoticed. */
function obligationsOf(activity: Activity, builder: ImportReportBuilder): ProgramInput['obligations'] {
  const byYear = new Map<number, bigint>();
  for (const { draft } of activity.rows) {
    if (draft.transaction.transactionType !== 'commitment') continue;
    byYear.set(draft.transaction.fiscalYear, (byYear.get(draft.transaction.fiscalYear) ?? 0n) + draft.transaction.amountMinor);
  }
  return [...byYear]
    .sort(([left], [right]) => left - right)
    .map(([fiscalYear, cents]) => {
      if (cents >= 0n && cents <= MAX_STORED_CENTS) return { fiscalYear, amountCents: cents.toString(), amountNote: null };
      const note =
        cents < 0n
          ? `Net deobligation of ${formatUsd(-cents)} in FY${fiscalYear}`
          : `Obligations of ${formatUsd(cents)} in FY${fiscalYear}, more than can be stored`;
      builder.problem({
        line: activity.rows[0]!.line,
        field: 'Current Dollar Amount',
        message: `${note} for activity ${activity.rows[0]!.draft.activityId}; the year's obligation is stored as unknown, the rows kept as transactions`,
        severity: 'warning',
      });
      return { fiscalYear, amountCents: null, amountNote: note };
    });
}

function placesOf(activity: Activity, builder: ImportReportBuilder): ProgramInput['places'] {
  const places = new Map<string, ProgramInput['places'][number]>();
  for (const { line, draft } of activity.rows) {
    if (!draft.place) continue;
    if ('unresolved' in draft.place) builder.unresolved('place', draft.place.unresolved, line);
    else places.set(JSON.stringify(draft.place), { ...draft.place });
  }
  return [...places.values()];
}

function planOf(activity: Activity, builder: ImportReportBuilder, partnerId: number | undefined): ImportPlan | string {
  const first = activity.rows[0]!.draft;
  const today = new Date().toISOString().slice(0, 10);
  const endDate = first.endDate && first.startDate && first.endDate < first.startDate ? null : first.endDate;
  const parsed = programInputSchema.safeParse({
    title: first.title,
    description: first.description,
    fundingAgencyId: first.agencyId,
    status: endDate && endDate < today ? 'completed' : 'active',
    startDate: first.startDate,
    endDate,
    partners: partnerId ? [{ organizationId: partnerId, role: 'prime' }] : [],
    places: placesOf(activity, builder),
    obligations: obligationsOf(activity, builder),
  });
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  const sourceRecord = {
    rule: first.rule,
    lines: activity.rows.map((row) => row.line),
    rows: activity.rows.map((row) => row.draft.fields),
  };
  return {
    input: parsed.data,
    provenance: { source: foreignAssistanceSource, sourceKey: `activity-${first.activityId}`, sourceRecord },
    transactions: activity.rows.map((row) => row.draft.transaction),
  };
}

async function writeActivities(tx: Executor, builder: ImportReportBuilder, activities: Activity[], actor: Actor): Promise<void> {
  const organizations = await createOrganizationResolver({ db: tx, source: foreignAssistanceSource });
  for (let start = 0; start < activities.length; start += 500) {
    const batch = activities.slice(start, start + 500);
    await organizations.resolveAll(
      batch.flatMap((activity) => (activity.rows[0]!.draft.partner ? [{ name: activity.rows[0]!.draft.partner }] : [])),
    );
    const plans: { activity: Activity; plan: ImportPlan }[] = [];
    for (const activity of batch) {
      const { line, draft } = activity.rows[0]!;
      const partner = draft.partner ? organizations.get(draft.partner) : undefined;
      if (partner && !partner.reviewed) builder.unresolved('organization', draft.partner!, line);
      const plan = planOf(activity, builder, partner?.organizationId);
      if (typeof plan === 'string') {
        builder.problem({
          line,
          field: 'row',
          message: `activity ${draft.activityId} does not make a valid program (${plan}); its ${activity.rows.length} rows are rejected`,
          severity: 'error',
        });
        builder.outcome('rejected', activity.rows.length);
      } else plans.push({ activity, plan });
    }
    const outcomes = await writeImportPlans({ db: tx, source: foreignAssistanceSource, plans: plans.map((entry) => entry.plan), actor });
    for (const { activity, plan } of plans) {
      const outcome = outcomes.get(plan.provenance.sourceKey)!;
      // The first row makes or changes the program; its other rows are merged into it.
      builder.outcome(outcome);
      builder.outcome(outcome === 'unchanged' ? 'unchanged' : 'merged', activity.rows.length - 1);
    }
  }
}
