import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.ts';
import { errorResponses } from '../server/openapi.ts';
import { requireActor, type RequestContext } from '../server/request-context.ts';
import { isAppError } from '../shared/errors.ts';
import { ErrorPage, sendErrorPage, sendPage } from '../web/shared/error-page.tsx';
import { ReviewPage } from './review.page.tsx';
import { reviewMappingResultSchema, reviewMappingSchema } from './review.schemas.ts';
import { listNamesForReview, mapNameForReview } from './review.service.ts';

/** Mapping reviewed names (API, token required) and the review page (token holders only). */
export const reviewRoutes: FastifyPluginAsyncZod<{ db: Database; contextOf: (request: unknown) => RequestContext }> = async (app, { db, contextOf }) => {
  app.post(
    '/api/review/mappings',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Map a name imports could not resolve to an organization or a place (operators only)',
        security: [{ bearer: [] }],
        body: reviewMappingSchema,
        response: { 200: reviewMappingResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(contextOf(request));
      return mapNameForReview({ db, actor, ...request.body });
    },
  );
  app.get('/review', { schema: { hide: true } }, async (request, reply) => {
    let viewer;
    try {
      viewer = contextOf(request).viewer;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'UNAUTHORIZED') throw error;
    }
    // Unresolved names can come from restricted records; sign-in comes with accounts.
    if (viewer?.kind !== 'system') {
      return sendPage(reply, ErrorPage({ status: 401, message: 'The review list is for operators: send the API token (Authorization: Bearer …). Sign-in comes with accounts.' }), 401);
    }
    try {
      return sendPage(reply, ReviewPage({ names: await listNamesForReview({ db }) }));
    } catch (error) {
      return sendErrorPage(reply, request.log, error);
    }
  });
};
