import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema, errorResponses } from '../http/openapi.ts';
import { entityTagOfIfMatch, etagOf } from '../http/if-match.ts';
import { contextOf, requireActor, type FeatureOptions } from '../http/request-context.ts';
import { AppError } from '../shared/errors.ts';
import {
  planIdParamsSchema,
  planUpdateHeadersSchema,
  strategicPlanInputSchema,
  strategicPlanListSchema,
  strategicPlanQuerySchema,
  strategicPlanSchema,
} from './strategic-plans.schemas.ts';
import { createStrategicPlan, getStrategicPlan, listStrategicPlans, updateStrategicPlan } from './strategic-plans.service.ts';

const writeErrors = { ...errorResponses, 403: errorBodySchema } as const;

/** The plan version a writer read, from If-Match; PRECONDITION_REQUIRED (428) without one, as for programs. */
function expectedPlanVersion(ifMatch: string | undefined): string {
  const version = entityTagOfIfMatch(ifMatch);
  if (version === undefined) {
    throw new AppError({
      code: 'PRECONDITION_REQUIRED',
      message:
        'Say which version of the plan you are changing: send If-Match with the ETag (or `version`) of GET /api/strategic-plans/{id}',
    });
  }
  return version;
}

/**
 * Agencies' strategic plans: everybody reads (links to programs as the reader may see them);
 * writes need a signed-in user or token the policy lets write the agency's plans.
 */
export const strategicPlanRoutes: FastifyPluginAsyncZod<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/api/strategic-plans',
    {
      schema: {
        tags: ['strategic plans'],
        summary: 'Agency strategic plans, optionally covering one fiscal year or of one agency',
        querystring: strategicPlanQuerySchema,
        response: { 200: strategicPlanListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listStrategicPlans({ db, viewer: contextOf(request).viewer, ...request.query }) }),
  );

  app.get(
    '/api/strategic-plans/:id',
    {
      schema: {
        tags: ['strategic plans'],
        summary: 'One strategic plan with its goals and activities (ETag: its version)',
        params: planIdParamsSchema,
        response: { 200: strategicPlanSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const plan = await getStrategicPlan({ db, id: request.params.id, viewer: contextOf(request).viewer });
      return reply.header('etag', etagOf(plan.version)).send(plan);
    },
  );

  app.post(
    '/api/strategic-plans',
    {
      schema: {
        tags: ['strategic plans'],
        summary: "Record an agency's strategic plan (its agency editors, administrators)",
        security: [{ bearer: [] }],
        body: strategicPlanInputSchema,
        response: { 201: strategicPlanSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      const created = await createStrategicPlan({ db, input: request.body, viewer: context.viewer, actor });
      return reply
        .status(201)
        .header('location', `/api/strategic-plans/${created.id}`)
        .header('etag', etagOf(created.version))
        .send(created);
    },
  );

  app.put(
    '/api/strategic-plans/:id',
    {
      schema: {
        tags: ['strategic plans'],
        summary: 'Replace a strategic plan (If-Match required; a plan changed since gets 412 with the current plan)',
        description:
          "The body is a whole plan, as for POST. Links to programs you may not see stay with their activities. Moving a plan to another agency needs the right to write both agencies' plans.",
        security: [{ bearer: [] }],
        params: planIdParamsSchema,
        headers: planUpdateHeadersSchema,
        body: strategicPlanInputSchema,
        response: { 200: strategicPlanSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      const expectedVersion = expectedPlanVersion(request.headers['if-match']);
      const updated = await updateStrategicPlan({
        db,
        id: request.params.id,
        input: request.body,
        expectedVersion,
        viewer: context.viewer,
        actor,
      });
      return reply.header('etag', etagOf(updated.version)).send(updated);
    },
  );
};
