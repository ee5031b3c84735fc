import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { canSeeRestricted, type Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { centsToUsd } from '../shared/money.ts';
import { buildProgramConditions, resolveFiscalYearRange, whereClause } from '../programs/program-search.ts';
import type { ProgramFilters } from '../programs/program.schemas.ts';
import type { Breakdown, BreakdownDimension, BreakdownRow, Summary } from './stats.schemas.ts';

type Row = Record<string, unknown>;

async function selectRows(db: Executor, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

function visibilityCondition(viewer: Viewer): SQL {
  return canSeeRestricted(viewer) ? sql`TRUE` : sql`p.visibility = 'public'`;
}

/**
 * Figures of one fiscal year over the visible programs; `domestic` narrows to programs placed in
 * the United States, `international` to all others (the published Assessment reports them apart).
 */
async function summarizeYear(db: Executor, fiscalYear: number, viewer: Viewer, scope: 'all' | 'domestic' | 'international' = 'all') {
  const domestic = sql`EXISTS (SELECT 1 FROM program_places d WHERE d.program_id = p.id AND d.country_code = 'USA')`;
  const scopeCondition = scope === 'all' ? sql`TRUE` : scope === 'domestic' ? domestic : sql`NOT ${domestic}`;
  const [row] = await selectRows(
    db,
    sql`WITH year_programs AS (
          SELECT p.id, o.amount_cents FROM programs p
          JOIN program_obligations o ON o.program_id = p.id AND o.fiscal_year = ${fiscalYear}
          WHERE ${visibilityCondition(viewer)} AND ${scopeCondition})
        SELECT
          (SELECT count(*) FROM year_programs)::int AS programs,
          (SELECT coalesce(sum(amount_cents), 0) FROM year_programs)::text AS obligated_cents,
          (SELECT count(*) FROM year_programs WHERE amount_cents IS NULL)::int AS unknown_amount_programs,
          (SELECT count(DISTINCT pl.country_code) FROM program_places pl JOIN year_programs y ON y.id = pl.program_id
            WHERE pl.country_code IS NOT NULL)::int AS countries,
          (SELECT count(DISTINCT pl.program_id) FROM program_places pl JOIN year_programs y ON y.id = pl.program_id
            WHERE pl.region_code IS NOT NULL)::int AS regional_programs`,
  );
  return {
    programs: Number(row!.programs),
    obligatedCents: BigInt(String(row!.obligated_cents)),
    unknownAmountPrograms: Number(row!.unknown_amount_programs),
    countries: Number(row!.countries),
    regionalPrograms: Number(row!.regional_programs),
  };
}

function presentScope(figures: Awaited<ReturnType<typeof summarizeYear>>) {
  return {
    programs: figures.programs,
    obligatedUsd: centsToUsd(figures.obligatedCents),
    obligatedCents: Number(figures.obligatedCents),
    countries: figures.countries,
    unknownAmountPrograms: figures.unknownAmountPrograms,
  };
}

/** Headline figures of a fiscal year, and the year before for comparison. */
export async function getSummary(options: { db: Executor; fiscalYear: number; viewer: Viewer }): Promise<Summary> {
  const { db, fiscalYear, viewer } = options;
  const current = await summarizeYear(db, fiscalYear, viewer);
  const previous = await summarizeYear(db, fiscalYear - 1, viewer);
  const international = await summarizeYear(db, fiscalYear, viewer, 'international');
  const domestic = await summarizeYear(db, fiscalYear, viewer, 'domestic');
  return {
    fiscalYear,
    programs: current.programs,
    obligatedUsd: centsToUsd(current.obligatedCents),
    obligatedCents: Number(current.obligatedCents),
    countries: current.countries,
    unknownAmountPrograms: current.unknownAmountPrograms,
    regionalPrograms: current.regionalPrograms,
    international: presentScope(international),
    domestic: presentScope(domestic),
    previousYear:
      previous.programs > 0
        ? {
            fiscalYear: fiscalYear - 1,
            programs: previous.programs,
            obligatedUsd: centsToUsd(previous.obligatedCents),
            countries: previous.countries,
          }
        : null,
  };
}

/** The latest fiscal year with any obligation the viewer can see, or undefined on an empty database. */
export async function findLatestFiscalYear(options: { db: Executor; viewer: Viewer }): Promise<number | undefined> {
  const [row] = await selectRows(
    options.db,
    sql`SELECT max(o.fiscal_year) AS fiscal_year FROM program_obligations o JOIN programs p ON p.id = o.program_id
        WHERE ${visibilityCondition(options.viewer)}`,
  );
  return row?.fiscal_year === null || row?.fiscal_year === undefined ? undefined : Number(row.fiscal_year);
}

/** Splits cents among n parts by weights, exactly: the parts always add up to the whole. */
export function allocateCents(total: bigint, weights: number[]): bigint[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const normalized = weightSum > 0 ? weights : weights.map(() => 1);
  const normalizedSum = normalized.reduce((sum, weight) => sum + weight, 0);
  const scale = 1_000_000n;
  const shares = normalized.map((weight) => BigInt(Math.round((weight / normalizedSum) * Number(scale))));
  const shareSum = shares.reduce((sum, share) => sum + share, 0n);
  const parts = shares.map((share) => (total * share) / shareSum);
  let remainder = total - parts.reduce((sum, part) => sum + part, 0n);
  for (let index = 0; remainder > 0n; index = (index + 1) % parts.length, remainder -= 1n) parts[index]! += 1n;
  return parts;
}

function toRows(groups: Map<string, { label: string; programs: Set<number>; cents: bigint }>): BreakdownRow[] {
  return [...groups.entries()]
    .map(([key, group]) => ({
      key,
      label: group.label,
      programs: group.programs.size,
      obligatedUsd: centsToUsd(group.cents),
      obligatedCents: Number(group.cents),
    }))
    .sort((left, right) => right.obligatedCents - left.obligatedCents || left.label.localeCompare(right.label));
}

/**
 * Obligations broken down by one dimension. Places are allocated (rows add up to the total);
 * agencies and fiscal years partition the money; assistance types and pillars are tags, so a
 * program counts under each of its tags.
 */
export async function getBreakdown(options: {
  db: Executor;
  dimension: BreakdownDimension;
  filters: ProgramFilters;
  viewer: Viewer;
}): Promise<Breakdown> {
  const { db, dimension, filters, viewer } = options;
  const range = resolveFiscalYearRange(filters);
  const conditions = buildProgramConditions({ filters, viewer });
  if (range) conditions.push(sql`o.fiscal_year BETWEEN ${range.from} AND ${range.to}`);
  const amounts = await selectRows(
    db,
    sql`SELECT p.id, o.fiscal_year, coalesce(o.amount_cents, 0)::text AS cents, p.funding_agency_id, a.name AS agency_name
        FROM programs p JOIN program_obligations o ON o.program_id = p.id JOIN agencies a ON a.id = p.funding_agency_id
        ${whereClause(conditions)}`,
  );
  const groups = new Map<string, { label: string; programs: Set<number>; cents: bigint }>();
  const add = (key: string, label: string, programId: number, cents: bigint) => {
    const group = groups.get(key) ?? { label, programs: new Set<number>(), cents: 0n };
    group.programs.add(programId);
    group.cents += cents;
    groups.set(key, group);
  };
  let total = 0n;
  for (const row of amounts) total += BigInt(String(row.cents));
  let method: Breakdown['method'] = 'whole';
  if (dimension === 'agency') {
    for (const row of amounts) add(String(row.funding_agency_id), String(row.agency_name), Number(row.id), BigInt(String(row.cents)));
  } else if (dimension === 'fiscal-year') {
    for (const row of amounts) add(String(row.fiscal_year), `FY${row.fiscal_year}`, Number(row.id), BigInt(String(row.cents)));
  } else if (dimension === 'country' || dimension === 'region') {
    method = 'allocated';
    await addPlaceAllocations({ db, dimension, amounts, add });
  } else if (dimension === 'partner') {
    method = 'allocated';
    await addPartnerAllocations({ db, amounts, add });
  } else {
    method = 'tagged';
    const vocabulary: string = dimension;
    const tags = await selectRows(
      db,
      sql`SELECT t.program_id, t.code, v.name FROM program_terms t
          JOIN vocabulary_terms v ON v.vocabulary = t.vocabulary AND v.code = t.code WHERE t.vocabulary = ${vocabulary}`,
    );
    const tagsByProgram = new Map<number, Row[]>();
    for (const tag of tags) tagsByProgram.set(Number(tag.program_id), [...(tagsByProgram.get(Number(tag.program_id)) ?? []), tag]);
    for (const row of amounts) {
      const programTags = tagsByProgram.get(Number(row.id)) ?? [{ code: 'none', name: 'Not specified' }];
      for (const tag of programTags) add(String(tag.code), String(tag.name), Number(row.id), BigInt(String(row.cents)));
    }
  }
  return {
    dimension,
    fiscalYearFrom: range?.from ?? null,
    fiscalYearTo: range?.to ?? null,
    method,
    totalUsd: centsToUsd(total),
    totalCents: Number(total),
    rows: toRows(groups),
  };
}

type AddToGroup = (key: string, label: string, programId: number, cents: bigint) => void;

/** Splits each program's amount equally among its prime partners (or all partners when none is prime). */
async function addPartnerAllocations(options: { db: Executor; amounts: Row[]; add: AddToGroup }): Promise<void> {
  const { db, amounts, add } = options;
  const partners = await selectRows(
    db,
    sql`SELECT pp.program_id, pp.organization_id, pp.role, o.name FROM program_partners pp
        JOIN organizations o ON o.id = pp.organization_id ORDER BY pp.program_id, pp.role, o.name`,
  );
  const partnersByProgram = new Map<number, Row[]>();
  for (const partner of partners) {
    const list = partnersByProgram.get(Number(partner.program_id));
    if (list) list.push(partner);
    else partnersByProgram.set(Number(partner.program_id), [partner]);
  }
  for (const row of amounts) {
    const programId = Number(row.id);
    const all = partnersByProgram.get(programId) ?? [];
    const primes = all.filter((partner) => partner.role === 'prime');
    const counted = primes.length ? primes : all;
    if (counted.length === 0) {
      add('none', 'Partner not specified', programId, BigInt(String(row.cents)));
      continue;
    }
    const parts = allocateCents(BigInt(String(row.cents)), counted.map(() => 1));
    counted.forEach((partner, index) => add(String(partner.organization_id), String(partner.name), programId, parts[index]!));
  }
}

async function addPlaceAllocations(options: {
  db: Executor;
  dimension: 'country' | 'region';
  amounts: Row[];
  add: (key: string, label: string, programId: number, cents: bigint) => void;
}): Promise<void> {
  const { db, dimension, amounts, add } = options;
  // A country's region in this breakdown is its UN M49 continent; a region place counts as itself.
  const places = await selectRows(
    db,
    sql`SELECT pl.program_id, pl.country_code, pl.region_code, pl.share_percent,
          coalesce(c.name, r.name) AS name,
          continent.code AS continent_code, continent.name AS continent_name
        FROM program_places pl
        LEFT JOIN countries c ON c.code = pl.country_code
        LEFT JOIN regions r ON r.code = pl.region_code
        LEFT JOIN LATERAL (
          SELECT rg.code, rg.name FROM region_countries rc JOIN regions rg ON rg.code = rc.region_code
          WHERE rc.country_code = pl.country_code AND rg.kind = 'continent' LIMIT 1) continent ON TRUE
        ORDER BY pl.id`,
  );
  const placesByProgram = new Map<number, Row[]>();
  for (const place of places) placesByProgram.set(Number(place.program_id), [...(placesByProgram.get(Number(place.program_id)) ?? []), place]);
  for (const row of amounts) {
    const programId = Number(row.id);
    const programPlaces = placesByProgram.get(programId) ?? [];
    const cents = BigInt(String(row.cents));
    if (programPlaces.length === 0) {
      add('unspecified', 'Place not specified', programId, cents);
      continue;
    }
    const parts = allocateCents(cents, programPlaces.map((place) => Number(place.share_percent ?? 0)));
    programPlaces.forEach((place, index) => {
      const part = parts[index]!;
      if (place.region_code) {
        add(`region:${place.region_code}`, `${place.name} (regional program)`, programId, part);
      } else if (dimension === 'country') {
        add(String(place.country_code), String(place.name), programId, part);
      } else {
        add(String(place.continent_code ?? 'unassigned'), String(place.continent_name ?? 'No region'), programId, part);
      }
    });
  }
}
