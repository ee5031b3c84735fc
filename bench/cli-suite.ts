// The CLI start-up suite of `npm run bench` (BENCH_SUITES=cli): wall time of `ctip --version`,
// `ctip --help`, `ctip db migrate` (opening the embedded database alone) and `ctip stats --fy 2004
// --json` on the real listing, each as a ratio to `node -e 0` measured in the same run. The CLI
// runs as people run it (bin/ctip.js on a fresh build in dist/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './report.ts';

const benchFolder = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(benchFolder, '..');
const ctip = path.join(root, 'bin', 'ctip.js');
const demoFile = path.join(root, 'demo', 'tip-grants', 'funding_original.csv');

type Row = { command: string; runs: number; medianMs: number; minMs: number; ratio?: number; note?: string };

const log = (message: string) => process.stderr.write(`${message}\n`);
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

/** Runs a command to the end and returns its wall time; a failure stops the suite. */
function timeRun(args: string[], environment: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, env: environment, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return ms;
}

function formatRows(rows: Row[]): string {
  const lines = ['| command | runs | median ms | fastest ms | ratio to node -e 0 | note |', '| --- | ---: | ---: | ---: | ---: | --- |'];
  for (const row of rows)
    lines.push(`| ${row.command} | ${row.runs} | ${row.medianMs} | ${row.minMs} | ${row.ratio ?? ''} | ${row.note ?? ''} |`);
  return lines.join('\n');
}

/** Runs the suite (BENCH_CLI_RUNS runs of each command, default 7; the first run of each is a warm-up). */
export async function runCliSuite(): Promise<void> {
  const runs = Number(process.env.BENCH_CLI_RUNS ?? 7);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ctip-bench-cli-'));
  const environment = { ...process.env, CTIP_DATA_DIR: dataDir, DATABASE_URL: '' };
  try {
    log('  [cli] building dist/ and loading the real listing (not timed)');
    timeRun([path.join(root, 'scripts', 'build.mjs')], environment);
    timeRun([ctip, 'import', 'tip-grants', demoFile, '--funding-agency', 'state-tip'], environment);
    const commands: { command: string; args: string[]; note?: string }[] = [
      { command: 'node -e 0', args: ['-e', '0'], note: 'the baseline: Node starting and exiting' },
      { command: 'ctip --version', args: [ctip, '--version'] },
      { command: 'ctip --help', args: [ctip, '--help'] },
      {
        command: 'ctip db migrate',
        args: [ctip, 'db', 'migrate'],
        note: 'opening the embedded database alone (migrations and reference data checked)',
      },
      { command: 'ctip stats --fy 2004 --json', args: [ctip, 'stats', '--fy', '2004', '--json'], note: 'the real listing FY2001–2014' },
    ];
    const rows: Row[] = [];
    for (const { command, args, note } of commands) {
      timeRun(args, environment);
      const times = Array.from({ length: runs }, () => timeRun(args, environment));
      rows.push({ command, runs, medianMs: median(times), minMs: Math.round(Math.min(...times)), ...(note ? { note } : {}) });
      log(`  [cli] ${command}: ${median(times)} ms`);
    }
    const baseline = rows[0]!.medianMs;
    for (const row of rows.slice(1)) row.ratio = Math.round((row.medianMs / baseline) * 100) / 100;
    const resultsFolder = path.join(benchFolder, 'results');
    mkdirSync(resultsFolder, { recursive: true });
    writeFileSync(path.join(resultsFolder, 'cli-latest.json'), `${JSON.stringify({ machine: describeMachine({}), rows }, null, 2)}\n`);
    console.log(
      `\nctip CLI start-up benchmark (load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')})\n\n${formatRows(rows)}\n\nRatio: the command's median wall time / node -e 0's, same run.`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
