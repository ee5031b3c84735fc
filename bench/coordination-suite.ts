// The coordination suite of `npm run bench` (BENCH_SUITES=coordination): latency of the overlap
// check (p50/p95) with 10,000 and 100,000 synthetic programs, and the portfolio overlap report on
// the largest size, each as a ratio to a brute-force baseline measured in the same run on the same
// loaded database: every program scored in JavaScript without indexes (check), every pair of
// programs judged without blocking (report). One database per backend and size serves them all.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { inputOf } from '../src/coordination/evaluation/variants.ts';
import { createRandom } from '../src/shared/seeded-random.ts';
import { checkOverlap } from '../src/coordination/overlap-check.ts';
import type { OverlapReport } from '../src/coordination/coordination.schemas.ts';
import { findFindingsBruteForce } from '../src/coordination/portfolio-brute-force.ts';
import { loadPortfolio } from '../src/coordination/portfolio-data.ts';
import { findFragmentation } from '../src/coordination/portfolio-pairs.ts';
import { getOverlapReport } from '../src/coordination/portfolio-report.ts';
import type { Database } from '../src/db/database.ts';
import { importTipGrants } from '../src/imports/tip-grants/tip-grants.importer.ts';
import { loadProgramDetails } from '../src/programs/program-read.ts';
import type { ProgramInput } from '../src/programs/program.schemas.ts';
import { systemViewer } from '../src/shared/actor.ts';
import { explainUnavailable, listRequestedBackends, openFreshDatabase, readVersion, startBackendServer } from './backends.ts';
import { checkBruteForce, loadAllFeatures } from './coordination-baseline.ts';
import { generateSyntheticGrants } from './generate-synthetic-grants.ts';
import { describeMachine } from './report.ts';

const benchFolder = path.dirname(fileURLToPath(import.meta.url));
const demoFilePath = path.join(benchFolder, '..', 'demo', 'tip-grants', 'funding_original.csv');

type Row = {
  backend: string;
  programs: number;
  measure: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  baselineP50Ms?: number;
  ratio?: number;
  note?: string;
};

const log = (message: string) => process.stderr.write(`${message}\n`);

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]! * 10) / 10;
}

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Drafts a program officer of another agency might enter: a real-looking program, next fiscal year, Labor/ILAB. */
async function buildDrafts(db: Database, count: number): Promise<ProgramInput[]> {
  const random = createRandom(20_040_930);
  const [{ max }] = ((await db.execute(sql`SELECT max(id)::int AS max FROM programs`)) as unknown as { rows: { max: number }[] }).rows as [
    { max: number },
  ];
  const ids = Array.from({ length: count }, () => 1 + Math.floor(random() * max));
  return (await loadProgramDetails({ db, ids })).map((detail) => {
    const input = inputOf(detail);
    return {
      ...input,
      fundingAgencyId: 'dol-ilab',
      obligations: input.obligations.map((obligation) => ({ ...obligation, fiscalYear: obligation.fiscalYear + 1 })),
    };
  });
}

async function measureChecks(db: Database, backend: string, programs: number): Promise<Row[]> {
  const drafts = await buildDrafts(db, 60);
  for (const draft of drafts.slice(0, 5)) await checkOverlap({ db, draft, viewer: systemViewer });
  const indexed: number[] = [];
  const tops: number[][] = [];
  for (const draft of drafts.slice(5)) {
    const run = await time(() => checkOverlap({ db, draft, viewer: systemViewer }));
    indexed.push(run.ms);
    tops.push(run.value.matches.map((match) => match.programId));
  }
  const load = await time(() => loadAllFeatures(db));
  const baseline: number[] = [];
  let agree = 0;
  const baselineDrafts = drafts.slice(5, 15);
  for (const [index, draft] of baselineDrafts.entries()) {
    const run = await time(() => checkBruteForce(db, draft, load.value));
    baseline.push(run.ms);
    if (run.value[0] === tops[index]![0]) agree += 1;
  }
  const base = { backend, programs, runs: indexed.length, p50Ms: percentile(indexed, 0.5), p95Ms: percentile(indexed, 0.95) };
  const baselineP50Ms = percentile(baseline, 0.5);
  return [
    {
      ...base,
      measure: 'check',
      baselineP50Ms,
      ratio: Math.round((base.p50Ms / baselineP50Ms) * 1000) / 1000,
      note: `baseline: ${baseline.length} drafts scored against all programs in JS (p95 ${percentile(baseline, 0.95)} ms) after loading every program's features once in ${Math.round(load.ms)} ms; same top match in ${agree}/${baseline.length}`,
    },
  ];
}

/** The findings as comparable text: each duplication group's places, partners and programs, each overlap pair's ids. */
function findingKeys(
  duplication: { places: { code: string }[]; partners: string[]; programIds: number[] }[],
  overlap: [number, number][],
): string {
  return JSON.stringify([
    duplication.map(
      (group) => `${group.places.map((place) => place.code).join(';')}|${group.partners.join(';')}|${group.programIds.join(';')}`,
    ),
    overlap,
  ]);
}

