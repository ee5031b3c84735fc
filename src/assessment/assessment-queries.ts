import { sql, type SQL } from 'drizzle-orm';
import { visibleProgramsSql } from '../policy/policy.ts';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { domesticCountryCode, domesticProgramSql } from '../programs/program-search.ts';
import type { Viewer } from '../shared/actor.ts';

/**
 * The few figures the Assessment needs that the statistics service does not give: countries
 * reached through regional programs, partners' types, program lines for the agency paragraphs,
 * the import runs behind the data, and the "data as of" date. Same visibility rule as every
 * other read (`visibleProgramsSql`).
 */

/** The World region: a global program reaches every country, so it is not expanded. */
export const worldRegionCode = '001';

export type Scope = 'international' | 'domestic';

function yearPrograms(fiscalYear: number, viewer: Viewer, scope: Scope): SQL {
  const scopeCondition = scope === 'domestic' ? domesticProgramSql : sql`NOT ${domesticProgramSql}`;
  return sql`SELECT p.id FROM programs p JOIN program_obligations o ON o.program_id = p.id AND o.fiscal_year = ${fiscalYear}
    WHERE ${visibleProgramsSql(viewer)} AND ${scopeCondition}`;
}

/**
 * Distinct countries named by the year's international programs, plus the members of the regions
 * they name (World excepted), the United States excepted: the countries reached abroad.
 */
export async function countCountriesReached(options: { db: Executor; fiscalYear: number; viewer: Viewer }): Promise<number> {
  const programs = yearPrograms(options.fiscalYear, options.viewer, 'international');
  const [row] = await selectRows(
    options.db,
    sql`SELECT count(DISTINCT code)::int AS n FROM (
          SELECT pl.country_code AS code FROM program_places pl WHERE pl.country_code IS NOT NULL AND pl.program_id IN (${programs})
          UNION
          SELECT rc.country_code FROM program_places pl JOIN region_countries rc ON rc.region_code = pl.region_code
          WHERE pl.region_code <> ${worldRegionCode} AND pl.program_id IN (${programs})) reached
        WHERE code <> ${domesticCountryCode}`,
  );
  return Number(row?.n ?? 0);
}

export type PartnerType = { id: number; typeCode: string | null; faithBased: boolean };

/** IATI type and faith-based flag of the given organizations. */
export async function loadPartnerTypes(options: { db: Executor; ids: number[] }): Promise<Map<number, PartnerType>> {
  if (!options.ids.length) return new Map();
  const rows = await selectRows(
    options.db,
    sql`SELECT id, type_code, faith_based FROM organizations WHERE id IN (${sql.join(
      options.ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(
    rows.map((row) => [
      Number(row.id),
      { id: Number(row.id), typeCode: row.type_code === null ? null : String(row.type_code), faithBased: Boolean(row.faith_based) },
    ]),
  );
}

/** One program of the year as the paragraphs and lists need it. */
export type ProgramLine = {
  id: number;
  title: string;
  agencyId: string;
  /** Null when the amount of the year is not known. */
  cents: bigint | null;
  places: string[];
  partners: string[];
  pillars: string[];
};

/** The year's programs of one scope, largest amount first (unknown amounts last), then by id. */
export async function loadProgramLines(options: {
  db: Executor;
  fiscalYear: number;
  viewer: Viewer;
  scope: Scope;
}): Promise<ProgramLine[]> {
  const rows = await selectRows(
    options.db,
    sql`SELECT p.id, p.title, p.funding_agency_id, o.amount_cents::text AS cents,
          ARRAY(SELECT coalesce(c.name, r.name) FROM program_places pl LEFT JOIN countries c ON c.code = pl.country_code
                LEFT JOIN regions r ON r.code = pl.region_code WHERE pl.program_id = p.id ORDER BY pl.id) AS places,
          ARRAY(SELECT og.name FROM program_partners pp JOIN organizations og ON og.id = pp.organization_id
                WHERE pp.program_id = p.id ORDER BY pp.role, og.name) AS partners,
          ARRAY(SELECT t.code FROM program_terms t WHERE t.program_id = p.id AND t.vocabulary = 'pillar' ORDER BY t.code) AS pillars
        FROM programs p JOIN program_obligations o ON o.program_id = p.id AND o.fiscal_year = ${options.fiscalYear}
        WHERE p.id IN (${yearPrograms(options.fiscalYear, options.viewer, options.scope)})
        ORDER BY o.amount_cents DESC NULLS LAST, p.id`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    agencyId: String(row.funding_agency_id),
    cents: row.cents === null ? null : BigInt(String(row.cents)),
    places: (row.places as string[] | null) ?? [],
    partners: (row.partners as string[] | null) ?? [],
    pillars: (row.pillars as string[] | null) ?? [],
  }));
}

export type ImportRunLine = { source: string; fileName: string; sha256: string; date: string };

/** The latest run of each imported file: where the data came from. */
export async function loadImportRuns(options: { db: Executor }): Promise<ImportRunLine[]> {
  const rows = await selectRows(
    options.db,
    sql`SELECT DISTINCT ON (source, file_sha256) source, file_name, file_sha256, started_at FROM import_runs
        ORDER BY source, file_sha256, started_at DESC`,
  );
  return rows
    .map((row) => ({
      source: String(row.source),
      fileName: String(row.file_name),
      sha256: String(row.file_sha256),
      date: new Date(String(row.started_at)).toISOString().slice(0, 10),
    }))
    .sort(
      (left, right) =>
        left.source.localeCompare(right.source) || left.fileName.localeCompare(right.fileName) || left.sha256.localeCompare(right.sha256),
    );
}

/**
 * The latest change recorded in the data (program updates, imports, recommendations, responses,
 * plans and their revisions, clearance steps), as YYYY-MM-DD in UTC: the default "data as of" date, so reruns on the same data agree.
 */
export async function findDataAsOf(options: { db: Executor }): Promise<string | undefined> {
  const [row] = await selectRows(
    options.db,
    sql`SELECT greatest(
          (SELECT max(updated_at) FROM programs), (SELECT max(started_at) FROM import_runs),
          (SELECT max(updated_at) FROM recommendations), (SELECT max(responded_at) FROM recommendation_responses),
          (SELECT max(created_at) FROM strategic_plans), (SELECT max(occurred_at) FROM audit_events WHERE entity_type = 'strategic-plan'),
          (SELECT greatest(max(circulated_at), max(decided_at)) FROM clearance_reviews),
          (SELECT max(responded_at) FROM clearance_responses), (SELECT max(replied_at) FROM clearance_replies)) AS latest`,
  );
  return row?.latest ? new Date(String(row.latest)).toISOString().slice(0, 10) : undefined;
}
