import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { breakdownToCsv, summaryToCsv } from './stats-csv.ts';
import { breakdownDimensions, breakdownQuerySchema, breakdownSchema, fiscalYearQuerySchema, summarySchema } from './stats.schemas.ts';
import { getBreakdown, getSummary } from './stats.service.ts';

const dimensionParams = z.object({
  dimension: z.enum(breakdownDimensions).describe('What to break the obligations down by').meta({ example: 'country' }),
});
const csvResponse = z.string().describe('CSV with a header row; text cells are formula-protected (a leading apostrophe before = + - @)');
const csvType = 'text/csv; charset=utf-8; header=present';

/** Headline figures and breakdowns, as JSON and as CSV; the same numbers as `ctip stats`. */
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
    async (request) => getSummary({ db, fiscalYear: request.query.fiscalYear, viewer: contextOf(request).viewer }),
  );

  app.get(
    '/api/stats/summary.csv',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Headline figures of a fiscal year as CSV (all, international, domestic)',
        querystring: fiscalYearQuerySchema,
        response: { 200: csvResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const summary = await getSummary({ db, fiscalYear: request.query.fiscalYear, viewer: contextOf(request).viewer });
      return reply
        .type(csvType)
        .header('content-disposition', `attachment; filename="ctip-summary-FY${summary.fiscalYear}.csv"`)
        .send(summaryToCsv(summary));
    },
  );

  app.get(
    '/api/stats/by/:dimension',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Obligations by agency, country, region, assistance type, pillar or fiscal year',
        description: 'Rows from the largest amount down; by fiscal year, in year order. Each row says what its key names (`kind`).',
        params: dimensionParams,
        querystring: breakdownQuerySchema,
        response: { 200: breakdownSchema, ...errorResponses },
      },
    },
    async (request) => getBreakdown({ db, dimension: request.params.dimension, filters: request.query, viewer: contextOf(request).viewer }),
  );

  app.get(
    '/api/stats/by/:dimension.csv',
    {
      schema: {
        tags: ['statistics'],
        summary: 'A breakdown as CSV',
        params: dimensionParams,
        querystring: breakdownQuerySchema,
        response: { 200: csvResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const breakdown = await getBreakdown({
        db,
        dimension: request.params.dimension,
        filters: request.query,
        viewer: contextOf(request).viewer,
      });
      const year = request.query.fiscalYear === undefined ? '' : `-FY${request.query.fiscalYear}`;
      return reply
        .type(csvType)
        .header('content-disposition', `attachment; filename="ctip-by-${breakdown.dimension}${year}.csv"`)
        .send(breakdownToCsv(breakdown));
    },
  );
};
