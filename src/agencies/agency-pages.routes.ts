import type { FastifyPluginAsync } from 'fastify';
import { listAgencies } from '../reference/reference.service.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { getBreakdown } from '../stats/stats.service.ts';
import { notFound } from '../ui/error-page.tsx';
import { pageRoute } from '../ui/page-route.ts';
import { loadProfile } from '../stats/profile-data.ts';
import { AgenciesPage } from './agencies.page.tsx';
import { AgencyPage } from './agency.page.tsx';

/** The agency hierarchy and one page per agency. */
export const agencyPageRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/agencies',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const agencies = await listAgencies({ db });
      const totals = await getBreakdown({ db, dimension: 'agency', filters: {}, viewer });
      return AgenciesPage({ agencies, totals: totals.rows });
    }),
  );

  app.get(
    '/agencies/:id',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const id = (request.params as { id: string }).id;
      const agencies = await listAgencies({ db });
      const agency = agencies.find((candidate) => candidate.id === id);
      if (!agency) throw notFound(`No agency has the identifier '${id}'`);
      const children = agencies.filter((candidate) => candidate.parentId === agency.id);
      const profile = await loadProfile({ db, viewer, filters: { agency: agency.id }, tops: ['country', 'partner'] });
      return AgencyPage({ data: { agency, children, profile } });
    }),
  );
};
