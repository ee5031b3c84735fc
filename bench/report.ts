import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type StepName = 'parse-only' | 'raw-insert' | 'import' | 're-import';

/** The import report's counts; imported + merged + rejected + skipped + unchanged = read. */
export type ImportCounts = { read: number; imported: number; merged: number; rejected: number; skipped: number; unchanged: number };

/** One measured (or deliberately not measured) step of the benchmark. */
export type StepResult = {
  backend: 'pglite' | 'postgres';
  input: string;
  step: StepName;
  status: 'ok' | 'skipped' | 'failed';
  rows: number;
  ms?: number;
  rowsPerSecond?: number;
  startRssMiB?: number;
  peakRssMiB?: number;
  /** PostgreSQL only: peak RSS of the largest server process serving the database so far. */
  serverPeakRssMiB?: number;
  counts?: ImportCounts;
  problems?: number;
  /** Time over the baseline's time, measured in the same run. */
  ratios?: { toParseOnly?: number; toRawInsert?: number; toFirstImport?: number };
  note?: string;
};

export type MachineInfo = {
  date: string;
  cpus: number;
  cpuModel: string;
  totalMemoryGiB: number;
  node: string;
  platform: string;
  databases: Record<string, string>;
};

export type BenchResults = {
  machine: MachineInfo;
  inputs: { name: string; rows: number; bytes: number; note: string }[];
  steps: StepResult[];
  totalSeconds: number;
};

const mebibyte = 1024 * 1024;

export function toMiB(bytes: number): number {
  return Math.round((bytes / mebibyte) * 10) / 10;
}

/** Reads the machine at run time: the figures are only meaningful next to it. */
export function describeMachine(databases: Record<string, string>): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    databases,
  };
}

function roundRatio(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Fills in each step's ratios to the baselines of the same input (and backend) from this run,
 * so the figures compare like with like even when the machine is busier than usual.
 */
export function addRatios(steps: StepResult[]): void {
  const find = (backend: StepResult['backend'], input: string, step: StepName) =>
    steps.find(
      (candidate) => candidate.backend === backend && candidate.input === input && candidate.step === step && candidate.status === 'ok',
    );
  for (const step of steps) {
    if (step.status !== 'ok' || step.ms === undefined || step.step === 'parse-only') continue;
    const parse = find(step.backend, step.input, 'parse-only');
    const raw = find(step.backend, step.input, 'raw-insert');
    const first = find(step.backend, step.input, 'import');
    const ratios: NonNullable<StepResult['ratios']> = {};
    if (parse?.ms) ratios.toParseOnly = roundRatio(step.ms / parse.ms);
    if (step.step !== 'raw-insert' && raw?.ms) ratios.toRawInsert = roundRatio(step.ms / raw.ms);
    if (step.step === 're-import' && first?.ms) ratios.toFirstImport = roundRatio(step.ms / first.ms);
    step.ratios = ratios;
  }
}

function formatRatio(value: number | undefined): string {
  return value === undefined ? '' : `${value.toFixed(value < 10 ? 2 : 1)}×`;
}

function formatCounts(counts: ImportCounts | undefined): string {
  if (!counts) return '';
  return `imp ${counts.imported} / mrg ${counts.merged} / rej ${counts.rejected} / skp ${counts.skipped} / unch ${counts.unchanged}`;
}

/** Peak RSS with how much the step itself added over the RSS it started with. */
function formatPeak(step: StepResult): string {
  if (step.peakRssMiB === undefined) return '';
  const added = step.startRssMiB === undefined ? 0 : Math.round(step.peakRssMiB - step.startRssMiB);
  return `${Math.round(step.peakRssMiB)} MiB (+${added})`;
}

/** The result rows as cells, shared by the console table and the Markdown table. */
function toCells(steps: StepResult[]): string[][] {
  const header = [
    'backend',
    'input',
    'step',
    'rows',
    'time',
    'rows/s',
    'peak RSS (+step)',
    'server RSS',
    '× parse',
    '× raw insert',
    '× 1st import',
    'report / note',
  ];
  const body = steps.map((step) => [
    step.backend,
    step.input,
    step.step,
    step.rows.toLocaleString('en-US'),
    step.ms === undefined ? step.status : `${(step.ms / 1000).toFixed(2)} s`,
    step.rowsPerSecond === undefined ? '' : Math.round(step.rowsPerSecond).toLocaleString('en-US'),
    formatPeak(step),
    step.serverPeakRssMiB === undefined ? '' : `${Math.round(step.serverPeakRssMiB)} MiB`,
    formatRatio(step.ratios?.toParseOnly),
    formatRatio(step.ratios?.toRawInsert),
    formatRatio(step.ratios?.toFirstImport),
    [formatCounts(step.counts), step.note ?? ''].filter(Boolean).join('; '),
  ]);
  return [header, ...body];
}

/** A plain-text table for the console, columns padded to their widest cell. */
export function formatTable(steps: StepResult[]): string {
  const cells = toCells(steps);
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

/** The same table in Markdown, to paste into docs/performance.md. */
export function formatMarkdownTable(steps: StepResult[]): string {
  const [header, ...body] = toCells(steps);
  const line = (row: string[]) => `| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header!), line(header!.map(() => '---')), ...body.map(line)].join('\n');
}

/** Writes the results as JSON (and the Markdown table beside it) under bench/results/. */
export function writeResults(results: BenchResults, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const jsonPath = path.join(folder, 'latest.json');
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(folder, 'latest.md'), `${formatMarkdownTable(results.steps)}\n`);
  return jsonPath;
}
