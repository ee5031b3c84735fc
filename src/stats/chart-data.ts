import type { Executor } from '../db/database.ts';
import type { ProgramFilters } from '../programs/program.schemas.ts';
import { listCountries } from '../reference/reference.service.ts';
import type { Viewer } from '../shared/actor.ts';
import { getBreakdown, getBreakdownByFiscalYear } from './stats.service.ts';
import type { Breakdown } from './stats.schemas.ts';
import type { BarRow, FundingPoint, MapValue, YearTotal } from '../ui/charts/index.ts';
import { segment } from '../ui/urls.ts';

type Source = { db: Executor; filters: ProgramFilters; viewer: Viewer };

/**
 * Obligations per fiscal year stacked by pillar, in one pass. Pillars are tags: a program
 * serving two pillars counts under both, so a year's stack can exceed its total.
 */
export async function fundingByPillarOverTime(options: Source & { years: number[] }): Promise<FundingPoint[]> {
  const years = new Set(options.years);
  const breakdown = await getBreakdownByFiscalYear({
    db: options.db,
    dimension: 'pillar',
    filters: options.filters,
    viewer: options.viewer,
  });
  return breakdown.rows
    .filter((row) => years.has(row.fiscalYear))
    .map((row) => ({ fiscalYear: row.fiscalYear, key: row.key, label: row.label, cents: row.amountKnown ? row.obligatedCents : null }));
}

/**
 * Each year's total with every program counted once, and how many programs have no known
 * amount: what a chart's summary and Total column must say (a pillar stack counts a program
 * once per pillar).
 */
export function yearTotals(byYear: Breakdown): YearTotal[] {
  return byYear.rows
    .map((row) => ({
      fiscalYear: Number(row.key),
      cents: row.obligatedCents,
      programs: row.programs,
      programsWithoutAmount: row.programsWithoutAmount,
    }))
    .sort((left, right) => left.fiscalYear - right.fiscalYear);
}

/** The fiscal-year breakdown as a single-series funding-over-time chart. */
export function fundingSeries(byYear: Breakdown, label = 'Obligated'): FundingPoint[] {
  return byYear.rows
    .map((row) => ({ fiscalYear: Number(row.key), key: 'total', label, cents: row.amountKnown ? row.obligatedCents : null }))
    .sort((left, right) => left.fiscalYear - right.fiscalYear);
}

/** The years of a fiscal-year breakdown, oldest first. */
export function yearsOf(byYear: Breakdown): number[] {
  return byYear.rows.map((row) => Number(row.key)).sort((left, right) => left - right);
}

/**
 * Bars from a breakdown, optionally linked; rows of places or partners not specified are kept,
 * unlinked; a row with no known amount is a "not known" bar, not $0.
 */
export function barRows(breakdown: Breakdown, linkOf?: (key: string) => string | undefined): BarRow[] {
  return breakdown.rows.map((row) => {
    const link = linkOf?.(row.key);
    const cents = row.amountKnown ? row.obligatedCents : null;
    return link ? { key: row.key, label: row.label, cents, href: link } : { key: row.key, label: row.label, cents };
  });
}

/** Where a country, region or regional-program row of a place breakdown links. */
export function placeLink(key: string): string | undefined {
  if (key.startsWith('region:')) return `/regions/${segment(key.slice('region:'.length))}`;
  return /^[A-Z]{3}$/.test(key) ? `/countries/${segment(key)}` : undefined;
}

/** Where a partner row links ("none" is the partner-not-specified row). */
export function partnerLink(key: string): string | undefined {
  return /^\d+$/.test(key) ? `/partners/${segment(key)}` : undefined;
}

/**
 * World-map values from the country breakdown (allocated: a program's amount split among its
 * places), with the ISO numeric codes the map's outlines are keyed by.
 */
export async function worldMapValues(options: Source): Promise<MapValue[]> {
  const [breakdown, countries] = await Promise.all([
    getBreakdown({ db: options.db, dimension: 'country', filters: options.filters, viewer: options.viewer }),
    listCountries({ db: options.db, includeHistorical: true }),
  ]);
  const byCode = new Map(countries.map((country) => [country.code, country]));
  return breakdown.rows.flatMap((row) => {
    const country = byCode.get(row.key);
    if (!country || BigInt(row.obligatedCents) <= 0n) return [];
    return [
      {
        countryCode: country.code,
        numericCode: country.numericCode,
        name: country.name,
        cents: row.obligatedCents,
        href: `/countries/${segment(country.code)}`,
      },
    ];
  });
}
