import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { selectRows } from '../../db/select-rows.ts';

/**
 * Hand-written SQL for the Assessment's tests, independent of the statistics service and of the
 * report's own queries: public programs only, amounts in exact cents as text.
 */

export type Figure = { programs: number; cents: bigint };

const usa = sql`(SELECT program_id FROM program_places WHERE country_code = 'USA')`;
export type SqlScope = 'all' | 'international' | 'domestic';
const scopeSql = (scope: SqlScope) => (scope === 'all' ? sql`TRUE` : scope === 'domestic' ? sql`p.id IN ${usa}` : sql`p.id NOT IN ${usa}`);

/** The year's public programs of a scope: id and amount (0 when unknown) as a subquery. */
const yearRows = (
  fy: number,
  scope: SqlScope,
) => sql`(SELECT p.id, p.funding_agency_id, coalesce(o.amount_cents, 0) AS cents, o.amount_cents IS NULL AS unknown
  FROM programs p JOIN program_obligations o ON o.program_id = p.id WHERE o.fiscal_year = ${fy} AND p.visibility = 'public' AND ${scopeSql(scope)})`;

function toFigures(list: Record<string, unknown>[]): Map<string, Figure> {
  return new Map(list.map((row) => [String(row.label), { programs: Number(row.programs), cents: BigInt(String(row.cents)) }]));
}

export async function sqlTotals(db: Executor, fy: number, scope: SqlScope): Promise<Figure & { unknown: number }> {
  const [row] = await selectRows(
    db,
    sql`SELECT count(*)::int AS programs, coalesce(sum(cents), 0)::text AS cents, count(*) FILTER (WHERE unknown)::int AS unknown FROM ${yearRows(fy, scope)} y`,
  );
  return { programs: Number(row!.programs), cents: BigInt(String(row!.cents)), unknown: Number(row!.unknown) };
}

export async function sqlCountriesNamed(db: Executor, fy: number): Promise<number> {
  const [row] = await selectRows(
    db,
    sql`SELECT count(DISTINCT pl.country_code)::int AS n FROM program_places pl JOIN ${yearRows(fy, 'international')} y ON y.id = pl.program_id WHERE pl.country_code IS NOT NULL`,
  );
  return Number(row!.n);
}

export async function sqlCountriesReached(db: Executor, fy: number): Promise<number> {
  const [row] = await selectRows(
    db,
    sql`SELECT count(*)::int AS n FROM (
          SELECT pl.country_code AS c FROM program_places pl JOIN ${yearRows(fy, 'international')} y ON y.id = pl.program_id WHERE pl.country_code IS NOT NULL
          UNION
          SELECT rc.country_code FROM program_places pl JOIN ${yearRows(fy, 'international')} y ON y.id = pl.program_id
            JOIN region_countries rc ON rc.region_code = pl.region_code AND rc.region_code <> '001') x WHERE c <> 'USA'`,
  );
  return Number(row!.n);
}

export async function sqlRegionalPrograms(db: Executor, fy: number): Promise<number> {
  const [row] = await selectRows(
    db,
    sql`SELECT count(DISTINCT pl.program_id)::int AS n FROM program_places pl JOIN ${yearRows(fy, 'all')} y ON y.id = pl.program_id WHERE pl.region_code IS NOT NULL`,
  );
  return Number(row!.n);
}

export async function sqlYears(
  db: Executor,
  from: number,
  to: number,
): Promise<{ cents: bigint; programs: number; byYear: Map<number, { all: bigint; domestic: bigint }> }> {
  const list = await selectRows(
    db,
    sql`SELECT o.fiscal_year, coalesce(sum(o.amount_cents), 0)::text AS cents, coalesce(sum(o.amount_cents) FILTER (WHERE p.id IN ${usa}), 0)::text AS domestic
        FROM programs p JOIN program_obligations o ON o.program_id = p.id WHERE p.visibility = 'public' AND o.fiscal_year BETWEEN ${from} AND ${to} GROUP BY o.fiscal_year`,
  );
  const [distinct] = await selectRows(
    db,
    sql`SELECT count(DISTINCT o.program_id)::int AS n FROM program_obligations o JOIN programs p ON p.id = o.program_id WHERE p.visibility = 'public' AND o.fiscal_year BETWEEN ${from} AND ${to}`,
  );
  const byYear = new Map(
    list.map((row) => [Number(row.fiscal_year), { all: BigInt(String(row.cents)), domestic: BigInt(String(row.domestic)) }]),
  );
  return { cents: [...byYear.values()].reduce((sum, year) => sum + year.all, 0n), programs: Number(distinct!.n), byYear };
}

export async function sqlByAgency(db: Executor, fy: number, scope: SqlScope): Promise<Map<string, Figure>> {
  return toFigures(
    await selectRows(
      db,
      sql`SELECT a.name AS label, count(*)::int AS programs, sum(y.cents)::text AS cents FROM ${yearRows(fy, scope)} y JOIN agencies a ON a.id = y.funding_agency_id GROUP BY a.name`,
    ),
  );
}

