import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema, errorResponses } from '../http/openapi.ts';
import { contextOf, requireActor, type FeatureOptions } from '../http/request-context.ts';
import {
  idParamsSchema,
  recommendationInputSchema,
  recommendationListSchema,
  recommendationQuerySchema,
  recommendationSchema,
  responseInputSchema,
} from './recommendations.schemas.ts';
import { createRecommendation, getRecommendation, listRecommendations, respondToRecommendation } from './recommendations.service.ts';

type Options = FeatureOptions;

const writeErrors = { ...errorResponses, 403: errorBodySchema } as const;

/**
 * Recommendations of the annual Assessment with their responses.
 * Everybody reads; writes need a signed-in user or token whose role the policy allows.
 */
export const recommendationRoutes: FastifyPluginAsyncZod<Options> = async (app, { db }) => {
  app.get(
    '/api/recommendations',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Recommendations, optionally of one fiscal year',
        querystring: recommendationQuerySchema,
        response: { 200: recommendationListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listRecommendations({ db, fiscalYear: request.query.fiscalYear }) }),
  );

  app.get(
    '/api/recommendations/:id',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'One recommendation with its responses',
        params: idParamsSchema,
        response: { 200: recommendationSchema, ...errorResponses },
      },
    },
    async (request) => getRecommendation({ db, id: request.params.id }),
  );

  app.post(
    '/api/recommendations',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Record a recommendation (coordinators, administrators)',
        security: [{ bearer: [] }],
        body: recommendationInputSchema,
        response: { 201: recommendationSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      const created = await createRecommendation({ db, input: request.body, viewer: context.viewer, actor });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/recommendations/:id/responses',
    {
      schema: {
        tags: ['recommendations'],
        summary: 'Append a response and the status it results in',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        body: responseInputSchema,
        response: { 201: recommendationSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      const updated = await respondToRecommendation({ db, id: request.params.id, input: request.body, viewer: context.viewer, actor });
      return reply.status(201).send(updated);
    },
  );
};
