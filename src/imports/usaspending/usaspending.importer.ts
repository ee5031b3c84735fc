import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Database, Executor } from '../../db/database.ts';
import { createOrganizationResolver, type OrganizationResolver } from '../../organizations/organization-resolver.ts';
import { recordUnresolvedNames } from '../../organizations/organization.service.ts';
import { programInputSchema, type ProgramInput } from '../../programs/program.schemas.ts';
import { createPlaceResolver, type PlaceResolver } from '../../reference/place-resolver.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { openCsv, type CsvFile, type CsvRecord } from '../shared/csv-reader.ts';
import { createImportReport, type ImportReport, type ImportReportBuilder } from '../shared/import-report.ts';
import { recordImportRun, runImportTransaction } from '../shared/import-transaction.ts';
import { attachIdentifiers, findOrganizationsByIdentifier } from '../shared/organization-identifiers.ts';
import type { ImportProgress } from '../shared/progress.ts';
import { writeImportPlans, type ImportPlan } from '../shared/write-programs.ts';
import { centsText, toCents } from '../../shared/money.ts';
import { defaultListings } from './usaspending.agencies.ts';
import { usaspendingColumns, type UsaspendingColumn } from './usaspending.columns.ts';
import { interpretRow, type AwardDraft } from './usaspending.rows.ts';

export const usaspendingSource = 'usaspending';

/** Totals a person can check by hand against the source: per agency and fiscal year. */
export type UsaspendingDetails = {
  listings: string[];
  /** `obligatedCents` is a decimal string, exact at any size. */
  totals: { fundingAgencyId: string; fiscalYear: number; awards: number; obligatedCents: string; negativeAwards: number }[];
  unmappedAgencies: { name: string; rows: number }[];
};

export type UsaspendingReport = ImportReport<UsaspendingDetails>;

export type ImportUsaspendingOptions = {
  db: Database;
  filePath: string;
  /** Assistance listings kept (CFDA numbers like "16.320"); default: defaultListings. */
  listings?: string[];
  actor: Actor;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

/** Awards written per batch: memory stays flat however long the file. */
const batchSize = 500;

type Pending = { line: number; award: AwardDraft };

/**
 * What the duplicate check keeps per kept award for the whole file: a hash of the row, not the
 * row, so memory grows by about a hundred bytes per kept award (the key), not by the row.
 */
type Seen = { line: number; fingerprint: string; outcome?: string; duplicates: number };

/** SHA-1 of the row's values: tells an exact duplicate from a conflicting row. */
const fingerprintOf = (record: unknown) => createHash('sha1').update(JSON.stringify(record)).digest('base64');

function checkListings(listings: string[]): string[] {
  const bad = listings.filter((listing) => !/^\d{2}\.\d{3}$/.test(listing));
  if (bad.length || listings.length === 0) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `Assistance listings must be numbers like 16.320${bad.length ? `; not: ${bad.join(', ')}` : ''}`,
      details: [{ field: 'listings', message: 'expected a comma-separated list of NN.NNN numbers' }],
    });
  }
  return [...new Set(listings)].sort();
}

/**
 * Imports a USAspending assistance prime-award summary download: awards under the given
 * assistance listings become programs (upsert by assistance_award_unique_key), other rows are
 * skipped. Streams the file and writes in batches inside ONE transaction; see README.md.
 */
export async function importUsaspending(options: ImportUsaspendingOptions): Promise<UsaspendingReport> {
  const listings = checkListings(options.listings ?? Object.keys(defaultListings));
  const csv = await openCsv({
    filePath: options.filePath,
    expected: usaspendingColumns,
    layoutName: 'the USAspending assistance prime-award summary layout',
  });
  const dryRun = options.dryRun ?? false;
  return runImportTransaction({
    db: options.db,
    dryRun,
    work: async (tx) => {
      const report = await importRecords(tx, csv, { ...options, dryRun, listings });
      await recordImportRun({ db: tx, fileName: path.basename(options.filePath), actor: options.actor, report });
      return report;
    },
  });
}

