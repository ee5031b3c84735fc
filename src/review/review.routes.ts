import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertAllowed, canMapReviewNames, canReadOperatorData } from '../policy/policy.ts';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, requireActor, type FeatureOptions } from '../http/request-context.ts';
import { ErrorPage, sendErrorPage, sendPage } from '../ui/error-page.tsx';
import { ReviewPage } from './review.page.tsx';
import { reviewMappingResultSchema, reviewMappingSchema } from './review.schemas.ts';
import { listNamesForReview, mapNameForReview } from './review.service.ts';

/** Mapping reviewed names (API, token required) and the review page (token holders only). */
export const reviewRoutes: FastifyPluginAsyncZod<FeatureOptions> = async (app, { db }) => {
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
      const context = contextOf(request);
      assertAllowed(context.viewer, canMapReviewNames(context.viewer), 'map names for review');
      const actor = requireActor(context);
      return mapNameForReview({ db, actor, ...request.body });
    },
  );
  app.get('/review', { schema: { hide: true } }, async (request, reply) => {
    const { viewer } = contextOf(request);
    // Unresolved names can come from restricted records: operators (coordinators, administrators) only.
    if (!canReadOperatorData(viewer)) {
      const status = viewer.kind === 'public' ? 401 : 403;
      const message =
        status === 401
          ? 'The review list is for coordinators and administrators: sign in first.'
          : 'The review list is for coordinators and administrators.';
      return sendPage(reply, ErrorPage({ status, message }), status);
    }
    try {
      return sendPage(reply, ReviewPage({ names: await listNamesForReview({ db, viewer }) }));
    } catch (error) {
      return sendErrorPage(reply, request.log, error);
    }
  });
};
