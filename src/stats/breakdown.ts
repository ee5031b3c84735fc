import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { buildProgramConditions, resolveFiscalYearRange, whereClause } from '../programs/program-search.ts';
import type { ProgramFilters } from '../programs/program.schemas.ts';
import type { Viewer } from '../shared/actor.ts';
import { groupBy } from '../shared/group-by.ts';
import { centsText, centsToUsd, compareCents } from '../shared/money.ts';
import type { Breakdown, BreakdownDimension, BreakdownRow } from './stats.schemas.ts';

type Row = Record<string, unknown>;

/** One program's money in one fiscal year, attributed to one row of a breakdown. */
type Share = { fiscalYear: number; key: string; label: string; programId: number; cents: bigint; known: boolean };

function groupByProgram(rows: Row[]): Map<number, Row[]> {
  return groupBy(rows, (row) => Number(row.program_id));
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

/** How each dimension attributes a program's amount; see `Breakdown.method`. */
const methods: Record<BreakdownDimension, Breakdown['method']> = {
  agency: 'whole',
  'fiscal-year': 'whole',
  country: 'allocated',
  region: 'allocated',
  partner: 'allocated',
  'assistance-type': 'tagged',
  pillar: 'tagged',
};

/** `known` is false when the source gave no amount: it then counts as 0 in sums but never as a known $0. */
type Amount = { programId: number; fiscalYear: number; cents: bigint; known: boolean; agencyId: string; agencyName: string };

/** The rows of one dimension for the matching programs only (`matching` selects their ids). */
async function loadDimensionRows(db: Executor, dimension: BreakdownDimension, matching: SQL): Promise<Map<number, Row[]>> {
  if (dimension === 'country' || dimension === 'region') {
    // A country's region in this breakdown is its UN M49 continent; a region place counts as itself.
    return groupByProgram(
      await selectRows(
        db,
        sql`SELECT pl.program_id, pl.country_code, pl.region_code, pl.share_percent, coalesce(c.name, r.name) AS name,
              continent.code AS continent_code, continent.name AS continent_name
            FROM program_places pl
            LEFT JOIN countries c ON c.code = pl.country_code
            LEFT JOIN regions r ON r.code = pl.region_code
            LEFT JOIN LATERAL (
              SELECT rg.code, rg.name FROM region_countries rc JOIN regions rg ON rg.code = rc.region_code
              WHERE rc.country_code = pl.country_code AND rg.kind = 'continent' LIMIT 1) continent ON TRUE
            WHERE pl.program_id IN (${matching}) ORDER BY pl.id`,
      ),
    );
  }
  if (dimension === 'partner') {
    return groupByProgram(
      await selectRows(
        db,
        sql`SELECT pp.program_id, pp.organization_id, pp.role, o.name FROM program_partners pp
            JOIN organizations o ON o.id = pp.organization_id
            WHERE pp.program_id IN (${matching}) ORDER BY pp.program_id, pp.role, o.name`,
      ),
    );
  }
  if (dimension === 'assistance-type' || dimension === 'pillar') {
    return groupByProgram(
      await selectRows(
        db,
        sql`SELECT t.program_id, t.code, v.name FROM program_terms t
            JOIN vocabulary_terms v ON v.vocabulary = t.vocabulary AND v.code = t.code
            WHERE t.vocabulary = ${dimension} AND t.program_id IN (${matching}) ORDER BY t.code`,
      ),
    );
  }
  return new Map();
}

/** Attributes one program-year amount to the rows of the dimension. */
function attribute(dimension: BreakdownDimension, amount: Amount, rows: Row[]): Share[] {
  const base = { fiscalYear: amount.fiscalYear, programId: amount.programId, known: amount.known };
  if (dimension === 'agency') return [{ ...base, key: amount.agencyId, label: amount.agencyName, cents: amount.cents }];
  if (dimension === 'fiscal-year')
    return [{ ...base, key: String(amount.fiscalYear), label: `FY${amount.fiscalYear}`, cents: amount.cents }];
  if (dimension === 'assistance-type' || dimension === 'pillar') {
    if (rows.length === 0) return [{ ...base, key: 'none', label: 'Not specified', cents: amount.cents }];
    return rows.map((tag) => ({ ...base, key: String(tag.code), label: String(tag.name), cents: amount.cents }));
  }
  if (dimension === 'partner') {
    const primes = rows.filter((partner) => partner.role === 'prime');
    const counted = primes.length ? primes : rows;
    if (counted.length === 0) return [{ ...base, key: 'none', label: 'Partner not specified', cents: amount.cents }];
    const parts = allocateCents(
      amount.cents,
      counted.map(() => 1),
    );
    return counted.map((partner, index) => ({
      ...base,
      key: String(partner.organization_id),
      label: String(partner.name),
      cents: parts[index]!,
    }));
  }
  if (rows.length === 0) return [{ ...base, key: 'unspecified', label: 'Place not specified', cents: amount.cents }];
  const parts = allocateCents(
    amount.cents,
    rows.map((place) => Number(place.share_percent ?? 0)),
  );
  return rows.map((place, index) => {
    if (place.region_code)
      return { ...base, key: `region:${place.region_code}`, label: `${place.name} (regional program)`, cents: parts[index]! };
    if (dimension === 'country') return { ...base, key: String(place.country_code), label: String(place.name), cents: parts[index]! };
    return {
      ...base,
      key: String(place.continent_code ?? 'unassigned'),
      label: String(place.continent_name ?? 'No region'),
      cents: parts[index]!,
    };
  });
}

/** Every share of every matching program-year, with the total of the amounts. */
async function collectShares(options: { db: Executor; dimension: BreakdownDimension; filters: ProgramFilters; viewer: Viewer }) {
  const { db, dimension, filters, viewer } = options;
  const range = resolveFiscalYearRange(filters);
  const programConditions = buildProgramConditions({ filters, viewer });
  const matching = sql`SELECT p.id FROM programs p ${whereClause(programConditions)}`;
  const yearCondition = range ? sql`AND o.fiscal_year BETWEEN ${range.from} AND ${range.to}` : sql``;
  const amountRows = await selectRows(
    db,
    sql`SELECT p.id, o.fiscal_year, coalesce(o.amount_cents, 0)::text AS cents, o.amount_cents IS NOT NULL AS known, p.funding_agency_id, a.name AS agency_name
        FROM programs p JOIN program_obligations o ON o.program_id = p.id JOIN agencies a ON a.id = p.funding_agency_id
        WHERE p.id IN (${matching}) ${yearCondition}`,
  );
  const dimensionRows = await loadDimensionRows(db, dimension, matching);
  let total = 0n;
  const shares: Share[] = [];
  const programs = new Set<number>();
  const programsWithAmount = new Set<number>();
  for (const row of amountRows) {
    const amount: Amount = {
      programId: Number(row.id),
      fiscalYear: Number(row.fiscal_year),
      cents: BigInt(String(row.cents)),
      known: row.known === true || row.known === 't',
      agencyId: String(row.funding_agency_id),
      agencyName: String(row.agency_name),
    };
    total += amount.cents;
    programs.add(amount.programId);
    if (amount.known) programsWithAmount.add(amount.programId);
    shares.push(...attribute(dimension, amount, dimensionRows.get(amount.programId) ?? []));
  }
  return { shares, total, range, programsWithoutAmount: programs.size - programsWithAmount.size };
}

type Group = { label: string; programs: Set<number>; withAmount: Set<number>; cents: bigint };

const newGroup = (label: string): Group => ({ label, programs: new Set<number>(), withAmount: new Set<number>(), cents: 0n });

function addShare(group: Group, share: Share): Group {
  group.programs.add(share.programId);
  if (share.known) group.withAmount.add(share.programId);
  group.cents += share.cents;
  return group;
}

/** The kind of thing a row's key names: a country breakdown's regional rows are `region`, keyed `region:CODE`. */
function kindOf(dimension: BreakdownDimension, key: string): BreakdownRow['kind'] {
  if (key === 'none' || key === 'unspecified' || key === 'unassigned') return 'not-specified';
  if (dimension === 'country') return key.startsWith('region:') ? 'region' : 'country';
  if (dimension === 'partner') return 'organization';
  return dimension;
}

function toRow(dimension: BreakdownDimension, key: string, group: Group): BreakdownRow {
  const programsWithoutAmount = group.programs.size - group.withAmount.size;
  return {
    key,
    kind: kindOf(dimension, key),
    label: group.label,
    programs: group.programs.size,
    obligatedUsd: centsToUsd(group.cents),
    obligatedCents: centsText(group.cents),
    programsWithoutAmount,
    amountKnown: group.withAmount.size > 0,
  };
}

const byAmountThenLabel = (left: BreakdownRow, right: BreakdownRow) =>
  compareCents(right.obligatedCents, left.obligatedCents) || left.label.localeCompare(right.label);

/**
 * Obligations broken down by one dimension, for the programs matching the filters. Places and
 * partners are allocated (rows add up to the total); agencies and fiscal years partition the
 * money; assistance types and pillars are tags, so a program counts under each of its tags.
 */
export async function getBreakdown(options: {
  db: Executor;
  dimension: BreakdownDimension;
  filters: ProgramFilters;
  viewer: Viewer;
}): Promise<Breakdown> {
  const { shares, total, range, programsWithoutAmount } = await collectShares(options);
  const groups = new Map<string, Group>();
  for (const share of shares) groups.set(share.key, addShare(groups.get(share.key) ?? newGroup(share.label), share));
  return {
    dimension: options.dimension,
    fiscalYearFrom: range?.from ?? null,
    fiscalYearTo: range?.to ?? null,
    method: methods[options.dimension],
    totalUsd: centsToUsd(total),
    totalCents: centsText(total),
    programsWithoutAmount,
    rows: [...groups.entries()]
      .map(([key, group]) => toRow(options.dimension, key, group))
      // Years read in order; every other dimension from the largest amount down.
      .sort(options.dimension === 'fiscal-year' ? (left, right) => Number(left.key) - Number(right.key) : byAmountThenLabel),
  };
}

/**
 * The same breakdown per fiscal year, in one pass (for stacked charts over time): rows of
 * (fiscal year, key) ordered by year, then amount.
 */
export async function getBreakdownByFiscalYear(options: {
  db: Executor;
  dimension: BreakdownDimension;
  filters: ProgramFilters;
  viewer: Viewer;
}): Promise<{ dimension: BreakdownDimension; method: Breakdown['method']; rows: (BreakdownRow & { fiscalYear: number })[] }> {
  const { shares } = await collectShares(options);
  const groups = new Map<string, Group & { fiscalYear: number; key: string }>();
  for (const share of shares) {
    const groupKey = `${share.fiscalYear}\u0000${share.key}`;
    const group = groups.get(groupKey) ?? { ...newGroup(share.label), fiscalYear: share.fiscalYear, key: share.key };
    groups.set(groupKey, Object.assign(addShare(group, share), { fiscalYear: share.fiscalYear, key: share.key }));
  }
  const rows = [...groups.values()]
    .map((group) => ({ ...toRow(options.dimension, group.key, group), fiscalYear: group.fiscalYear }))
    .sort((left, right) => left.fiscalYear - right.fiscalYear || byAmountThenLabel(left, right));
  return { dimension: options.dimension, method: methods[options.dimension], rows };
}
