import type { Executor } from '../db/database.ts';
import type { ProgramFilters, ProgramSummary } from '../programs/program.schemas.ts';
import { findPrograms } from '../programs/program.service.ts';
import type { Viewer } from '../shared/actor.ts';
import { getBreakdown } from './stats.service.ts';
import type { Breakdown } from './stats.schemas.ts';

/** Which "top" charts a profile shows: the partners it funds or works with, the places it reaches. */
export type TopDimension = 'partner' | 'country';

/** Everything a country, region, agency or partner page shows about the programs it filters to. */
export type ProfileData = {
  filters: ProgramFilters;
  byYear: Breakdown;
  byPillar: Breakdown;
  byAssistanceType: Breakdown;
  tops: { dimension: TopDimension; breakdown: Breakdown }[];
  programs: { total: number; items: ProgramSummary[] };
};

/** How many programs a profile lists before linking to the search. */
export const profileProgramCount = 20;

/** Loads the breakdowns and the largest programs for one set of filters, as the viewer may see them. */
export async function loadProfile(options: {
  db: Executor;
  viewer: Viewer;
  filters: ProgramFilters;
  tops: TopDimension[];
}): Promise<ProfileData> {
  const { db, viewer, filters } = options;
  const breakdown = (dimension: Parameters<typeof getBreakdown>[0]['dimension']) => getBreakdown({ db, dimension, filters, viewer });
  const byYear = await breakdown('fiscal-year');
  const byPillar = await breakdown('pillar');
  const byAssistanceType = await breakdown('assistance-type');
  const tops: ProfileData['tops'] = [];
  for (const dimension of options.tops) tops.push({ dimension, breakdown: await breakdown(dimension) });
  const page = await findPrograms({ db, viewer, query: { ...filters, sort: '-obligated', limit: profileProgramCount } });
  return { filters, byYear, byPillar, byAssistanceType, tops, programs: { total: page.total, items: page.items } };
}
