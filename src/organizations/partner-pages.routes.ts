import type { FastifyPluginAsync } from 'fastify';
import { getOrganizationById } from './organization.service.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { notFound } from '../ui/error-page.tsx';
import { pageRoute } from '../ui/page-route.ts';
import { loadProfile } from '../stats/profile-data.ts';
import { PartnerPage } from './partner.page.tsx';

/** One page per implementing partner. */
export const partnerPageRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/partners/:id',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const raw = (request.params as { id: string }).id;
      // Organization ids are PostgreSQL integers; anything else cannot name one.
      if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw notFound(`No partner has the number '${raw}'`);
      const organization = await getOrganizationById({ db, id: Number(raw), viewer });
      const profile = await loadProfile({ db, viewer, filters: { partner: organization.id }, tops: ['country'] });
      return PartnerPage({ data: { organization, profile } });
    }),
  );
};
