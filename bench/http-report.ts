import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './http-load.ts';
import type { MachineInfo } from './report.ts';

/** One server process of the suite: a backend loaded with one data size. */
export type HttpServerInfo = {
  backend: string;
  size: string;
  status: 'ok' | 'skipped' | 'failed';
  programs?: number;
  /** The database server's version string. */
  version?: string;
  /** How long the import into this server's database took (not a benchmark figure: setup). */
  importMs?: number;
  note?: string;
};

/** One scenario group measured on one server, with the bare run just before it. */
export type HttpRun = {
  backend: string;
  size: string;
  group: string;
  status: 'ok' | 'skipped' | 'failed';
  load?: LoadResult;
  baseline?: LoadResult;
  /** The group's rps over the bare route's rps, and its p99 over the bare p99, from the same run. */
  ratios?: { rps: number; p99: number };
  /** CPU the server process used over the run's wall time (1.0 = one core); PostgreSQL's own processes are not in it. */
  serverCpu?: number;
  note?: string;
};

export type HttpResults = {
  machine: MachineInfo;
  settings: { concurrency: number; maxRequests: number; maxSeconds: number };
  /** os.loadavg() (1, 5, 15 min) when the suite started and ended: other work on the machine moves every figure. */
  loadAverage: { start: number[]; end: number[] };
  groups: { name: string; description: string; paths: string[] }[];
  servers: HttpServerInfo[];
  runs: HttpRun[];
  totalSeconds: number;
};

const ratio = (value: number) => Number(value.toPrecision(3));

/** Fills in the ratios of a measured run to its bare baseline. */
export function addHttpRatios(run: HttpRun): void {
  if (!run.load || !run.baseline || run.baseline.requestsPerSecond === 0 || run.baseline.p99Ms === 0) return;
  run.ratios = { rps: ratio(run.load.requestsPerSecond / run.baseline.requestsPerSecond), p99: ratio(run.load.p99Ms / run.baseline.p99Ms) };
}

const ms = (value: number | undefined) =>
  value === undefined ? '' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
const times = (value: number | undefined) =>
  value === undefined ? '' : value < 0.1 ? `${value.toPrecision(2)}×` : value < 10 ? `${value.toFixed(2)}×` : `${value.toFixed(1)}×`;
const rps = (value: number) => (value < 10 ? value.toFixed(2) : Math.round(value).toLocaleString('en-US'));

/** The per-group figures as cells: the run itself, and its bare baseline on the line before. */
function runCells(runs: HttpRun[]): string[][] {
  const header = [
    'backend',
    'size',
    'group',
    'requests',
    'req/s',
    '× bare req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    '× bare p99',
    'errors/unfinished',
    'server CPU',
    'client CPU',
    'note',
  ];
  const body: string[][] = [];
  for (const run of runs) {
    const { load, baseline } = run;
    if (baseline) {
      body.push([
        run.backend,
        run.size,
        `bare (before ${run.group})`,
        String(baseline.requests),
        rps(baseline.requestsPerSecond),
        '1×',
        ms(baseline.p50Ms),
        ms(baseline.p95Ms),
        ms(baseline.p99Ms),
        '1×',
        `${baseline.errors}/${baseline.unfinished}`,
        '',
        baseline.clientCpu.toFixed(2),
        '',
      ]);
    }
    if (!load) {
      body.push([run.backend, run.size, run.group, '', run.status, '', '', '', '', '', '', '', '', run.note ?? '']);
      continue;
    }
    const stopped = load.stoppedBy === 'time' ? `stopped at ${load.seconds} s` : '';
    body.push([
      run.backend,
      run.size,
      run.group,
      String(load.requests),
      rps(load.requestsPerSecond),
      times(run.ratios?.rps),
      ms(load.p50Ms),
      ms(load.p95Ms),
      ms(load.p99Ms),
      times(run.ratios?.p99),
      `${load.errors}/${load.unfinished}`,
      run.serverCpu === undefined ? '' : run.serverCpu.toFixed(2),
      load.clientCpu.toFixed(2),
      [stopped, run.note ?? ''].filter(Boolean).join('; '),
    ]);
  }
  return [header, ...body];
}

/** The load generator's codes for requests without an HTTP status. */
const statusNames: Record<string, string> = { '0': 'failed', '-1': 'abandoned' };

/** Per address: its latency alone (after warm-up) and under load, to tell which query is slow. */
function pathCells(runs: HttpRun[]): string[][] {
  const header = ['backend', 'size', 'address', 'alone ms', 'p50 ms', 'p99 ms', 'requests', 'status', 'bytes'];
  const body: string[][] = [];
  for (const run of runs) {
    for (const item of run.load?.paths ?? []) {
      const status = Object.entries(item.status)
        .map(([code, count]) => `${statusNames[code] ?? code}×${count}`)
        .join(' ');
      body.push([
        run.backend,
        run.size,
        item.path,
        ms(item.aloneMs),
        ms(item.p50Ms),
        ms(item.p99Ms),
        String(item.count),
        status,
        item.meanBytes.toLocaleString('en-US'),
      ]);
    }
  }
  return [header, ...body];
}

function plainTable(cells: string[][]): string {
  const widths = cells[0]!.map((_cell, column) => Math.max(...cells.map((row) => row[column]!.length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function markdownTable(cells: string[][]): string {
  const [header, ...body] = cells;
  const line = (row: string[]) => `| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header!), line(header!.map(() => '---')), ...body.map(line)].join('\n');
}

function serverLines(servers: HttpServerInfo[]): string[] {
  return servers.map((server) =>
    server.status === 'ok'
      ? `${server.backend} ${server.size}: ${server.programs?.toLocaleString('en-US')} programs (loaded in ${((server.importMs ?? 0) / 1000).toFixed(1)} s)`
      : `${server.backend} ${server.size}: ${server.status}: ${server.note ?? ''}`,
  );
}

/** The console report: servers, the per-group table and the per-address table. */
export function formatHttpReport(results: HttpResults): string {
  return [...serverLines(results.servers), '', plainTable(runCells(results.runs)), '', plainTable(pathCells(results.runs))].join('\n');
}

/** Writes bench/results/http-latest.json and http-latest.md (both ignored by git). */
export function writeHttpResults(results: HttpResults, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const jsonPath = path.join(folder, 'http-latest.json');
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  const markdown = [
    serverLines(results.servers)
      .map((line) => `- ${line}`)
      .join('\n'),
    markdownTable(runCells(results.runs)),
    markdownTable(pathCells(results.runs)),
  ];
  writeFileSync(path.join(folder, 'http-latest.md'), `${markdown.join('\n\n')}\n`);
  return jsonPath;
}
