import type { FastifyPluginAsync } from 'fastify';
import { canWriteStrategicPlan } from '../policy/policy.ts';
import type { Database } from '../db/database.ts';
import { listAgencies } from '../reference/reference.service.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { parseQuery } from '../http/parse-query.ts';
import { htmlErrorHandler, idParam, pageRoute } from '../ui/page-route.ts';
import { strategicPlanFormRoutes } from './strategic-plan-form.routes.ts';
import { StrategicPlanPage, StrategicPlansPage } from './strategic-plans.page.tsx';
import { strategicPlanQuerySchema } from './strategic-plans.schemas.ts';
import { getStrategicPlan, listStrategicPlans } from './strategic-plans.service.ts';

/** The forms, in a plugin of their own: errors raised before a handler (the form token check) get HTML pages. */
const formRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.setErrorHandler(htmlErrorHandler);
  await app.register(strategicPlanFormRoutes, { db });
};

/**
 * /strategic-plans: the list and each plan's page for everyone, and the forms (with their links:
 * new plan, edit this plan) for those the policy lets write.
 */
export const strategicPlanPageRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
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
