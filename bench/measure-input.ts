// One measuring process: one input file on one backend. main.ts starts a fresh process for
// each pair, so a peak RSS belongs to that pair alone and not to a PGlite instance (whose
// WASM memory is not handed back on close) left over from an earlier measurement.
import { writeFileSync } from 'node:fs';
import type { DatabaseHandle } from '../src/db/database.ts';
import { importTipGrants } from '../src/imports/tip-grants/tip-grants.importer.ts';
import { openFreshDatabase, readServerPeakRssBytes, readVersion, type BackendName } from './backends.ts';
import { createScratchTable, dropScratchTable, insertRawRows, parseOnly, readRowsForInsert } from './baselines.ts';
import { measureStep, runWithTimeLimit, TimeLimitError, type Measured } from './measure.ts';
import { toMiB, type ImportCounts, type StepName, type StepResult } from './report.ts';

/** One input file of the benchmark. */
export type BenchInput = {
  name: string;
  filePath: string;
  rows: number;
  bytes: number;
  /** Import it a second time into the same database (the idempotent re-import). */
  reimport: boolean;
};

/** What main.ts asks one measuring process to do (passed as JSON in BENCH_JOB). */
export type MeasureJob = { backend: BackendName; clusterUrl?: string; input: BenchInput; stepLimitMs: number; resultPath: string };

/** What one measuring process writes to resultPath. */
export type MeasureJobResult = { version?: string; steps: StepResult[] };

type Context = { job: MeasureJob; handle?: DatabaseHandle };

function log(job: MeasureJob, message: string): void {
  process.stderr.write(`  [${job.backend} ${job.input.name}] ${message}\n`);
}

function summarize(measured: Measured<unknown>, rows: number): Pick<StepResult, 'ms' | 'rowsPerSecond' | 'startRssMiB' | 'peakRssMiB'> {
  return {
    ms: Math.round(measured.ms),
    rowsPerSecond: Math.round(rows / (measured.ms / 1000)),
    startRssMiB: toMiB(measured.startRssBytes),
    peakRssMiB: toMiB(measured.peakRssBytes),
  };
}

function describeError(error: unknown): string {
  if (error instanceof TimeLimitError) return `abandoned: ${error.message}`;
  return `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
}

/** Server memory, for PostgreSQL only: PGlite's is already in this process's RSS. */
async function readServerPeak(context: Context): Promise<Pick<StepResult, 'serverPeakRssMiB'>> {
  if (context.job.backend !== 'postgres' || !context.handle) return {};
  const bytes = await readServerPeakRssBytes(context.handle.db);
  return bytes === undefined ? {} : { serverPeakRssMiB: toMiB(bytes) };
}

/**
 * The parse-only baseline, five times after one warm-up, in this same process before any
 * database is open; the median is kept so one stall of the machine does not move every ratio.
 */
async function measureParseOnly(context: Context): Promise<StepResult> {
  const { job } = context;
  await parseOnly(job.input.filePath);
  const runs: Measured<{ rows: number }>[] = [];
  for (let run = 0; run < 5; run += 1) runs.push(await measureStep(() => parseOnly(job.input.filePath)));
  const median = [...runs].sort((a, b) => a.ms - b.ms)[2]!;
  return {
    backend: job.backend,
    input: job.input.name,
    step: 'parse-only',
    status: 'ok',
    rows: median.result.rows,
    ...summarize({ ...median, peakRssBytes: Math.max(...runs.map((run) => run.peakRssBytes)) }, median.result.rows),
    note: 'median of 5',
  };
}

/** Imports the file through the real importer, as `ctip import tip-grants FILE` does. */
async function measureImport(context: Context, handle: DatabaseHandle, step: StepName): Promise<StepResult> {
  const { job } = context;
  const base = { backend: job.backend, input: job.input.name, step, rows: job.input.rows };
  try {
    const importFile = () =>
      importTipGrants({
        db: handle.db,
        filePath: job.input.filePath,
        fundingAgencyId: 'state-tip',
        actor: { name: 'bench', door: 'system' },
      });
    const measured = await measureStep(() => runWithTimeLimit(importFile, job.stepLimitMs));
    const { read, imported, merged, rejected, skipped, unchanged, problems } = measured.result;
    const counts: ImportCounts = { read, imported, merged, rejected, skipped, unchanged };
    return {
      ...base,
      rows: read,
      status: 'ok',
      ...summarize(measured, read),
      ...(await readServerPeak(context)),
      counts,
      problems: problems.length,
    };
  } catch (error) {
    return { ...base, status: 'failed', note: describeError(error) };
  }
}

/**
 * The database floor for this input: the same rows as plain text into a scratch table. Run
 * after the imports so their memory figures do not include these rows, and dropped again.
 */
async function measureRawInsert(context: Context, handle: DatabaseHandle): Promise<StepResult> {
  const { job } = context;
  const base = { backend: job.backend, input: job.input.name, step: 'raw-insert' as const, rows: job.input.rows };
  try {
    await createScratchTable(handle.db);
    const rows = await readRowsForInsert(job.input.filePath);
    const measured = await measureStep(() => runWithTimeLimit(() => insertRawRows(handle.db, rows), job.stepLimitMs));
    await dropScratchTable(handle.db);
    return { ...base, rows: rows.length, status: 'ok', ...summarize(measured, rows.length), ...(await readServerPeak(context)) };
  } catch (error) {
    return { ...base, status: 'failed', note: describeError(error) };
  }
}

/** Runs one job: parse-only, then on a fresh database the import(s) and the raw insert. */
export async function runMeasureJob(job: MeasureJob): Promise<MeasureJobResult> {
  const context: Context = { job };
  const steps: StepResult[] = [await measureParseOnly(context)];
  log(job, `parse-only ${steps[0]!.ms} ms; opening a fresh database`);
  const handle = await openFreshDatabase(job.backend, job.clusterUrl);
  context.handle = handle;
  try {
    const version = await readVersion(handle.db);
    const first = await measureImport(context, handle, 'import');
    steps.push(first);
    log(job, `import ${first.ms ?? first.note} ms`);
    // After an abandoned import the database is still busy with it; nothing more to measure.
    if (first.note?.startsWith('abandoned')) return { version, steps };
    if (job.input.reimport && first.status === 'ok') {
      steps.push(await measureImport(context, handle, 're-import'));
      log(job, `re-import ${steps.at(-1)!.ms ?? steps.at(-1)!.note} ms`);
    }
    steps.push(await measureRawInsert(context, handle));
    log(job, `raw insert ${steps.at(-1)!.ms ?? steps.at(-1)!.note} ms`);
    return { version, steps };
  } finally {
    // An abandoned import still holds the database; the process exits below regardless.
    await runWithTimeLimit(() => handle.close(), 30_000).catch((error: unknown) => log(job, `close: ${describeError(error)}`));
  }
}

/** Entry point when main.ts starts this file as a process. */
async function runFromEnvironment(): Promise<void> {
  const job = JSON.parse(process.env.BENCH_JOB ?? 'null') as MeasureJob | null;
  if (!job) throw new Error('BENCH_JOB is not set: run the benchmark with npm run bench');
  const result = await runMeasureJob(job);
  writeFileSync(job.resultPath, JSON.stringify(result));
}

if (process.env.BENCH_JOB) {
  try {
    await runFromEnvironment();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
  // Work abandoned at its time limit may still hold a connection; the results are written.
  process.exit();
}
