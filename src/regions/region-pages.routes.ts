import type { FastifyPluginAsync } from 'fastify';
import { listCountries, listRegionCountryCodes, listRegions } from '../reference/reference.service.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { getBreakdown } from '../stats/stats.service.ts';
import { barRows } from '../stats/chart-data.ts';
import { notFound } from '../ui/error-page.tsx';
import { pageRoute } from '../ui/page-route.ts';
import { loadProfile } from '../stats/profile-data.ts';
import { segment } from '../ui/urls.ts';
import { RegionPage } from './region.page.tsx';
import { RegionsPage } from './regions.page.tsx';

/** The region index and one page per region. */
export const regionPageRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/regions',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const regions = await listRegions({ db });
      const known = new Set(regions.map((region) => region.code));
      const breakdown = await getBreakdown({ db, dimension: 'region', filters: {}, viewer });
      const linkOf = (key: string) => {
        const code = key.startsWith('region:') ? key.slice('region:'.length) : key;
        return known.has(code) ? `/regions/${segment(code)}` : undefined;
      };
      return RegionsPage({ regions, byRegion: barRows(breakdown, linkOf) });
    }),
  );

  app.get(
    '/regions/:code',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const code = (request.params as { code: string }).code;
      const regions = await listRegions({ db });
      const region = regions.find((candidate) => candidate.code === code);
      if (!region) throw notFound(`No region has the code '${code}'`);
      const memberCodes = new Set(await listRegionCountryCodes({ db, regionCode: region.code }));
      const countries = (await listCountries({ db })).filter((country) => memberCodes.has(country.code));
      const profile = await loadProfile({ db, viewer, filters: { region: region.code }, tops: ['country', 'partner'] });
      const parent = regions.find((candidate) => candidate.code === region.parentCode);
      return RegionPage({ data: { region, parent, countries, profile } });
    }),
  );
};