async function importRecords(
  tx: Executor,
  csv: CsvFile,
  options: ImportUsaspendingOptions & { dryRun: boolean; listings: string[] },
): Promise<UsaspendingReport> {
  const builder = createImportReport({ source: usaspendingSource, dryRun: options.dryRun });
  builder.problems(csv.text.problems);
  const places = await createPlaceResolver({ db: tx });
  const organizations = await createOrganizationResolver({ db: tx, source: usaspendingSource });
  const state = {
    seen: new Map<string, Seen>(),
    unmapped: new Map<string, number>(),
    totals: new Map<string, UsaspendingDetails['totals'][number]>(),
  };
  const listingSet = new Set(options.listings);
  const context = { tx, builder, organizations, actor: options.actor, totals: state.totals, seen: state.seen };
  let batch: Pending[] = [];
  let read = 0;
  for await (const record of csv.records) {
    read += 1;
    if (read % 5000 === 0) options.onProgress?.({ records: read, bytes: csv.text.bytesRead(), totalBytes: csv.text.sizeBytes });
    const pending = readRecord(record, csv, { builder, places, listings: listingSet, state });
    if (pending) batch.push(pending);
    if (batch.length >= batchSize) {
      await writeBatch(context, batch);
      batch = [];
    }
  }
  await writeBatch(context, batch);
  // An exact duplicate is 'merged' into a program this import wrote, 'unchanged' when it was.
  for (const first of state.seen.values()) {
    if (first.duplicates) builder.outcome(first.outcome === 'unchanged' ? 'unchanged' : 'merged', first.duplicates);
  }
  options.onProgress?.({ records: read, bytes: csv.text.sizeBytes, totalBytes: csv.text.sizeBytes });
  const report = builder.finish({
    read,
    encoding: csv.text.encoding,
    fileSha256: csv.text.sha256,
    details: detailsOf(options.listings, state),
  });
  await recordUnresolvedNames({
    db: tx,
    kind: 'place',
    source: usaspendingSource,
    names: report.unresolvedNames.filter((entry) => entry.kind === 'place'),
  });
  return report;
}

function detailsOf(
  listings: string[],
  state: { unmapped: Map<string, number>; totals: Map<string, UsaspendingDetails['totals'][number]> },
): UsaspendingDetails {
  return {
    listings,
    totals: [...state.totals.values()].sort(
      (left, right) => left.fundingAgencyId.localeCompare(right.fundingAgencyId) || left.fiscalYear - right.fiscalYear,
    ),
    unmappedAgencies: [...state.unmapped].map(([name, rows]) => ({ name, rows })).sort((left, right) => right.rows - left.rows),
  };
}

/** One record: skipped, rejected or merged here (counted), or an award to write. */
function readRecord(
  record: CsvRecord,
  csv: CsvFile,
  context: {
    builder: ImportReportBuilder;
    places: PlaceResolver;
    listings: Set<string>;
    state: { seen: Map<string, Seen>; unmapped: Map<string, number> };
  },
): Pending | undefined {
  const { builder, state } = context;
  if (record.problem) {
    builder.problem(record.problem);
    builder.outcome('rejected');
    return undefined;
  }
  const row = { line: record.line, get: (column: UsaspendingColumn) => csv.get(record, column) };
  const outcome = interpretRow(row, { listings: context.listings, places: context.places, columns: usaspendingColumns });
  if (outcome.kind === 'skipped') {
    builder.outcome('skipped');
    return undefined;
  }
  builder.problems(outcome.problems);
  if (outcome.kind === 'rejected') {
    if (outcome.unmappedAgency) state.unmapped.set(outcome.unmappedAgency, (state.unmapped.get(outcome.unmappedAgency) ?? 0) + 1);
    builder.outcome('rejected');
    return undefined;
  }
  const { award } = outcome;
  const fingerprint = fingerprintOf(award.record);
  const first = state.seen.get(award.key);
  if (first) {
    const same = first.fingerprint === fingerprint;
    builder.problem({
      line: record.line,
      field: 'assistance_award_unique_key',
      message: same
        ? `exact duplicate of line ${first.line}; counted once`
        : `the award is also on line ${first.line} with other values; the summary has one row per award, so this row is rejected`,
      severity: same ? 'warning' : 'error',
    });
    if (same) first.duplicates += 1;
    else builder.outcome('rejected');
    return undefined;
  }
  state.seen.set(award.key, { line: record.line, fingerprint, duplicates: 0 });
  if (award.place && 'unresolved' in award.place) builder.unresolved('place', award.place.unresolved, record.line);
  return { line: record.line, award };
}

