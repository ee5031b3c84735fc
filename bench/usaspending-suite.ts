// The USAspending suite of `npm run bench` (BENCH_SUITES=usaspending): generates synthetic
// assistance prime-award summary files in the real 100-column layout (BENCH_USASPENDING_ROWS,
// default 100000,1000000; 2% of rows under the trafficking listings), then per backend and size,
// in a child process: parse-only, COPY of the kept rows, the import; records/s, MB/s, peak RSS
// and the ratios. Two sizes show whether memory stays flat. Writes bench/results/usaspending-latest.json.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticFile } from '../src/imports/usaspending/usaspending.generate.ts';
import { explainUnavailable, listRequestedBackends, startBackendServer, type BackendName } from './backends.ts';
import type { UsaspendingJob, UsaspendingStep } from './usaspending-measure.ts';

const benchFolder = path.dirname(fileURLToPath(import.meta.url));

function readSizes(): number[] {
  const sizes = (process.env.BENCH_USASPENDING_ROWS ?? '100000,1000000').split(',').map((size) => Number(size.trim().replaceAll('_', '')));
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0))
    throw new Error('BENCH_USASPENDING_ROWS must list positive whole numbers');
  return sizes.sort((left, right) => left - right);
}

async function measure(
  job: Omit<UsaspendingJob, 'backend' | 'resultPath' | 'clusterUrl'>,
  backend: BackendName,
  folder: string,
): Promise<{ version?: string; steps: UsaspendingStep[]; note?: string }> {
  const unavailable = explainUnavailable(backend);
  if (unavailable) return { steps: [], note: `${backend}: not run, ${unavailable}` };
  const server = await startBackendServer(backend);
  try {
    const resultPath = path.join(folder, `usaspending-${backend}-${job.rows}.json`);
    const full: UsaspendingJob = { ...job, backend, resultPath, ...(server.url ? { clusterUrl: server.url } : {}) };
    const child = spawn(process.execPath, [...process.execArgv, path.join(benchFolder, 'usaspending-measure.ts')], {
      env: { ...process.env, BENCH_USASPENDING_JOB: JSON.stringify(full) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (!existsSync(resultPath))
      return { steps: [], note: `${backend} ${job.rows}: the measuring process exited with ${code} and wrote no result` };
    return JSON.parse(readFileSync(resultPath, 'utf8')) as { version: string; steps: UsaspendingStep[] };
  } finally {
    await server.stop();
  }
}

function formatSteps(steps: UsaspendingStep[]): string {
  const base = (item: UsaspendingStep, name: UsaspendingStep['step']) =>
    steps.find((other) => other.backend === item.backend && other.rows === item.rows && other.step === name);
  const rows = steps.map((item) => {
    const ratio = (other?: UsaspendingStep) => (other && other !== item ? `${(item.ms / other.ms).toFixed(1)}×` : '');
    return [
      item.backend,
      item.rows.toLocaleString('en-US'),
      item.step,
      item.records.toLocaleString('en-US'),
      `${(item.ms / 1000).toFixed(1)} s`,
      item.recordsPerSecond.toLocaleString('en-US'),
      String(item.mbPerSecond),
      `${item.peakRssMiB} MiB`,
      item.serverPeakRssMiB ? `${item.serverPeakRssMiB} MiB` : '',
      item.step === 'import' ? ratio(base(item, 'parse-only')) : '',
      item.step === 'import' ? ratio(base(item, 'copy')) : '',
    ];
  });
  const header = ['backend', 'file rows', 'step', 'records', 'time', 'records/s', 'MB/s', 'peak RSS', 'server RSS', '× parse', '× COPY'];
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Runs the USAspending suite and prints a Markdown table of the results. */
export async function runUsaspendingSuite(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-bench-usaspending-'));
  chmodSync(folder, 0o755); // the PostgreSQL server reads the COPY file itself
  try {
    const steps: UsaspendingStep[] = [];
    const notes: string[] = [];
    const versions: Record<string, string> = {};
    const files: { rows: number; bytes: number; keptRows: number }[] = [];
    for (const rows of readSizes()) {
      const filePath = path.join(folder, `usaspending-${rows}.csv`);
      const keptPath = path.join(folder, `kept-${rows}.csv`);
      process.stderr.write(`usaspending: generating ${rows.toLocaleString('en-US')} rows\n`);
      const file = await writeSyntheticFile({ filePath, keptPath, rows, traffickingShare: 0.02 });
      files.push({ rows, bytes: file.bytes, keptRows: file.traffickingRows });
      for (const backend of listRequestedBackends()) {
        process.stderr.write(`usaspending: measuring ${rows.toLocaleString('en-US')} rows on ${backend}\n`);
        const result = await measure({ filePath, keptPath, rows, keptRows: file.traffickingRows }, backend, folder);
        steps.push(...result.steps);
        if (result.note) notes.push(result.note);
        if (result.version) versions[backend] = result.version;
      }
      rmSync(filePath, { force: true });
    }
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      files,
      versions,
      steps,
      notes,
    };
    mkdirSync(path.join(benchFolder, 'results'), { recursive: true });
    writeFileSync(path.join(benchFolder, 'results', 'usaspending-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `\nUSAspending: ${files.map((file) => `${file.rows.toLocaleString('en-US')} rows (${(file.bytes / 1e6).toFixed(0)} MB, ${file.keptRows.toLocaleString('en-US')} under the listings)`).join('; ')}\n${formatSteps(steps)}`,
    );
    for (const note of notes) console.log(note);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
