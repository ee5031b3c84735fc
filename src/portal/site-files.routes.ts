import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FeatureOptions } from '../http/request-context.ts';
import { listAgencies, listRegions } from '../reference/reference.service.ts';
import { publicViewer } from '../shared/actor.ts';
import { getBreakdown } from '../stats/stats.service.ts';
import { segment } from '../ui/urls.ts';

/** The pages every reader can open, whatever the data. */
const fixedPages = [
  '/',
  '/programs',
  '/countries',
  '/regions',
  '/agencies',
  '/assessment',
  '/about',
  '/docs',
  '/glossary',
  '/data-dictionary',
];

/** Where the site is reached, from the request; a Host that is not a plain host name is not echoed. */
function originOf(request: FastifyRequest): string {
  const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(request.host) ? request.host : 'localhost';
  return `${request.protocol}://${host}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** robots.txt (everything public may be crawled, not the signed-in areas) and sitemap.xml of the public pages. */
export const siteFileRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get('/robots.txt', { schema: { hide: true } }, async (request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(
        [
          'User-agent: *',
          'Disallow: /account',
          'Disallow: /admin/',
          'Disallow: /clearance',
          'Disallow: /sign-in',
          'Disallow: /api/',
          `Sitemap: ${originOf(request)}/sitemap.xml`,
          '',
        ].join('\n'),
      ),
  );

  app.get('/sitemap.xml', { schema: { hide: true } }, async (request, reply) => {
    // Public records only: a sitemap is for search engines, whoever asks for it.
    const byCountry = await getBreakdown({ db, dimension: 'country', filters: {}, viewer: publicViewer });
    const countries = byCountry.rows.filter((row) => row.kind === 'country').map((row) => `/countries/${segment(row.key)}`);
    const regions = (await listRegions({ db })).map((region) => `/regions/${segment(region.code)}`);
    const agencies = (await listAgencies({ db })).map((agency) => `/agencies/${segment(agency.id)}`);
    const origin = originOf(request);
    const urls = [...fixedPages, ...countries.sort(), ...regions, ...agencies]
      .map((path) => `  <url><loc>${escapeXml(origin + path)}</loc></url>`)
      .join('\n');
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`);
  });
};
