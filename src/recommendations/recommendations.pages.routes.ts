import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/database.ts';
import type { RequestContext } from '../server/request-context.ts';
import { pageRoute } from '../web/shared/page-route.ts';
import { parseQuery } from '../web/shared/parse-query.ts';
import { RecommendationsPage, StrategicPlansPage } from './recommendations.pages.tsx';
import { recommendationQuerySchema, strategicPlanQuerySchema } from './recommendations.schemas.ts';
import { listRecommendations } from './recommendations.service.ts';
import { listStrategicPlans } from './strategic-plans.service.ts';

/** /recommendations and /strategic-plans: read-only pages (writing is through the API and CLI for now). */
export const recommendationPageRoutes: FastifyPluginAsync<{ db: Database; contextOf: (request: unknown) => RequestContext }> = async (app, { db, contextOf }) => {
  app.get(
    '/recommendations',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const query = parseQuery(recommendationQuerySchema, request.query);
      return RecommendationsPage({ items: await listRecommendations({ db, fiscalYear: query.fiscalYear }), fiscalYear: query.fiscalYear });
    }),
  );
  app.get(
    '/strategic-plans',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const query = parseQuery(strategicPlanQuerySchema, request.query);
      return StrategicPlansPage({ plans: await listStrategicPlans({ db, viewer: contextOf(request).viewer, ...query }), fiscalYear: query.fiscalYear });
    }),
  );
};
