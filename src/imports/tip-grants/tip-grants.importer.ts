import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import { createOrganizationResolver, type OrganizationResolver } from '../../organizations/organization-resolver.ts';
import { splitRecipients } from '../shared/split-recipients.ts';
import { recordUnresolvedNames } from '../../organizations/organization.service.ts';
import { programInputSchema, type ProgramInput } from '../../programs/program.schemas.ts';
import { createPlaceResolver } from '../../reference/place-resolver.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { fiscalYearOf } from '../../shared/money.ts';
import { parseTipGrantsFile, type ImportProblem, type TipGrantsSource } from './tip-grants.parser.ts';
import { interpretRow, type GrantDraft, type RowOutcome } from './tip-grants.rows.ts';
import { writeProgramPlans, type ProgramPlan } from '../shared/program-plans.ts';

export const tipGrantsSource = 'tip-grants';

export type UnresolvedNameEntry = { kind: 'organization' | 'place'; name: string; occurrences: number; firstLine: number };

/** What an import did: every row read is counted exactly once in imported, merged, rejected, skipped or unchanged. */
export type TipGrantsImportReport = {
  read: number;
  imported: number;
  merged: number;
  rejected: number;
  skipped: number;
  unchanged: number;
  problems: ImportProblem[];
  unresolvedNames: UnresolvedNameEntry[];
  fundingAgencyId: string;
  encoding: 'utf-8' | 'windows-1252';
  fileSha256: string;
  dryRun: boolean;
};

export type TipGrantsProgress = { phase: 'reading' | 'writing'; done: number; total: number };

export type ImportTipGrantsOptions = TipGrantsSource & {
  db: Database;
  /** Agency recorded as the funder of every program; the listing itself does not say. Default 'state-tip'. */
  fundingAgencyId?: string;
  actor: Actor;
  /** Do everything, report it, then roll back. */
  dryRun?: boolean;
  /** Name recorded with the import run; defaults to the file's base name. */
  fileName?: string;
  onProgress?: (progress: TipGrantsProgress) => void;
};

class DryRunRollback extends Error {}

async function checkFundingAgency(db: Executor, id: string): Promise<void> {
  const [agency] = await db.select({ id: schema.agencies.id }).from(schema.agencies).where(eq(schema.agencies.id, id));
  if (agency) return;
  const known = await db.select({ id: schema.agencies.id }).from(schema.agencies).orderBy(schema.agencies.id);
  throw new AppError({
    code: 'VALIDATION_FAILED',
    message: `Unknown funding agency '${id}'. Known agencies: ${known.map((row) => row.id).join(', ')}`,
    details: [{ field: 'fundingAgencyId', message: `unknown agency '${id}'` }],
  });
}

