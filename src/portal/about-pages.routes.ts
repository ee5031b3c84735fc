import type { FastifyPluginAsync } from 'fastify';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { findLatestFiscalYear, getSummary } from '../stats/stats.service.ts';
import { pageRoute } from '../ui/page-route.ts';
import { AboutPage } from './about.page.tsx';
import { publishedFigures } from './differences.tsx';

/** About the data: the comparison with published figures is computed at every request, never hard-coded. */
export const aboutRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/about',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const years = [];
      for (const fiscalYear of Object.keys(publishedFigures).map(Number)) years.push(await getSummary({ db, fiscalYear, viewer }));
      const latestYear = await findLatestFiscalYear({ db, viewer });
      const latest = latestYear === undefined ? undefined : await getSummary({ db, fiscalYear: latestYear, viewer });
      return AboutPage({ years, latest });
    }),
  );
};
