import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { selectRows } from '../../db/select-rows.ts';
import { loadProgramDetails } from '../../programs/program-read.ts';
import type { ProgramDetail, ProgramInput } from '../../programs/program.schemas.ts';
import { systemViewer } from '../../shared/actor.ts';
import { normalizeName } from '../../shared/names.ts';
import { checkOverlap } from '../overlap-check.ts';
import { buildEvaluationSet, type EvaluationCase, type VariantKind } from './variants.ts';

export type CaseResult = {
  kind: VariantKind;
  expectedId: number;
  note: string;
  rank: number | null;
  top: { id: number; score: number; relevant: boolean }[];
  ms: number;
};

export type Metrics = {
  cases: number;
  recallAt3: number;
  recallAt10: number;
  precisionAt3: number;
  precisionAt10: number;
  strictPrecisionAt3: number;
  strictPrecisionAt10: number;
  meanReciprocalRank: number;
};

export type EvaluationReport = {
  seed: number;
  metrics: Metrics;
  byKind: Record<string, Metrics>;
  failures: CaseResult[];
  results: CaseResult[];
};

/** Reviewed spellings per organization, and a resolver from any spelling to its organization (as an import resolves). */
export async function loadSpellings(
  db: Executor,
): Promise<{ spellings: Map<number, string[]>; resolve: (name: string) => number | undefined }> {
  const rows = await selectRows(db, sql`SELECT normalized_name, name, organization_id, source FROM organization_aliases`);
  const spellings = new Map<number, string[]>();
  const byName = new Map<string, number>();
  for (const row of rows) {
    byName.set(String(row.normalized_name), Number(row.organization_id));
    if (row.source !== 'reviewed') continue;
    spellings.set(Number(row.organization_id), [...(spellings.get(Number(row.organization_id)) ?? []), String(row.name)]);
  }
  return { spellings, resolve: (name) => byName.get(normalizeName(name)) };
}

/** Loads every program of the database, in id order. */
export async function loadAllDetails(db: Executor): Promise<ProgramDetail[]> {
  const ids = (await selectRows(db, sql`SELECT id FROM programs ORDER BY id`)).map((row) => Number(row.id));
  return loadProgramDetails({ db, ids });
}

/**
 * A result is relevant when it is the program the case was derived from, or a program a program
 * officer would also have to look at: the same partner, the same place and a fiscal year within
 * one of the draft's (the lenient judgment; the strict one counts the original only).
 */
function isRelevant(draft: ProgramInput, expectedId: number, detail: ProgramDetail | undefined): boolean {
  if (!detail) return false;
  if (detail.id === expectedId) return true;
  const partners = new Set(draft.partners.map((partner) => partner.organizationId));
  const places = new Set(draft.places.map((place) => place.countryCode ?? place.regionCode));
  const years = draft.obligations.map((obligation) => obligation.fiscalYear);
  return (
    detail.partners.some((partner) => partners.has(partner.organizationId)) &&
    detail.places.some((place) => places.has(place.countryCode ?? place.regionCode ?? '')) &&
    detail.obligations.some((obligation) => years.some((year) => Math.abs(year - obligation.fiscalYear) <= 1))
  );
}

async function runCase(db: Executor, item: EvaluationCase): Promise<CaseResult> {
  const started = performance.now();
  const { matches } = await checkOverlap({ db, draft: item.draft, viewer: systemViewer, limit: 10 });
  const ms = performance.now() - started;
  const details = new Map(
    (await loadProgramDetails({ db, ids: matches.map((match) => match.programId) })).map((detail) => [detail.id, detail]),
  );
  const top = matches.map((match) => ({
    id: match.programId,
    score: match.score,
    relevant: isRelevant(item.draft, item.expectedId, details.get(match.programId)),
  }));
  const index = top.findIndex((entry) => entry.id === item.expectedId);
  return { kind: item.kind, expectedId: item.expectedId, note: item.note, rank: index === -1 ? null : index + 1, top, ms };
}

/** Recall, precision (lenient and strict) at 3 and 10, and the mean reciprocal rank; see docs/coordination-quality.md. */
export function computeMetrics(results: CaseResult[]): Metrics {
  const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0);
  const recall = (k: number) => mean(results.map((result) => (result.rank !== null && result.rank <= k ? 1 : 0)));
  const precision = (k: number) => mean(results.map((result) => result.top.slice(0, k).filter((entry) => entry.relevant).length / k));
  const strict = (k: number) => mean(results.map((result) => (result.rank !== null && result.rank <= k ? 1 / k : 0)));
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    cases: results.length,
    recallAt3: round(recall(3)),
    recallAt10: round(recall(10)),
    precisionAt3: round(precision(3)),
    precisionAt10: round(precision(10)),
    strictPrecisionAt3: round(strict(3)),
    strictPrecisionAt10: round(strict(10)),
    meanReciprocalRank: round(mean(results.map((result) => (result.rank ? 1 / result.rank : 0)))),
  };
}

/** Builds the set from the programs in `db` and runs every case through checkOverlap. */
export async function runEvaluation(options: { db: Executor; count: number; seed: number }): Promise<EvaluationReport> {
  const { db, seed } = options;
  const { spellings, resolve } = await loadSpellings(db);
  const cases = buildEvaluationSet({ details: await loadAllDetails(db), spellings, resolve, count: options.count, seed });
  const results: CaseResult[] = [];
  for (const item of cases) results.push(await runCase(db, item));
  const kinds = [...new Set(results.map((result) => result.kind))];
  return {
    seed,
    metrics: computeMetrics(results),
    byKind: Object.fromEntries(kinds.map((kind) => [kind, computeMetrics(results.filter((result) => result.kind === kind))])),
    failures: results.filter((result) => result.rank === null || result.rank > 3),
    results,
  };
}