async function measureReport(db: Database, backend: string, programs: number): Promise<Row[]> {
  const range = { from: 2003, to: 2005 };
  const measure = `FY${range.from}–FY${range.to}`;
  const runs: number[] = [];
  let report: OverlapReport | undefined;
  for (let round = 0; round < 3; round += 1) {
    const run = await time(() => getOverlapReport({ db, ...range, viewer: systemViewer }));
    runs.push(run.ms);
    report = run.value;
  }
  const summaryRuns: number[] = [];
  for (let round = 0; round < 3; round += 1)
    summaryRuns.push((await time(() => getOverlapReport({ db, ...range, viewer: systemViewer, detail: 'summary' }))).ms);
  const brute = await time(async () => {
    const portfolio = await loadPortfolio({ db, ...range, viewer: systemViewer });
    findFragmentation(portfolio);
    return { portfolio, ...findFindingsBruteForce(portfolio) };
  });
  const fast = findingKeys(
    report!.duplication.map((group) => ({
      places: group.places,
      partners: group.partners,
      programIds: group.programs.map((program) => program.id),
    })),
    report!.overlap.map((pair) => [pair.first.id, pair.second.id]),
  );
  const slow = findingKeys(
    brute.value.duplication.map((group) => ({
      places: group.places.map((place) => ({ code: place.code.slice(2) })),
      partners: group.partners.map((partner) => partner.name),
      programIds: group.programs.map((program) => program.id),
    })),
    brute.value.overlap.map((pair) => [pair.first.id, pair.second.id]),
  );
  if (fast !== slow) log(`  [coordination ${backend} ${programs}] the report and the brute force DISAGREE`);
  const p50Ms = percentile(runs, 0.5);
  const summaryP50Ms = percentile(summaryRuns, 0.5);
  const pairCount = ((brute.value.portfolio.length * (brute.value.portfolio.length - 1)) / 2).toExponential(2);
  const findings = `${report!.counts.duplication} duplication groups (${report!.counts.duplicatedPrograms} programs), ${report!.counts.overlap} overlap pairs, ${report!.counts.fragmentation} fragmented areas`;
  const base = { backend, programs, baselineP50Ms: Math.round(brute.ms) };
  return [
    {
      ...base,
      measure: `report ${measure}`,
      runs: runs.length,
      p50Ms,
      p95Ms: percentile(runs, 0.95),
      ratio: Math.round((p50Ms / brute.ms) * 1000) / 1000,
      note: `${brute.value.portfolio.length} programs in range; ${findings}; baseline judges all ${pairCount} pairs once${fast === slow ? ' and finds the same groups and pairs' : ' and DISAGREES'}`,
    },
    {
      ...base,
      measure: `report summary ${measure}`,
      runs: summaryRuns.length,
      p50Ms: summaryP50Ms,
      p95Ms: percentile(summaryRuns, 0.95),
      ratio: Math.round((summaryP50Ms / brute.ms) * 1000) / 1000,
      note: "detail: 'summary' (counts and tallies, no member lists)",
    },
  ];
}

function formatRows(rows: Row[]): string {
  const lines = [
    '| backend | programs | measure | runs | p50 ms | p95 ms | baseline p50 ms | ratio | note |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.backend} | ${row.programs} | ${row.measure} | ${row.runs} | ${row.p50Ms} | ${row.p95Ms} | ${row.baselineP50Ms ?? ''} | ${row.ratio ?? ''} | ${row.note ?? ''} |`,
    );
  return lines.join('\n');
}

/** Runs the suite on every requested backend and size (BENCH_COORDINATION_ROWS, default 10000,100000). */
export async function runCoordinationSuite(): Promise<void> {
  const sizes = (process.env.BENCH_COORDINATION_ROWS ?? '10000,100000')
    .split(',')
    .map(Number)
    .filter((size) => size > 0)
    .sort((a, b) => a - b);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-bench-coordination-'));
  const rows: Row[] = [];
  const databases: Record<string, string> = {};
  try {
    for (const backend of listRequestedBackends()) {
      const unavailable = explainUnavailable(backend);
      if (unavailable) {
        rows.push({ backend, programs: 0, measure: 'all', runs: 0, p50Ms: 0, p95Ms: 0, note: unavailable });
        continue;
      }
      const server = await startBackendServer(backend);
      try {
        for (const size of sizes) {
          const file = generateSyntheticGrants({
            sourcePath: demoFilePath,
            rows: size,
            outputPath: path.join(folder, `synthetic-${size}.csv`),
          });
          const handle = await openFreshDatabase(backend, server.url);
          try {
            databases[backend] = await readVersion(handle.db);
            const load = await time(() =>
              importTipGrants({ db: handle.db, filePath: file.filePath, actor: { name: 'bench', door: 'system' } }),
            );
            log(`  [coordination ${backend} ${size}] loaded in ${(load.ms / 1000).toFixed(1)} s`);
            rows.push(...(await measureChecks(handle.db, backend, size)));
            if (size === sizes.at(-1)) rows.push(...(await measureReport(handle.db, backend, size)));
            log(formatRows(rows.slice(-3)));
          } finally {
            await handle.close();
          }
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const resultsFolder = path.join(benchFolder, 'results');
  mkdirSync(resultsFolder, { recursive: true });
  writeFileSync(
    path.join(resultsFolder, 'coordination-latest.json'),
    `${JSON.stringify({ machine: describeMachine(databases), rows }, null, 2)}\n`,
  );
  console.log(
    `\nctip coordination benchmark\n\n${formatRows(rows)}\n\nRatios: indexed p50 / brute-force p50, measured on the same database in the same run.`,
  );
}
