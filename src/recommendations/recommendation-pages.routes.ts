import type { FastifyPluginAsync } from 'fastify';
import { canWriteRecommendations } from '../policy/policy.ts';
import type { Database } from '../db/database.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { parseQuery } from '../http/parse-query.ts';
import { htmlErrorHandler, pageRoute } from '../ui/page-route.ts';
import { recommendationFormRoutes } from './recommendation-form.routes.ts';
import { RecommendationsPage } from './recommendations.page.tsx';
import { recommendationQuerySchema } from './recommendations.schemas.ts';
import { listRecommendations } from './recommendations.service.ts';

/** The forms, in a plugin of their own: errors raised before a handler (the form token check) get HTML pages. */
const formRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.setErrorHandler(htmlErrorHandler);
  await app.register(recommendationFormRoutes, { db });
};

/**
 * /recommendations: the list for everyone, and the forms (with the link to a new one) for those
 * the policy lets write.
 */
export const recommendationPageRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/recommendations',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const query = parseQuery(recommendationQuerySchema, request.query);
      const canWrite = canWriteRecommendations(contextOf(request).viewer);
      return RecommendationsPage({
        items: await listRecommendations({ db, fiscalYear: query.fiscalYear }),
        fiscalYear: query.fiscalYear,
        canWrite,
      });
    }),
  );
  await app.register(formRoutes, { db });
};
