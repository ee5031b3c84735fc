// What the HTTP suite of `npm run bench` asks for, and how hard: the scenario groups (a rotating
// set of realistic search addresses), the data sizes and the load settings, read from the
// environment. See docs/performance.md, "Search and API throughput".

/** A set of addresses fired in rotation by one load run; its figures are reported together. */
export type ScenarioGroup = {
  name: string;
  /** What the group stands for, for the report. */
  description: string;
  paths: string[];
};

/** The filters a visitor or a client uses most: the first page, a year, a country, text, an agency sorted by money. */
const searchQueries = ['limit=50', 'fiscalYear=2004', 'country=NPL', 'q=shelter', 'agency=state&sort=-obligated'];

/** The baseline: a bare Fastify route on a separate plain instance in the same server process. */
export const bareGroup: ScenarioGroup = {
  name: 'bare',
  description: 'GET /bare on a plain Fastify instance in the server process: {"status":"ok","n":42}',
  paths: ['/bare'],
};

/** The groups measured against the ctip app, each after its own bare run. */
export const scenarioGroups: ScenarioGroup[] = [
  {
    name: 'api',
    description: 'GET /api/programs?… (JSON: one page of programs with the total)',
    paths: searchQueries.map((query) => `/api/programs?${query}`),
  },
  {
    name: 'page',
    description: 'GET /programs?… (HTML: results, facet counts, pagination)',
    paths: searchQueries.map((query) => `/programs?${query}`),
  },
];

/** A data size: the real demo file, or N synthetic programs drawn from it. */
export type DataSize = { name: string; syntheticRows?: number };

export type HttpSettings = {
  sizes: DataSize[];
  concurrency: number;
  /** A load run stops after this many requests… */
  maxRequests: number;
  /** …or after this many seconds, whichever comes first. */
  maxSeconds: number;
  /** Sizes predicted to push the suite past this budget are skipped, with a note. */
  budgetMs: number;
};

function readPositiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim().replaceAll('_', ''));
  if (!(value > 0)) throw new Error(`${name} must be a positive number, not ${JSON.stringify(raw)}`);
  return value;
}

/**
 * BENCH_HTTP_SIZES=demo,100000 (the default): `demo` is the real listing; a number is that many
 * synthetic programs. BENCH_HTTP_CONCURRENCY (16), BENCH_HTTP_REQUESTS (3000),
 * BENCH_HTTP_SECONDS (15) and BENCH_HTTP_BUDGET_MIN (8) set the load and the time budget.
 */
export function readHttpSettings(): HttpSettings {
  const sizes = (process.env.BENCH_HTTP_SIZES ?? 'demo,100000')
    .split(',')
    .map((size) => size.trim())
    .filter(Boolean);
  const parsed = sizes.map((size): DataSize => {
    if (size === 'demo') return { name: 'demo' };
    const rows = Number(size.replaceAll('_', ''));
    if (!Number.isInteger(rows) || rows <= 0) throw new Error(`BENCH_HTTP_SIZES: ${size} is neither demo nor a positive whole number`);
    return { name: `synthetic-${rows}`, syntheticRows: rows };
  });
  if (parsed.length === 0) throw new Error('BENCH_HTTP_SIZES must list demo and/or row counts, e.g. BENCH_HTTP_SIZES=demo,100000');
  return {
    sizes: parsed,
    concurrency: Math.round(readPositiveNumber('BENCH_HTTP_CONCURRENCY', 16)),
    maxRequests: Math.round(readPositiveNumber('BENCH_HTTP_REQUESTS', 3000)),
    maxSeconds: readPositiveNumber('BENCH_HTTP_SECONDS', 15),
    budgetMs: readPositiveNumber('BENCH_HTTP_BUDGET_MIN', 8) * 60_000,
  };
}