type BatchContext = {
  tx: Executor;
  builder: ImportReportBuilder;
  organizations: OrganizationResolver;
  actor: Actor;
  totals: Map<string, UsaspendingDetails['totals'][number]>;
  seen: Map<string, Seen>;
};

/** Recipients by UEI first, then by name (reviewed alias, or a new unreviewed organization). */
async function resolveRecipients(context: BatchContext, batch: Pending[]): Promise<Map<string, number>> {
  const { tx, organizations, builder } = context;
  const ueis = batch.flatMap(({ award }) => (award.recipient.uei ? [award.recipient.uei] : []));
  const byUei = await findOrganizationsByIdentifier({ db: tx, scheme: 'uei', values: ueis });
  const byName = batch.filter(({ award }) => award.recipient.name && !(award.recipient.uei && byUei.has(award.recipient.uei)));
  await organizations.resolveAll(byName.map(({ award }) => ({ name: award.recipient.name! })));
  const result = new Map<string, number>();
  const attach: { value: string; organizationId: number }[] = [];
  for (const { line, award } of batch) {
    const { uei, name } = award.recipient;
    if (!name) continue;
    const found = uei ? byUei.get(uei) : undefined;
    const resolution = found ?? organizations.get(name)!;
    if (!found && uei) attach.push({ value: uei, organizationId: resolution.organizationId });
    if (!resolution.reviewed) builder.unresolved('organization', name, line);
    result.set(award.key, resolution.organizationId);
  }
  await attachIdentifiers({ db: tx, scheme: 'uei', entries: attach });
  return result;
}

function inputOf(award: AwardDraft, organizationId: number | undefined): ProgramInput | string {
  const today = new Date().toISOString().slice(0, 10);
  const parsed = programInputSchema.safeParse({
    title: award.title,
    description: award.description,
    fundingAgencyId: award.fundingAgencyId,
    status: award.endDate && award.endDate < today ? 'completed' : 'active',
    visibility: 'public',
    startDate: award.startDate,
    endDate: award.endDate,
    partners: organizationId ? [{ organizationId, role: 'prime' }] : [],
    places: award.place && 'countryCode' in award.place ? [{ countryCode: award.place.countryCode }] : [],
    obligations: [{ fiscalYear: award.fiscalYear, ...award.obligation }],
    // The three default listings fund services to victims: the protection pillar.
    pillars: award.listings.some((listing) => listing in defaultListings) ? ['protection'] : [],
  });
  return parsed.success ? parsed.data : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

async function writeBatch(context: BatchContext, batch: Pending[]): Promise<void> {
  if (batch.length === 0) return;
  const recipients = await resolveRecipients(context, batch);
  const plans: (ImportPlan & { line: number; award: AwardDraft })[] = [];
  for (const { line, award } of batch) {
    const input = inputOf(award, recipients.get(award.key));
    if (typeof input === 'string') {
      context.builder.problem({ line, field: 'row', message: `the award does not make a valid program (${input})`, severity: 'error' });
      context.builder.outcome('rejected');
      context.seen.get(award.key)!.outcome = 'rejected';
      continue;
    }
    const sourceRecord = { listings: award.listings, fields: award.record };
    plans.push({
      line,
      award,
      input,
      provenance: { source: usaspendingSource, sourceKey: award.key, sourceRecord },
      transactions: award.transactions,
    });
  }
  const outcomes = await writeImportPlans({ db: context.tx, source: usaspendingSource, plans, actor: context.actor });
  for (const plan of plans) {
    const outcome = outcomes.get(plan.award.key)!;
    context.builder.outcome(outcome);
    context.seen.get(plan.award.key)!.outcome = outcome;
    addToTotals(context.totals, plan.award);
  }
}

function addToTotals(totals: BatchContext['totals'], award: AwardDraft): void {
  const key = `${award.fundingAgencyId}|${award.fiscalYear}`;
  const entry = totals.get(key) ?? {
    fundingAgencyId: award.fundingAgencyId,
    fiscalYear: award.fiscalYear,
    awards: 0,
    obligatedCents: '0',
    negativeAwards: 0,
  };
  entry.awards += 1;
  entry.obligatedCents = centsText(toCents(entry.obligatedCents) + toCents(award.obligation.amountCents ?? 0));
  if (award.transactions.some((transaction) => transaction.transactionType === 'commitment' && (transaction.amountMinor ?? 0n) < 0n))
    entry.negativeAwards += 1;
  totals.set(key, entry);
}
