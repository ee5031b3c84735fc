import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { breakdownDimensions, breakdownQuerySchema, breakdownSchema, fiscalYearQuerySchema, summarySchema } from './stats.schemas.ts';
import { getBreakdown, getSummary } from './stats.service.ts';

/** Headline figures and breakdowns; the same numbers as `ctip stats`. */
export const statsRoutes: FastifyPluginAsyncZod<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/api/stats/summary',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Headline figures of a fiscal year',
        querystring: fiscalYearQuerySchema,
        response: { 200: summarySchema, ...errorResponses },
      },
    },
    async (request) => getSummary({ db, fiscalYear: request.query.fy, viewer: contextOf(request).viewer }),
  );

  app.get(
    '/api/stats/by/:dimension',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Obligations by agency, country, region, assistance type, pillar or fiscal year',
        params: z.object({ dimension: z.enum(breakdownDimensions) }),
        querystring: breakdownQuerySchema,
        response: { 200: breakdownSchema, ...errorResponses },
      },
    },
    async (request) => getBreakdown({ db, dimension: request.params.dimension, filters: request.query, viewer: contextOf(request).viewer }),
  );
};