async function loadPlaceNames(db: Executor): Promise<Map<string, string>> {
  // Sequential: inside a transaction both queries share one connection.
  const countries = await db.select({ code: schema.countries.code, name: schema.countries.name }).from(schema.countries);
  const regions = await db.select({ code: schema.regions.code, name: schema.regions.name }).from(schema.regions);
  return new Map([
    ...countries.map((row) => [`c:${row.code}`, row.name] as const),
    ...regions.map((row) => [`r:${row.code}`, row.name] as const),
  ]);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/** The organizations of a recipient cell that lists several, each known; undefined to treat the cell as one name. */
function recipientsOf(recipient: string, organizations: OrganizationResolver) {
  return splitRecipients(recipient, (name) => organizations.lookupReviewed(name));
}

/** The program a grant row describes, once its organizations are resolved. */
function buildInput(options: {
  grant: GrantDraft;
  fundingAgencyId: string;
  organizations: OrganizationResolver;
  placeNames: Map<string, string>;
}): ProgramInput {
  const { grant, fundingAgencyId, organizations, placeNames } = options;
  const placeLabel = grant.places
    .map((place) =>
      'countryCode' in place
        ? (placeNames.get(`c:${place.countryCode}`) ?? place.countryCode)
        : (placeNames.get(`r:${place.regionCode}`) ?? place.regionCode),
    )
    .join(', ');
  const partners: ProgramInput['partners'] = [];
  // A cell listing several known organizations makes each a partner; the cell itself is kept in the title and description.
  const primes = grant.recipient ? (recipientsOf(grant.recipient, organizations) ?? [organizations.get(grant.recipient)]) : [];
  for (const prime of primes) if (prime) partners.push({ organizationId: prime.organizationId, role: 'prime' });
  const sub = grant.subgrantees ? organizations.lookupReviewed(grant.subgrantees) : undefined;
  if (sub && !partners.some((partner) => partner.organizationId === sub.organizationId))
    partners.push({ organizationId: sub.organizationId, role: 'sub' });
  const description = [
    grant.recipient ? `Recipient as listed: ${grant.recipient}.` : 'The listing does not name the recipient.',
    grant.subgrantees ? `Sub-grantees as listed: ${grant.subgrantees}.` : '',
    grant.record.recipientIsSubgrantee ? 'The listing marks the recipient as a sub-grantee.' : '',
    grant.record.regional ? 'The listing marks the grant as regional.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const currentFiscalYear = fiscalYearOf(new Date());
  return programInputSchema.parse({
    title: `${truncate(grant.recipient ?? 'Unnamed recipient', 160)} — ${placeLabel}, FY${grant.fiscalYear}`,
    description,
    fundingAgencyId,
    status: grant.fiscalYear < currentFiscalYear ? 'completed' : 'active',
    visibility: 'public',
    // The listing gives fiscal years only; the start and end dates stay unknown.
    partners,
    places: grant.places,
    obligations: [{ fiscalYear: grant.fiscalYear, amountCents: grant.amountCents, amountNote: grant.amountNote }],
    assistanceTypes: grant.assistanceTypes,
    pillars: grant.pillars,
  });
}

function collectUnresolved(outcomes: RowOutcome[], organizations: OrganizationResolver): UnresolvedNameEntry[] {
  const entries = new Map<string, UnresolvedNameEntry>();
  const add = (kind: UnresolvedNameEntry['kind'], name: string, line: number) => {
    const key = `${kind}:${name.trim().toLowerCase()}`;
    const entry = entries.get(key);
    if (entry) entry.occurrences += 1;
    else entries.set(key, { kind, name: name.trim(), occurrences: 1, firstLine: line });
  };
  for (const outcome of outcomes) {
    if (outcome.kind === 'rejected' && outcome.unresolvedPlace) add('place', outcome.unresolvedPlace, outcome.line);
    if (outcome.kind !== 'grant') continue;
    for (const name of outcome.unresolvedPlaces) add('place', name, outcome.line);
    const recipient = outcome.grant.recipient;
    if (recipient && organizations.get(recipient)?.reviewed === false) add('organization', recipient, outcome.line);
  }
  return [...entries.values()].sort(
    (left, right) => left.kind.localeCompare(right.kind) || right.occurrences - left.occurrences || left.firstLine - right.firstLine,
  );
}

/**
 * Imports the State TIP grant listing in one transaction: every row ends imported, merged
 * (an exact duplicate of an earlier row), rejected, skipped (grant=0) or unchanged (already
 * imported), and the report says which and why. A failure rolls everything back; a dry run
 * does everything and rolls back. The run and its report are recorded in import_runs.
 */
export async function importTipGrants(options: ImportTipGrantsOptions): Promise<TipGrantsImportReport> {
  const { db, actor } = options;
  const fundingAgencyId = options.fundingAgencyId ?? 'state-tip';
  await checkFundingAgency(db, fundingAgencyId);
  const parsed = await parseTipGrantsFile(options);
  options.onProgress?.({ phase: 'reading', done: parsed.rows.length, total: parsed.rows.length });
  let report: TipGrantsImportReport | undefined;
  try {
    await db.transaction(async (tx) => {
      report = await importRows(tx, { ...options, fundingAgencyId, parsed });
      await tx.insert(schema.importRuns).values({
        source: tipGrantsSource,
        fileName: options.fileName ?? ('filePath' in options ? path.basename(options.filePath) : 'upload.csv'),
        fileSha256: parsed.sha256,
        actor: actor.name,
        report,
      });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return report!;
}

async function importRows(
  tx: Executor,
  options: ImportTipGrantsOptions & { fundingAgencyId: string; parsed: Awaited<ReturnType<typeof parseTipGrantsFile>> },
): Promise<TipGrantsImportReport> {
  const { parsed, fundingAgencyId, actor } = options;
  const places = await createPlaceResolver({ db: tx });
  const outcomes = parsed.rows.map((row) => interpretRow(row, places));
  const grants = outcomes.filter((outcome): outcome is Extract<RowOutcome, { kind: 'grant' }> => outcome.kind === 'grant');
  const organizations = await createOrganizationResolver({ db: tx, source: tipGrantsSource });
  // A cell split into known organizations needs no organization of its own; any other goes
  // through resolveAll, which files a name it cannot resolve for review.
  await organizations.resolveAll(
    grants.flatMap(({ grant }) =>
      grant.recipient && !recipientsOf(grant.recipient, organizations)
        ? [{ name: grant.recipient, typeCode: grant.recipientTypeCode }]
        : [],
    ),
  );
  const unresolvedNames = collectUnresolved(outcomes, organizations);
  await recordUnresolvedNames({
    db: tx,
    kind: 'place',
    source: tipGrantsSource,
    names: unresolvedNames.filter((entry) => entry.kind === 'place'),
  });
  const placeNames = await loadPlaceNames(tx);

  // Exact duplicates share a key: the first row makes the program, later rows merge into it.
  const groups = new Map<string, { lines: number[]; grant: GrantDraft }>();
  const problems: ImportProblem[] = [...parsed.problems];
  for (const outcome of grants) {
    const group = groups.get(outcome.grant.sourceKey);
    if (group) {
      group.lines.push(outcome.line);
      problems.push({
        line: outcome.line,
        field: 'row',
        message: `exact duplicate of line ${group.lines[0]}; merged into that program, its amount counted once`,
        severity: 'warning',
      });
    } else {
      groups.set(outcome.grant.sourceKey, { lines: [outcome.line], grant: outcome.grant });
    }
  }
  const plans: ProgramPlan[] = [...groups.values()].map(({ lines, grant }) => ({
    input: buildInput({ grant, fundingAgencyId, organizations, placeNames }),
    provenance: {
      source: tipGrantsSource,
      sourceKey: grant.sourceKey,
      sourceRecord: {
        lines,
        ...grant.record,
        fundingAgency: { id: fundingAgencyId, assignedBy: 'import option (the listing does not name the funder)' },
      },
    },
  }));
  const written = await writeProgramPlans({
    db: tx,
    source: tipGrantsSource,
    plans,
    actor,
    onProgress: (done, total) => options.onProgress?.({ phase: 'writing', done, total }),
  });

  const counts = { imported: 0, merged: 0, rejected: 0, skipped: 0, unchanged: 0 };
  for (const outcome of outcomes) {
    problems.push(...outcome.problems);
    if (outcome.kind !== 'grant') {
      counts[outcome.kind] += 1;
      continue;
    }
    const group = groups.get(outcome.grant.sourceKey)!;
    const result = written.get(outcome.grant.sourceKey);
    if (result === 'unchanged') counts.unchanged += 1;
    else if (group.lines[0] === outcome.line) counts.imported += 1;
    else counts.merged += 1;
  }
  const read = parsed.rows.length;
  const total = counts.imported + counts.merged + counts.rejected + counts.skipped + counts.unchanged;
  if (total !== read) {
    throw new AppError({ code: 'INTERNAL', message: `The import report does not reconcile: ${total} rows accounted for, ${read} read` });
  }
  problems.sort((left, right) => left.line - right.line);
  return {
    read,
    ...counts,
    problems,
    unresolvedNames,
    fundingAgencyId,
    encoding: parsed.encoding,
    fileSha256: parsed.sha256,
    dryRun: options.dryRun ?? false,
  };
}
