// `npm run bench`: imports the real TIP grant listing and synthetic listings drawn from it into
// PGlite and a PostgreSQL server, and reports time, rows/s and peak memory with ratios to
// baselines measured in the same process of the same run; then the HTTP suite (http-suite.ts)
// measures the programs API and search page against a bare route. See docs/performance.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainUnavailable, listRequestedBackends, startBackendServer, type BackendName, type BackendServer } from './backends.ts';
import { generateSyntheticGrants } from './generate-synthetic-grants.ts';
import { runCoordinationSuite } from './coordination-suite.ts';
import { runAssessmentSuite } from './assessment-suite.ts';
import { runCliSuite } from './cli-suite.ts';
import { runHttpSuite } from './http-suite.ts';
import { runIatiSuite } from './iati-suite.ts';
import { runUsaspendingSuite } from './usaspending-suite.ts';
import type { BenchInput, MeasureJob, MeasureJobResult } from './measure-input.ts';
import { addRatios, describeMachine, formatTable, writeResults, type StepResult } from './report.ts';

const benchFolder = path.dirname(fileURLToPath(import.meta.url));
const realFilePath = path.join(benchFolder, '..', 'demo', 'tip-grants', 'funding_original.csv');
const measureScript = path.join(benchFolder, 'measure-input.ts');
const resultsFolder = path.join(benchFolder, 'results');

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** BENCH_ROWS=10000,100000 (the default): the synthetic sizes, smallest first. */
function readSyntheticSizes(): number[] {
  const sizes = (process.env.BENCH_ROWS ?? '10000,100000')
    .split(',')
    .map((size) => Number(size.trim().replaceAll('_', '')))
    .filter((size) => Number.isInteger(size) && size > 0);
  if (sizes.length === 0) throw new Error('BENCH_ROWS must list positive whole numbers, e.g. BENCH_ROWS=10000,100000');
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** BENCH_STEP_LIMIT_MIN (default 8): how long one import may run before it is abandoned. */
function readStepLimitMs(): number {
  const minutes = Number(process.env.BENCH_STEP_LIMIT_MIN ?? 8);
  if (!(minutes > 0)) throw new Error('BENCH_STEP_LIMIT_MIN must be a positive number of minutes');
  return minutes * 60_000;
}

/** Writes the synthetic files into `folder`; the real file is measured where it lies. */
function prepareInputs(folder: string): { inputs: BenchInput[]; notes: Map<string, string> } {
  const notes = new Map([['real', 'the real State TIP grant listing FY2001–2014 (Kelley & Heiss), demo/tip-grants/funding_original.csv']]);
  const inputs: BenchInput[] = [{ name: 'real', filePath: realFilePath, rows: 0, bytes: statSync(realFilePath).size, reimport: true }];
  for (const rows of readSyntheticSizes()) {
    log(`generating ${rows} synthetic rows`);
    const file = generateSyntheticGrants({ sourcePath: realFilePath, rows, outputPath: path.join(folder, `synthetic-${rows}.csv`) });
    inputs.push({ name: `synthetic-${rows}`, filePath: file.filePath, rows, bytes: file.bytes, reimport: false });
    notes.set(
      `synthetic-${rows}`,
      `grant rows drawn from the real file's distributions (fixed seed); ${file.nonNumericAmounts} amounts not numeric (Not Listed, prose, odd separators)`,
    );
  }
  return { inputs, notes };
}

function failedStep(job: Omit<MeasureJob, 'resultPath'>, note: string): StepResult {
  return { backend: job.backend, input: job.input.name, step: 'import', status: 'failed', rows: job.input.rows, note };
}

/**
 * Measures one input on one backend in a new process. The process abandons a step at the
 * limit itself; the kill here is only for a process that stops answering altogether.
 */
async function runJobInProcess(job: Omit<MeasureJob, 'resultPath'>, folder: string): Promise<MeasureJobResult> {
  const resultPath = path.join(folder, `${job.backend}-${job.input.name}.json`);
  const child = spawn(process.execPath, [...process.execArgv, measureScript], {
    env: { ...process.env, BENCH_JOB: JSON.stringify({ ...job, resultPath } satisfies MeasureJob) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), job.stepLimitMs * 3 + 120_000);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(killer);
  if (existsSync(resultPath)) return JSON.parse(readFileSync(resultPath, 'utf8')) as MeasureJobResult;
  return { steps: [failedStep(job, `failed: the measuring process exited with ${exitCode ?? 'a signal'} and wrote no result`)] };
}

/**
 * Runs every input on one backend, smallest first, so that an input the previous one predicts
 * to take longer than the limit is reported as not run rather than hung on.
 */
async function measureBackend(name: BackendName, inputs: BenchInput[], stepLimitMs: number, folder: string): Promise<MeasureJobResult> {
  const unavailable = explainUnavailable(name);
  if (unavailable) return { steps: [{ backend: name, input: 'all', step: 'import', status: 'skipped', rows: 0, note: unavailable }] };
  log(`${name}: starting`);
  let server: BackendServer | undefined;
  const steps: StepResult[] = [];
  let version: string | undefined;
  try {
    server = await startBackendServer(name);
    let rowsPerSecond: number | undefined;
    for (const input of inputs) {
      const predictedMs = rowsPerSecond ? (input.rows / rowsPerSecond) * 1000 : 0;
      if (predictedMs > stepLimitMs) {
        const note = `not run: the previous input's rate predicts ${(predictedMs / 60_000).toFixed(1)} min, over the ${stepLimitMs / 60_000} min limit`;
        log(`  [${name} ${input.name}] ${note}`);
        steps.push({ backend: name, input: input.name, step: 'import', status: 'skipped', rows: input.rows, note });
        continue;
      }
      const result = await runJobInProcess({ backend: name, clusterUrl: server.url, input, stepLimitMs }, folder);
      version ??= result.version;
      steps.push(...result.steps);
      const first = result.steps.find((step) => step.step === 'import');
      // An import that failed would fail the larger inputs the same way, only slower.
      if (first?.status !== 'ok') break;
      rowsPerSecond = first.rowsPerSecond;
    }
  } finally {
    await server?.stop();
  }
  return { ...(version ? { version } : {}), steps };
}

const suiteNames = ['import', 'http', 'iati', 'usaspending', 'coordination', 'assessment', 'cli'] as const;

/** BENCH_SUITES=import,http,iati,usaspending,coordination,assessment,cli (the default is all): which suites to run, in that order. */
function readSuites(): Record<(typeof suiteNames)[number], boolean> {
  const requested = (process.env.BENCH_SUITES ?? suiteNames.join(',')).split(',').map((name) => name.trim());
  const unknown = requested.filter((name) => !(suiteNames as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`BENCH_SUITES: unknown suite ${unknown.join(', ')}; use ${suiteNames.join(', ')}`);
  return Object.fromEntries(suiteNames.map((name) => [name, requested.includes(name)])) as Record<(typeof suiteNames)[number], boolean>;
}

/** Runs the import suite, prints the table and writes bench/results/latest.json. */
async function runImportSuite(): Promise<void> {
  const started = performance.now();
  const stepLimitMs = readStepLimitMs();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-bench-'));
  const databases: Record<string, string> = {};
  const steps: StepResult[] = [];
  let inputs: BenchInput[] = [];
  let notes = new Map<string, string>();
  try {
    ({ inputs, notes } = prepareInputs(folder));
    for (const name of listRequestedBackends()) {
      const result = await measureBackend(name, inputs, stepLimitMs, folder);
      if (result.version) databases[name] = result.version;
      steps.push(...result.steps);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  // The real file's row count is what its parser reads; the parse-only step knows it.
  inputs[0]!.rows = steps.find((step) => step.input === 'real' && step.step === 'parse-only')?.rows ?? 0;
  addRatios(steps);
  const results = {
    machine: describeMachine(databases),
    inputs: inputs.map(({ name, rows, bytes }) => ({ name, rows, bytes, note: notes.get(name) ?? '' })),
    steps,
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  const jsonPath = writeResults(results, resultsFolder);
  const { machine } = results;
  console.log(
    `\nctip benchmark, ${machine.date}: ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB RAM, Node ${machine.node}`,
  );
  for (const [name, version] of Object.entries(databases)) console.log(`${name}: ${version}`);
  console.log(`\n${formatTable(steps)}\n`);
  console.log(
    `Ratios are to baselines measured in the same process. ${path.relative(process.cwd(), jsonPath)}; ${results.totalSeconds} s in all.`,
  );
}

try {
  const suites = readSuites();
  if (suites.import) await runImportSuite();
  if (suites.http) await runHttpSuite();
  if (suites.iati) await runIatiSuite();
  if (suites.usaspending) await runUsaspendingSuite();
  if (suites.coordination) await runCoordinationSuite();
  if (suites.assessment) await runAssessmentSuite();
  if (suites.cli) await runCliSuite();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
