import type { FastifyPluginAsync } from 'fastify';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { findLatestFiscalYear, getBreakdown, getSummary } from '../stats/stats.service.ts';
import { fundingByPillarOverTime, worldMapValues, yearsOf, yearTotals } from '../stats/chart-data.ts';
import { hasClearanceQueue } from '../policy/policy.ts';
import { pageRoute } from '../ui/page-route.ts';
import { HomePage } from './home.page.tsx';

/** The year compared with the published fact sheet on the home page. */
const featuredFiscalYear = 2004;

/** The home page. */
export const homeRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const latest = await findLatestFiscalYear({ db, viewer });
      const clearanceQueue = viewer.kind === 'user' && hasClearanceQueue(viewer);
      if (latest === undefined)
        return HomePage({
          summary: undefined,
          featuredYear: undefined,
          pillarSeries: [],
          yearTotals: [],
          mapValues: [],
          firstYear: undefined,
          clearanceQueue,
        });
      const byYear = await getBreakdown({ db, dimension: 'fiscal-year', filters: {}, viewer });
      const years = yearsOf(byYear);
      const summary = await getSummary({ db, fiscalYear: latest, viewer });
      const featured = latest === featuredFiscalYear ? undefined : await getSummary({ db, fiscalYear: featuredFiscalYear, viewer });
      const pillarSeries = await fundingByPillarOverTime({ db, filters: {}, viewer, years });
      const mapValues = await worldMapValues({ db, filters: { fiscalYear: latest }, viewer });
      return HomePage({
        summary,
        featuredYear: featured && featured.programs > 0 ? featured : undefined,
        pillarSeries,
        yearTotals: yearTotals(byYear),
        mapValues,
        firstYear: years[0],
        clearanceQueue,
      });
    }),
  );
};
