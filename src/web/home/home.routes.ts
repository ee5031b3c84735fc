import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { RequestContext } from '../../server/request-context.ts';
import { findLatestFiscalYear, getBreakdown, getSummary } from '../../stats/stats.service.ts';
import { renderPage } from '../layout.tsx';
import { HomePage } from './home.page.tsx';

const stylesheet = readFileSync(new URL('../site.css', import.meta.url), 'utf8');

/** The home page and the site's stylesheet. */
export const homeRoutes: FastifyPluginAsync<{ db: Database; contextOf: (request: unknown) => RequestContext }> = async (
  app,
  { db, contextOf },
) => {
  app.get('/assets/site.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet),
  );

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const { viewer } = contextOf(request);
    const latest = await findLatestFiscalYear({ db, viewer });
    const [summary, byYear, featuredYear] = await Promise.all([
      latest === undefined ? undefined : getSummary({ db, fiscalYear: latest, viewer }),
      getBreakdown({ db, dimension: 'fiscal-year', filters: {}, viewer }),
      latest !== undefined && latest !== 2004 ? getSummary({ db, fiscalYear: 2004, viewer }) : undefined,
    ]);
    const featured = featuredYear && featuredYear.programs > 0 ? featuredYear : undefined;
    return reply.type('text/html; charset=utf-8').send(renderPage(HomePage({ summary, byYear, featuredYear: featured })));
  });
};
