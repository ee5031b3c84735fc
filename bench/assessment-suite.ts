// The assessment suite of `npm run bench` (BENCH_SUITES=assessment): time to generate the annual
// Assessment in each format (HTML, Markdown, DOCX, PDF) for the busiest fiscal year of a synthetic
// listing of BENCH_ASSESSMENT_ROWS grants (default 100,000), as a ratio to the time of its
// underlying queries alone (`loadAssessmentData`), measured on the same database in the same run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildAssessment, composeAssessment } from '../src/assessment/assessment-builder.ts';
import { loadAssessmentData } from '../src/assessment/assessment-data.ts';
import { renderAssessment, type AssessmentFormat } from '../src/assessment/render-assessment.ts';
import type { Database } from '../src/db/database.ts';
import { importTipGrants } from '../src/imports/tip-grants/tip-grants.importer.ts';
import { publicViewer } from '../src/shared/actor.ts';
import { explainUnavailable, listRequestedBackends, openFreshDatabase, readVersion, startBackendServer } from './backends.ts';
import { generateSyntheticGrants } from './generate-synthetic-grants.ts';
import { describeMachine } from './report.ts';

const benchFolder = path.dirname(fileURLToPath(import.meta.url));
const demoFilePath = path.join(benchFolder, '..', 'demo', 'tip-grants', 'funding_original.csv');
const formats: AssessmentFormat[] = ['html', 'md', 'docx', 'pdf'];

type Row = {
  backend: string;
  programs: number;
  fiscalYear: number;
  measure: string;
  runs: number;
  medianMs: number;
  queriesMs?: number;
  ratio?: number;
  bytes?: number;
  note?: string;
};

const log = (message: string) => process.stderr.write(`${message}\n`);
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function busiestYear(db: Database): Promise<{ fiscalYear: number; programs: number }> {
  const result = (await db.execute(
    sql`SELECT fiscal_year, count(*)::int AS n FROM program_obligations GROUP BY 1 ORDER BY 2 DESC, 1 DESC LIMIT 1`,
  )) as unknown as { rows: { fiscal_year: number; n: number }[] };
  return { fiscalYear: Number(result.rows[0]!.fiscal_year), programs: Number(result.rows[0]!.n) };
}

/** Queries alone, then each format end to end (queries + composing + rendering), `runs` times each. */
async function measureFormats(db: Database, backend: string, programs: number, runs: number): Promise<Row[]> {
  const { fiscalYear, programs: yearPrograms } = await busiestYear(db);
  const base = { backend, programs, fiscalYear };
  const queries: number[] = [];
  let compose = 0;
  for (let run = 0; run < runs; run += 1) {
    const loaded = await time(() => loadAssessmentData({ db, fiscalYear, viewer: publicViewer }));
    queries.push(loaded.ms);
    compose = (await time(async () => composeAssessment(loaded.value))).ms;
  }
  const queriesMs = median(queries);
  const rows: Row[] = [
    {
      ...base,
      measure: 'queries alone (loadAssessmentData)',
      runs,
      medianMs: queriesMs,
      note: `${yearPrograms} programs in FY${fiscalYear}; composing the report from the data: ${Math.round(compose)} ms`,
    },
  ];
  for (const format of formats) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < runs; run += 1) {
      const generated = await time(async () => renderAssessment(await buildAssessment({ db, fiscalYear }), format));
      times.push(generated.ms);
      bytes = generated.value.length;
    }
    const medianMs = median(times);
    rows.push({
      ...base,
      measure: `${format} end to end`,
      runs,
      medianMs,
      queriesMs,
      ratio: Math.round((medianMs / queriesMs) * 100) / 100,
      bytes,
      note: format === 'docx' || format === 'pdf' ? 'includes launching headless Chromium' : '',
    });
    log(`  [assessment ${backend}] ${format}: ${medianMs} ms (${bytes} bytes)`);
  }
  return rows;
}

function formatRows(rows: Row[]): string {
  const lines = [
    '| backend | programs | FY | measure | runs | median ms | queries ms | ratio | bytes | note |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.backend} | ${row.programs} | ${row.fiscalYear || ''} | ${row.measure} | ${row.runs} | ${row.medianMs} | ${row.queriesMs ?? ''} | ${row.ratio ?? ''} | ${row.bytes ?? ''} | ${row.note ?? ''} |`,
    );
  return lines.join('\n');
}

/** Runs the suite on every requested backend (BENCH_ASSESSMENT_ROWS, BENCH_ASSESSMENT_RUNS default 3). */
export async function runAssessmentSuite(): Promise<void> {
  const size = Number(process.env.BENCH_ASSESSMENT_ROWS ?? 100_000);
  const runs = Number(process.env.BENCH_ASSESSMENT_RUNS ?? 3);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-bench-assessment-'));
  const rows: Row[] = [];
  const databases: Record<string, string> = {};
  try {
    const file = generateSyntheticGrants({ sourcePath: demoFilePath, rows: size, outputPath: path.join(folder, `synthetic-${size}.csv`) });
    for (const backend of listRequestedBackends()) {
      const unavailable = explainUnavailable(backend);
      if (unavailable) {
        rows.push({ backend, programs: 0, fiscalYear: 0, measure: 'all', runs: 0, medianMs: 0, note: unavailable });
        continue;
      }
      const server = await startBackendServer(backend);
      const handle = await openFreshDatabase(backend, server.url);
      try {
        databases[backend] = await readVersion(handle.db);
        const load = await time(() =>
          importTipGrants({ db: handle.db, filePath: file.filePath, actor: { name: 'bench', door: 'system' } }),
        );
        log(`  [assessment ${backend} ${size}] loaded in ${(load.ms / 1000).toFixed(1)} s`);
        rows.push(...(await measureFormats(handle.db, backend, load.value.imported, runs)));
      } finally {
        await handle.close();
        await server.stop();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const resultsFolder = path.join(benchFolder, 'results');
  mkdirSync(resultsFolder, { recursive: true });
  writeFileSync(
    path.join(resultsFolder, 'assessment-latest.json'),
    `${JSON.stringify({ machine: describeMachine(databases), rows }, null, 2)}\n`,
  );
  console.log(
    `\nctip assessment benchmark\n\n${formatRows(rows)}\n\nRatio: a format end to end (queries + composing + rendering) / the queries alone, same database, same run.`,
  );
}
