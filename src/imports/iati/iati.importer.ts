import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import { createOrganizationResolver } from '../../organizations/organization-resolver.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { createImportReport, type ImportReport } from '../shared/import-report.ts';
import { recordImportRun, runImportTransaction } from '../shared/import-transaction.ts';
import type { ImportProblem } from '../shared/import-problem.ts';
import type { ImportProgress } from '../shared/progress.ts';
import { createSeenKeys } from '../shared/seen-keys.ts';
import type { PlaceLookups } from './iati.places.ts';
import { iatiSource } from './iati.plan.ts';
import { openIatiText } from './iati.text.ts';
import { createTraffickingMatcher } from './iati.trafficking.ts';
import { importBatch, type BatchContext } from './iati.batch.ts';
import { readIatiActivities } from './iati.xml-reader.ts';

/** IATI-specific figures of a report. */
export type IatiImportDetails = {
  fileName: string;
  iatiVersion: string | null;
  fundingAgencyOption: string | null;
  onlyTrafficking: boolean;
  /**
   * With --only-trafficking: the kept activities and the rules each matched, the first
   * `keptListLimit` of them (every program keeps its rules in sourceRecord.traffickingRules).
   */
  kept: { identifier: string; path: string; line: number; rules: string[] }[];
  /** Kept activities not listed in `kept` (0 unless more than `keptListLimit` were kept). */
  keptNotListed: number;
  /** Activities kept per rule (an activity matching two rules counts under both). */
  rulesMatched: Record<string, number>;
  transactions: number;
};

export type IatiImportReport = ImportReport<IatiImportDetails>;

export type ImportIatiFileOptions = {
  db: Database;
  filePath: string;
  actor: Actor;
  /** Agency recorded for activities whose funder is not a ctip agency; without it they are rejected. */
  fundingAgencyId?: string;
  onlyTrafficking?: boolean;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Activities per batch (default 500): memory holds one batch. */
  batchSize?: number;
};

/** A file whose root declares no version is read as 1.x, as most files without one are. */
const versionNotDeclaredWarning: ImportProblem = {
  line: 1,
  field: 'iati-activities/@version',
  message: 'the file declares no IATI version; read as 1.x (1.0–1.05)',
  severity: 'warning',
};

/** Throws VALIDATION_FAILED naming the known agencies when `id` is not one. */
export async function checkAgency(db: Executor, id: string): Promise<void> {
  const known = await db.select({ id: schema.agencies.id }).from(schema.agencies).orderBy(schema.agencies.id);
  if (known.some((row) => row.id === id)) return;
  throw new AppError({
    code: 'VALIDATION_FAILED',
    message: `Unknown funding agency '${id}'. Known agencies: ${known.map((row) => row.id).join(', ')}`,
    details: [{ field: 'fundingAgencyId', message: `unknown agency '${id}'` }],
  });
}

async function loadPlaceLookups(db: Executor): Promise<PlaceLookups> {
  const countries = await db
    .select({ code: schema.countries.code, alpha2: schema.countries.alpha2, historical: schema.countries.historical })
    .from(schema.countries);
  const regions = await db.select({ code: schema.regions.code }).from(schema.regions);
  return {
    // Withdrawn alpha-2 codes were reused by ISO: only current countries answer to them.
    alpha3ByAlpha2: new Map(
      countries.flatMap((row) => (row.alpha2 && !row.historical ? [[row.alpha2.toUpperCase(), row.code] as const] : [])),
    ),
    countryCodes: new Set(countries.map((row) => row.code)),
    regionCodes: new Set(regions.map((row) => row.code)),
  };
}

/**
 * Imports one IATI activity file (1.00–1.05, 2.01–2.03) in one transaction, streaming it
 * activity by activity in batches. Every activity read ends created, updated, rejected,
 * skipped (not about trafficking, with --only-trafficking) or unchanged; a file that is not
 * a readable activity file (DOCTYPE, not well-formed, truncated, organisation file…) throws
 * INVALID_FILE and writes nothing. A dry run does everything, reports it, and rolls back.
 */
export async function importIatiFile(options: ImportIatiFileOptions): Promise<IatiImportReport> {
  const { db, actor } = options;
  if (options.fundingAgencyId) await checkAgency(db, options.fundingAgencyId);
  const { source, text, problems: encodingProblems } = await openIatiText(options.filePath);
  const fileName = path.basename(options.filePath);
  return runImportTransaction({
    db,
    dryRun: options.dryRun ?? false,
    work: async (tx) => {
      const report = createImportReport({ source: iatiSource, dryRun: options.dryRun ?? false });
      const context: BatchContext = {
        db: tx,
        actor,
        report,
        fundingAgencyOption: options.fundingAgencyId,
        onlyTrafficking: options.onlyTrafficking ?? false,
        matcher: createTraffickingMatcher(),
        placeLookups: await loadPlaceLookups(tx),
        resolver: await createOrganizationResolver({ db: tx, source: iatiSource }),
        seen: await createSeenKeys(tx),
        kept: [],
        keptNotListed: 0,
        rulesMatched: {},
        transactions: 0,
      };
      let read = 0;
      let version: string | null = null;
      for await (const { header, activities } of readIatiActivities(text, { batchSize: options.batchSize ?? 500 })) {
        if (version === null && header.versionNotDeclared) report.problems([versionNotDeclaredWarning]);
        version = header.version;
        read += activities.length;
        await importBatch(context, header, activities);
        options.onProgress?.({ records: read, bytes: source.bytesRead(), totalBytes: source.sizeBytes });
      }
      report.problems(encodingProblems);
      const finished = report.finish<IatiImportDetails>({
        read,
        encoding: source.encoding,
        fileSha256: source.sha256,
        details: {
          fileName,
          iatiVersion: version,
          fundingAgencyOption: options.fundingAgencyId ?? null,
          onlyTrafficking: context.onlyTrafficking,
          kept: context.kept,
          keptNotListed: context.keptNotListed,
          rulesMatched: context.rulesMatched,
          transactions: context.transactions,
        },
      });
      await recordImportRun({ db: tx, fileName, actor, report: finished });
      return finished;
    },
  });
}
