// One backend of the USAspending suite, in its own process (so peak RSS is this work's only):
// parse-only over the file, COPY of the kept rows into a scratch table, then the import.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openCsv } from '../src/imports/shared/csv-reader.ts';
import { usaspendingColumns } from '../src/imports/usaspending/usaspending.columns.ts';
import { importUsaspending } from '../src/imports/usaspending/usaspending.importer.ts';
import { listingsOf } from '../src/imports/usaspending/usaspending.rows.ts';
import { openFreshDatabase, readServerPeakRssBytes, readVersion, type BackendName } from './backends.ts';
import { measureStep, type Measured } from './measure.ts';

export type UsaspendingJob = {
  backend: BackendName;
  clusterUrl?: string;
  filePath: string;
  keptPath: string;
  rows: number;
  keptRows: number;
  resultPath: string;
};

export type UsaspendingStep = {
  backend: BackendName;
  rows: number;
  step: 'parse-only' | 'copy' | 'import';
  records: number;
  ms: number;
  recordsPerSecond: number;
  mbPerSecond: number;
  peakRssMiB: number;
  serverPeakRssMiB?: number;
  note?: string;
};

/** What the importer reads, without the database: decode, CSV, the listing filter. */
async function parseOnly(filePath: string): Promise<number> {
  const csv = await openCsv({
    filePath,
    expected: usaspendingColumns,
    layoutName: 'the USAspending assistance prime-award summary layout',
  });
  const listings = new Set(['16.320', '93.598', '93.327']);
  let read = 0;
  let kept = 0;
  for await (const record of csv.records) {
    read += 1;
    if (listingsOf(csv.get(record, 'cfda_numbers_and_titles')).some((listing) => listings.has(listing))) kept += 1;
  }
  if (kept === 0) throw new Error('parse-only found no row under the listings: the generator and the filter disagree');
  return read;
}

function step(
  job: UsaspendingJob,
  name: UsaspendingStep['step'],
  records: number,
  bytes: number,
  measured: Measured<unknown>,
  note?: string,
): UsaspendingStep {
  const seconds = measured.ms / 1000;
  return {
    backend: job.backend,
    rows: job.rows,
    step: name,
    records,
    ms: Math.round(measured.ms),
    recordsPerSecond: Math.round(records / seconds),
    mbPerSecond: Math.round((bytes / 1e6 / seconds) * 10) / 10,
    peakRssMiB: Math.round(measured.peakRssBytes / 1048576),
    ...(note ? { note } : {}),
  };
}

const copyTable = `CREATE TABLE bench_usaspending_copy (${usaspendingColumns.map((column) => `"${column.toLowerCase()}" text`).join(', ')})`;

async function run(job: UsaspendingJob): Promise<{ version: string; steps: UsaspendingStep[] }> {
  const bytes = statSync(job.filePath).size;
  const keptBytes = statSync(job.keptPath).size;
  const steps: UsaspendingStep[] = [];
  const parsed = await measureStep(() => parseOnly(job.filePath));
  steps.push(step(job, 'parse-only', parsed.result, bytes, parsed, 'decode + CSV + listing filter over every row'));
  const handle = await openFreshDatabase(job.backend, job.clusterUrl);
  try {
    const version = await readVersion(handle.db);
    await handle.db.execute(sql.raw(copyTable));
    const blob = job.backend === 'pglite' ? new Blob([readFileSync(job.keptPath)]) : undefined;
    const copied = await measureStep(async () => {
      if (blob)
        await (handle.db as unknown as { $client: PGlite }).$client.query(
          "COPY bench_usaspending_copy FROM '/dev/blob' WITH (FORMAT csv)",
          [],
          { blob },
        );
      else await handle.db.execute(sql.raw(`COPY bench_usaspending_copy FROM '${job.keptPath}' WITH (FORMAT csv)`));
    });
    steps.push(step(job, 'copy', job.keptRows, keptBytes, copied, 'COPY of the kept rows (all 100 columns as text) into a scratch table'));
    const imported = await measureStep(() =>
      importUsaspending({ db: handle.db, filePath: job.filePath, actor: { name: 'bench', door: 'import' } }),
    );
    const report = imported.result;
    const serverPeak = job.backend === 'postgres' ? await readServerPeakRssBytes(handle.db) : undefined;
    const importStep = step(
      job,
      'import',
      report.read,
      bytes,
      imported,
      `${report.imported} awards imported, ${report.skipped} skipped, ${report.rejected} rejected`,
    );
    if (serverPeak) importStep.serverPeakRssMiB = Math.round(serverPeak / 1048576);
    steps.push(importStep);
    return { version, steps };
  } finally {
    await handle.close();
  }
}

const job = JSON.parse(process.env.BENCH_USASPENDING_JOB ?? '{}') as UsaspendingJob;
writeFileSync(job.resultPath, JSON.stringify(await run(job)));
