// The IATI suite of `npm run bench` (BENCH_SUITES=iati): builds an IATI file of BENCH_IATI_MB
// megabytes (default 200) by replicating DFID's real DR Congo activities with new identifiers,
// then per backend, in a child process: parse-only, COPY of the same rows, and the import,
// with records/s, MB/s, peak RSS and the ratios. Writes bench/results/iati-latest.json.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainUnavailable, listRequestedBackends, startBackendServer, type BackendName } from './backends.ts';
import { findIatiSource, generateIatiFile } from './iati-generate.ts';
import type { IatiJob, IatiStep } from './iati-measure.ts';

const benchFolder = path.dirname(fileURLToPath(import.meta.url));

async function measureBackend(
  backend: BackendName,
  job: Omit<IatiJob, 'backend' | 'resultPath' | 'clusterUrl'>,
  folder: string,
): Promise<{ version?: string; steps: IatiStep[]; note?: string }> {
  const unavailable = explainUnavailable(backend);
  if (unavailable) return { steps: [], note: `${backend}: not run, ${unavailable}` };
  const server = await startBackendServer(backend);
  try {
    const resultPath = path.join(folder, `iati-${backend}.json`);
    const full: IatiJob = { ...job, backend, resultPath, ...(server.url ? { clusterUrl: server.url } : {}) };
    const child = spawn(process.execPath, [...process.execArgv, path.join(benchFolder, 'iati-measure.ts')], {
      env: { ...process.env, BENCH_IATI_JOB: JSON.stringify(full) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (!existsSync(resultPath)) return { steps: [], note: `${backend}: the measuring process exited with ${code} and wrote no result` };
    return JSON.parse(readFileSync(resultPath, 'utf8')) as { version: string; steps: IatiStep[] };
  } finally {
    await server.stop();
  }
}

function formatSteps(steps: IatiStep[]): string {
  const parse = (backend: string) => steps.find((item) => item.backend === backend && item.step === 'parse-only');
  const copy = (backend: string) => steps.find((item) => item.backend === backend && item.step === 'copy');
  const rows = steps.map((item) => {
    const ratio = (base?: IatiStep) => (base && item !== base ? `${(item.ms / base.ms).toFixed(1)}×` : '');
    return [
      item.backend,
      item.step,
      item.records.toLocaleString('en-US'),
      `${(item.ms / 1000).toFixed(1)} s`,
      item.recordsPerSecond.toLocaleString('en-US'),
      String(item.mbPerSecond),
      `${Math.round(item.peakRssMiB)} MiB`,
      item.serverPeakRssMiB ? `${Math.round(item.serverPeakRssMiB)} MiB` : '',
      ratio(parse(item.backend)),
      item.step === 'import' ? ratio(copy(item.backend)) : '',
    ];
  });
  const header = ['backend', 'step', 'activities', 'time', 'records/s', 'MB/s', 'peak RSS', 'server RSS', '× parse', '× COPY'];
  return [header, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Runs the IATI suite and prints a Markdown table of the results. */
export async function runIatiSuite(): Promise<void> {
  const megabytes = Number(process.env.BENCH_IATI_MB ?? 200);
  if (!(megabytes > 0)) throw new Error('BENCH_IATI_MB must be a positive number of megabytes');
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-bench-iati-'));
  chmodSync(folder, 0o755);
  try {
    const sourcePath = findIatiSource();
    const filePath = path.join(folder, 'iati-bench.xml');
    process.stderr.write(`iati: generating ${megabytes} MB from ${path.basename(sourcePath)}\n`);
    const file = generateIatiFile({ sourcePath, targetBytes: megabytes * 1e6, outputPath: filePath });
    const steps: IatiStep[] = [];
    const notes: string[] = [];
    const versions: Record<string, string> = {};
    for (const backend of listRequestedBackends()) {
      process.stderr.write(`iati: measuring on ${backend}\n`);
      const result = await measureBackend(
        backend,
        { filePath, bytes: file.bytes, csvPath: path.join(folder, `copy-${backend}.csv`) },
        folder,
      );
      steps.push(...result.steps);
      if (result.note) notes.push(result.note);
      if (result.version) versions[backend] = result.version;
    }
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      input: { source: path.basename(sourcePath), bytes: file.bytes, activities: file.activities },
      versions,
      steps,
      notes,
    };
    mkdirSync(path.join(benchFolder, 'results'), { recursive: true });
    writeFileSync(path.join(benchFolder, 'results', 'iati-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `\nIATI: ${(file.bytes / 1e6).toFixed(0)} MB, ${file.activities.toLocaleString('en-US')} activities replicated from ${path.basename(sourcePath)}\n${formatSteps(steps)}`,
    );
    for (const note of notes) console.log(note);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