/** Tagged: each program under each of its terms; programs without one under "Not specified". */
export async function sqlByTerm(db: Executor, fy: number, scope: SqlScope, vocabulary: string): Promise<Map<string, Figure>> {
  return toFigures(
    await selectRows(
      db,
      sql`SELECT coalesce(v.name, 'Not specified') AS label, count(DISTINCT y.id)::int AS programs, sum(y.cents)::text AS cents
          FROM ${yearRows(fy, scope)} y LEFT JOIN program_terms t ON t.program_id = y.id AND t.vocabulary = ${vocabulary}
          LEFT JOIN vocabulary_terms v ON v.vocabulary = t.vocabulary AND v.code = t.code GROUP BY 1`,
    ),
  );
}

/** Allocated among places by share (or equally); cents rounded per group, so compare within a cent per program. */
export async function sqlByPlace(db: Executor, fy: number, level: 'country' | 'region'): Promise<Map<string, Figure>> {
  const label =
    level === 'country'
      ? sql`CASE WHEN pl.region_code IS NOT NULL THEN r.name || ' (regional program)' ELSE c.name END`
      : sql`CASE WHEN pl.region_code IS NOT NULL THEN r.name || ' (regional program)' ELSE coalesce((SELECT rg.name FROM region_countries rc JOIN regions rg ON rg.code = rc.region_code AND rg.kind = 'continent' WHERE rc.country_code = pl.country_code LIMIT 1), 'No region') END`;
  return toFigures(
    await selectRows(
      db,
      sql`WITH w AS (SELECT pl.*, y.cents, count(*) OVER (PARTITION BY pl.program_id) AS n, sum(coalesce(pl.share_percent, 0)) OVER (PARTITION BY pl.program_id) AS shares
            FROM program_places pl JOIN ${yearRows(fy, 'international')} y ON y.id = pl.program_id)
          SELECT ${label} AS label, count(DISTINCT pl.program_id)::int AS programs,
            round(sum(pl.cents * CASE WHEN pl.shares > 0 THEN coalesce(pl.share_percent, 0)::numeric / pl.shares ELSE 1::numeric / pl.n END))::text AS cents
          FROM w pl LEFT JOIN countries c ON c.code = pl.country_code LEFT JOIN regions r ON r.code = pl.region_code GROUP BY 1`,
    ),
  );
}

/** International money by type of partner: equal split among prime partners (else all partners). */
export async function sqlByPartnerType(db: Executor, fy: number): Promise<Map<string, Figure>> {
  return toFigures(
    await selectRows(
      db,
      sql`WITH counted AS (
            SELECT pp.program_id, pp.organization_id FROM program_partners pp
            WHERE pp.role = 'prime' OR NOT EXISTS (SELECT 1 FROM program_partners q WHERE q.program_id = pp.program_id AND q.role = 'prime')),
          w AS (SELECT DISTINCT c.program_id, c.organization_id, y.cents, count(*) OVER (PARTITION BY c.program_id) AS n
            FROM counted c JOIN ${yearRows(fy, 'international')} y ON y.id = c.program_id)
          SELECT CASE WHEN o.faith_based THEN 'Faith-based organizations' WHEN o.type_code = '40' THEN 'International organizations (multilateral)'
              WHEN o.type_code IN ('21','22','23','24') THEN 'Non-governmental organizations' WHEN o.type_code IN ('10','11','15') THEN 'Governments and public bodies'
              WHEN o.type_code = '80' THEN 'Academic and research institutions' WHEN o.type_code IS NULL THEN 'Partners of unrecorded type'
              ELSE 'Other partners (foundations, private sector, other)' END AS label,
            count(DISTINCT w.organization_id)::int AS programs, round(sum(w.cents::numeric / w.n))::text AS cents
          FROM w JOIN organizations o ON o.id = w.organization_id GROUP BY 1
          UNION ALL
          SELECT 'Partner not specified', 0, coalesce(sum(y.cents), 0)::text FROM ${yearRows(fy, 'international')} y
          WHERE NOT EXISTS (SELECT 1 FROM program_partners pp WHERE pp.program_id = y.id) HAVING count(*) > 0`,
    ),
  );
}

/** Per agency: international programs, cents, unknown amounts and distinct places, as the paragraph states them. */
export async function sqlAgencyFacts(db: Executor, fy: number): Promise<Map<string, Figure & { places: number; unknown: number }>> {
  const list = await selectRows(
    db,
    sql`SELECT y.funding_agency_id AS agency, count(*)::int AS programs, sum(y.cents)::text AS cents, count(*) FILTER (WHERE y.unknown)::int AS unknown,
          (SELECT count(DISTINCT coalesce(pl.country_code, pl.region_code)) FROM program_places pl JOIN ${yearRows(fy, 'international')} z ON z.id = pl.program_id
            WHERE z.funding_agency_id = y.funding_agency_id)::int AS places
        FROM ${yearRows(fy, 'international')} y GROUP BY y.funding_agency_id`,
  );
  return new Map(
    list.map((row) => [
      String(row.agency),
      { programs: Number(row.programs), cents: BigInt(String(row.cents)), unknown: Number(row.unknown), places: Number(row.places) },
    ]),
  );
}
