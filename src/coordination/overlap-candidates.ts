import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { visibleProgramsSql } from '../policy/policy.ts';
import type { Viewer } from '../shared/actor.ts';
import type { DraftContext } from './overlap-context.ts';
import { candidateBranchLimit, candidateTitleLimit, candidateTitleThreshold } from './overlap-weights.ts';
import { contentText, trigramsOf } from './trigrams.ts';

/** What the scoring needs about one existing program. */
export type CandidateFeatures = {
  id: number;
  title: string;
  agencyId: string;
  partnerIds: number[];
  countries: string[];
  regions: string[];
  terms: string[];
  years: number[];
  /** Known amounts in cents, exact (compared for equality). */
  amounts: bigint[];
  startDate: string | null;
  endDate: string | null;
  titleSimilarity: number;
  descriptionSimilarity: number;
  fullTextRank: number;
};

const textArray = (values: string[]) => sql`${`{${values.join(',')}}`}::text[]`;
const intArray = (values: number[]) => sql`${`{${values.join(',')}}`}::int[]`;

/** Programs with an obligation in the window or dates that cross it. */
function periodCondition(window: { from: number; to: number }): SQL {
  return sql`(EXISTS (SELECT 1 FROM program_obligations o WHERE o.program_id = p.id AND o.fiscal_year BETWEEN ${window.from} AND ${window.to})
    OR (p.start_date <= ${`${window.to}-09-30`}::date AND coalesce(p.end_date, p.start_date) >= ${`${window.from - 1}-10-01`}::date))`;
}

/**
 * The candidate branches, each served by an index and capped: a program becomes a candidate
 * when it shares two of partner, place and period with the draft (or the one the draft has),
 * or when its title is trigram-similar. Everything else cannot reach a useful score.
 */
function candidateBranches(context: DraftContext): SQL[] {
  const organizations = [...context.organizations.keys()];
  const directRegions = [...new Set([...context.regions, ...context.coveringRegions.keys()])];
  const members = [...context.memberCountries.keys()];
  const hasPlaces = context.countries.length + context.regions.length > 0;
  const direct = sql`(pl.country_code = ANY(${textArray(context.countries)}) OR pl.region_code = ANY(${textArray(directRegions)}))`;
  const inside = sql`pl.country_code = ANY(${textArray(members)})`;
  const window = context.yearWindow;
  const limit = sql`LIMIT ${candidateBranchLimit}`;
  const branches: SQL[] = [];
  // A draft without partner and place is found by what its title says (word similarity, place
  // names and fiscal years set aside). Not for other drafts: on long titles the trigram index scan
  // costs more than all other branches together (200 ms at 10,000 programs), and programs in the
  // same place and period are candidates anyway, whoever the partner.
  const content = contentText(context.draft.title, [...context.placeNames.values()]);
  if (!organizations.length && !hasPlaces && trigramsOf(content).size >= 4)
    branches.push(sql`SELECT id FROM programs WHERE ${content} <% title LIMIT ${candidateTitleLimit}`);
  const partnerJoin = sql`program_partners pp JOIN programs p ON p.id = pp.program_id`;
  const partnerCondition = sql`pp.organization_id = ANY(${intArray(organizations)})`;
  if (organizations.length && hasPlaces) {
    branches.push(sql`SELECT pp.program_id FROM program_partners pp JOIN program_places pl ON pl.program_id = pp.program_id
      WHERE ${partnerCondition} AND (${direct} OR ${inside}) ${limit}`);
  }
  if (organizations.length && !hasPlaces) {
    branches.push(
      sql`SELECT pp.program_id FROM ${partnerJoin} WHERE ${partnerCondition} ${window ? sql`AND ${periodCondition(window)}` : sql``} ${limit}`,
    );
  }
  if (hasPlaces) {
    const placeJoin = sql`program_places pl JOIN programs p ON p.id = pl.program_id`;
    const period = window ? sql`AND ${periodCondition(window)}` : sql``;
    if (window || !organizations.length) branches.push(sql`SELECT pl.program_id FROM ${placeJoin} WHERE ${direct} ${period} ${limit}`);
    if (members.length && !organizations.length)
      branches.push(sql`SELECT pl.program_id FROM ${placeJoin} WHERE ${inside} ${period} ${limit}`);
  }
  return branches.map((branch) => sql`(${branch})`);
}

function toNumbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map(Number) : [];
}

function toStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * Finds the candidates through the indexes and reads their features in one statement; text
 * similarity (pg_trgm) and the full-text rank are computed by PostgreSQL. Runs in a transaction
 * so the trigram threshold applies to this statement only.
 */
export async function findCandidates(options: {
  db: Executor;
  context: DraftContext;
  viewer: Viewer;
  excludeProgramId?: number;
}): Promise<CandidateFeatures[]> {
  const { db, context, viewer } = options;
  const branches = candidateBranches(context);
  if (branches.length === 0) return [];
  const description = context.draft.description?.trim() ?? '';
  const text = `${context.draft.title} ${description}`;
  // The programs the viewer may see, as the policy says (an agency's staff: their own restricted ones too).
  const conditions = [visibleProgramsSql(viewer)];
  if (options.excludeProgramId !== undefined) conditions.push(sql`p.id <> ${options.excludeProgramId}`);
  // Local to this transaction: the word-similarity threshold of `<%`, and no sequential scan, which
  // the planner prefers for a trigram search on short titles although the GIN index is 5–7× faster.
  await db.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(candidateTitleThreshold)}, true),
    set_config('enable_seqscan', 'off', true)`);
  const rows = await selectRows(
    db,
    sql`WITH candidate(id) AS (${sql.join(branches, sql` UNION `)}),
      q AS (SELECT replace(plainto_tsquery('english', ${text})::text, '&', '|')::tsquery AS query)
      SELECT p.id, p.title, p.funding_agency_id, p.start_date::text AS start_date, p.end_date::text AS end_date,
        similarity(p.title, ${context.draft.title}) AS title_similarity,
        CASE WHEN ${description} = '' OR p.description IS NULL THEN 0 ELSE similarity(p.description, ${description}) END AS description_similarity,
        ts_rank(p.search_vector, q.query) AS full_text_rank,
        ARRAY(SELECT organization_id FROM program_partners x WHERE x.program_id = p.id) AS partner_ids,
        ARRAY(SELECT country_code FROM program_places x WHERE x.program_id = p.id AND country_code IS NOT NULL) AS countries,
        ARRAY(SELECT region_code FROM program_places x WHERE x.program_id = p.id AND region_code IS NOT NULL) AS regions,
        ARRAY(SELECT vocabulary || ':' || code FROM program_terms x WHERE x.program_id = p.id AND vocabulary IN ('assistance-type', 'pillar')) AS terms,
        ARRAY(SELECT fiscal_year FROM program_obligations x WHERE x.program_id = p.id ORDER BY fiscal_year) AS years,
        ARRAY(SELECT amount_cents::text FROM program_obligations x WHERE x.program_id = p.id AND amount_cents > 0) AS amounts
      FROM candidate c JOIN programs p ON p.id = c.id CROSS JOIN q
      WHERE ${sql.join(conditions, sql` AND `)}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    agencyId: String(row.funding_agency_id),
    partnerIds: toNumbers(row.partner_ids),
    countries: toStrings(row.countries),
    regions: toStrings(row.regions),
    terms: toStrings(row.terms),
    years: toNumbers(row.years),
    amounts: Array.isArray(row.amounts) ? row.amounts.map((amount) => BigInt(String(amount))) : [],
    startDate: (row.start_date as string | null) ?? null,
    endDate: (row.end_date as string | null) ?? null,
    titleSimilarity: Number(row.title_similarity),
    descriptionSimilarity: Number(row.description_similarity),
    fullTextRank: Number(row.full_text_rank),
  }));
}
