import type { FastifyPluginAsync } from 'fastify';
import { canWriteRecommendations, canWriteStrategicPlan } from '../policy/policy.ts';
import { htmlErrorHandler, idParam, pageRoute } from '../ui/page-route.ts';
import type { Database } from '../db/database.ts';
import { listAgencies } from '../reference/reference.service.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { parseQuery } from '../http/parse-query.ts';
import { recommendationFormRoutes } from './recommendation-form.routes.ts';
import { RecommendationsPage, StrategicPlanPage, StrategicPlansPage } from './recommendations.page.tsx';
import { recommendationQuerySchema, strategicPlanQuerySchema } from './recommendations.schemas.ts';
import { listRecommendations } from './recommendations.service.ts';
import { strategicPlanFormRoutes } from '../strategic-plans/strategic-plan-form.routes.ts';
import { getStrategicPlan, listStrategicPlans } from '../strategic-plans/strategic-plans.service.ts';

type Options = FeatureOptions;

/** The forms, in a plugin of their own: errors raised before a handler (the form token check) get HTML pages. */
const formRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.setErrorHandler(htmlErrorHandler);
  await app.register(recommendationFormRoutes, { db });
  await app.register(strategicPlanFormRoutes, { db });
};

/**
 * /recommendations and /strategic-plans: the lists and each plan's page for everyone, and the
 * forms (with their links: new plan, edit this plan) for those the policy lets write.
 */
export const recommendationPageRoutes: FastifyPluginAsync<Options> = async (app, { db }) => {
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
  app.get(
    '/strategic-plans',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const query = parseQuery(strategicPlanQuerySchema, request.query);
      const { viewer } = contextOf(request);
      const canWrite = (await listAgencies({ db })).some((agency) => canWriteStrategicPlan(viewer, agency.id));
      return StrategicPlansPage({ plans: await listStrategicPlans({ db, viewer, ...query }), fiscalYear: query.fiscalYear, canWrite });
    }),
  );
  app.get(
    '/strategic-plans/:id',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const plan = await getStrategicPlan({ db, id: idParam(request, 'strategic plan'), viewer });
      const done = (request.query as Record<string, unknown>).done;
      return StrategicPlanPage({
        plan,
        done: done === 'created' || done === 'updated' ? done : undefined,
        canEdit: canWriteStrategicPlan(viewer, plan.agency.id),
      });
    }),
  );
  await app.register(formRoutes, { db });
};
