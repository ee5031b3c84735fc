import { getOverlapReport } from '../coordination/portfolio-report.ts';
import type { OverlapReportSummary } from '../coordination/coordination.schemas.ts';
import { summarizeClearanceYear, type ClearanceYearSummary } from '../clearance/clearance-summary.ts';
import type { Executor } from '../db/database.ts';
import { domesticCountryCode } from '../programs/program-search.ts';
import { listRecommendations } from '../recommendations/recommendations.service.ts';
import type { Recommendation, StrategicPlan } from '../recommendations/recommendations.schemas.ts';
import { listStrategicPlans } from '../strategic-plans/strategic-plans.service.ts';
import { listAgencies, listCountries } from '../reference/reference.service.ts';
import type { Viewer } from '../shared/actor.ts';
import { centsText, centsToUsd, compareCents, toCents } from '../shared/money.ts';
import type { Breakdown, BreakdownDimension, Summary } from '../stats/stats.schemas.ts';
import { getBreakdown, getSummary } from '../stats/stats.service.ts';
import {
  countCountriesReached,
  findDataAsOf,
  loadImportRuns,
  loadPartnerTypes,
  loadProgramLines,
  type ImportRunLine,
  type PartnerType,
  type ProgramLine,
} from './assessment-queries.ts';

const scopedDimensions = ['agency', 'region', 'country', 'assistance-type', 'pillar', 'partner'] as const;
type ScopedDimension = (typeof scopedDimensions)[number];

/** Everything the Assessment of one fiscal year is computed from: the result of its queries. */
export type AssessmentData = {
  fiscalYear: number;
  summary: Summary;
  /** Breakdowns of the year over all programs, the domestic ones (placed in the USA) and the international rest. */
  all: Record<ScopedDimension, Breakdown>;
  domestic: Record<ScopedDimension, Breakdown>;
  international: Record<ScopedDimension, Breakdown>;
  /** The last four fiscal years by year, all and domestic, and the distinct programs funded in them. */
  fourYears: { all: Breakdown; domestic: Breakdown; programs: number };
  countriesReached: number;
  partnerTypes: Map<number, PartnerType>;
  internationalPrograms: ProgramLine[];
  domesticPrograms: ProgramLine[];
  agencies: { id: string; name: string; abbreviation: string | null }[];
  countries: { code: string; name: string; numericCode: string | null }[];
  /** The portfolio overlap report of the year, counts and tallies only (the Assessment lists no finding). */
  overlap: OverlapReportSummary;
  clearance: ClearanceYearSummary;
  plans: StrategicPlan[];
  recommendations: { current: Recommendation[]; previous: Recommendation[] };
  imports: ImportRunLine[];
  dataAsOf: string | undefined;
};

const byAmountThenLabel = (left: Breakdown['rows'][number], right: Breakdown['rows'][number]) =>
  compareCents(right.obligatedCents, left.obligatedCents) || left.label.localeCompare(right.label);

/**
 * `whole` minus `part`, row by row: the international breakdown is all programs minus those
 * placed in the USA. Exact, because a program's attribution to rows does not depend on the
 * filter, and the two program sets are disjoint.
 */
export function subtractBreakdown(whole: Breakdown, part: Breakdown): Breakdown {
  const parts = new Map(part.rows.map((row) => [row.key, row]));
  const rows = whole.rows
    .map((row) => {
      const minus = parts.get(row.key);
      if (!minus) return row;
      const obligatedCents = toCents(row.obligatedCents) - toCents(minus.obligatedCents);
      return {
        ...row,
        programs: row.programs - minus.programs,
        obligatedCents: centsText(obligatedCents),
        obligatedUsd: centsToUsd(obligatedCents),
      };
    })
    .filter((row) => row.programs > 0)
    .sort(byAmountThenLabel);
  const totalCents = toCents(whole.totalCents) - toCents(part.totalCents);
  return { ...whole, rows, totalCents: centsText(totalCents), totalUsd: centsToUsd(totalCents) };
}

async function loadBreakdowns(db: Executor, fiscalYear: number, viewer: Viewer) {
  const all = {} as Record<ScopedDimension, Breakdown>;
  const domestic = {} as Record<ScopedDimension, Breakdown>;
  const international = {} as Record<ScopedDimension, Breakdown>;
  for (const dimension of scopedDimensions) {
    all[dimension] = await getBreakdown({ db, dimension: dimension as BreakdownDimension, filters: { fiscalYear }, viewer });
    domestic[dimension] = await getBreakdown({
      db,
      dimension: dimension as BreakdownDimension,
      filters: { fiscalYear, country: domesticCountryCode },
      viewer,
    });
    international[dimension] = subtractBreakdown(all[dimension], domestic[dimension]);
  }
  return { all, domestic, international };
}

/**
 * Runs every query of the Assessment of `fiscalYear` as `viewer` sees the data (the published
 * report uses the public viewer, so restricted proposals never enter it).
 */
export async function loadAssessmentData(options: { db: Executor; fiscalYear: number; viewer: Viewer }): Promise<AssessmentData> {
  const { db, fiscalYear, viewer } = options;
  const summary = await getSummary({ db, fiscalYear, viewer });
  const breakdowns = await loadBreakdowns(db, fiscalYear, viewer);
  const range = { fiscalYearFrom: fiscalYear - 3, fiscalYearTo: fiscalYear };
  const fourYears = {
    all: await getBreakdown({ db, dimension: 'fiscal-year', filters: range, viewer }),
    domestic: await getBreakdown({ db, dimension: 'fiscal-year', filters: { ...range, country: domesticCountryCode }, viewer }),
    // Each program has one funding agency, so the agency rows' program counts add up to distinct programs.
    programs: (await getBreakdown({ db, dimension: 'agency', filters: range, viewer })).rows.reduce((sum, row) => sum + row.programs, 0),
  };
  const partnerIds = breakdowns.international.partner.rows.filter((row) => /^\d+$/.test(row.key)).map((row) => Number(row.key));
  const agencies = await listAgencies({ db });
  const countries = await listCountries({ db, includeHistorical: true });
  return {
    fiscalYear,
    summary,
    ...breakdowns,
    fourYears,
    countriesReached: await countCountriesReached({ db, fiscalYear, viewer }),
    partnerTypes: await loadPartnerTypes({ db, ids: partnerIds }),
    internationalPrograms: await loadProgramLines({ db, fiscalYear, viewer, scope: 'international' }),
    domesticPrograms: await loadProgramLines({ db, fiscalYear, viewer, scope: 'domestic' }),
    agencies: agencies.map((agency) => ({ id: agency.id, name: agency.name, abbreviation: agency.abbreviation ?? null })),
    countries: countries.map((country) => ({ code: country.code, name: country.name, numericCode: country.numericCode ?? null })),
    overlap: await getOverlapReport({ db, from: fiscalYear, to: fiscalYear, viewer, detail: 'summary' }),
    clearance: await summarizeClearanceYear({ db, fiscalYear, viewer }),
    plans: await listStrategicPlans({ db, viewer, fiscalYear }),
    recommendations: {
      current: await listRecommendations({ db, fiscalYear }),
      previous: await listRecommendations({ db, fiscalYear: fiscalYear - 1 }),
    },
    imports: await loadImportRuns({ db }),
    dataAsOf: await findDataAsOf({ db }),
  };
}
