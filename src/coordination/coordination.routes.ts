import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { programInputSchema } from '../programs/program.schemas.ts';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { isAppError } from '../shared/errors.ts';
import { renderPage } from '../ui/layout.tsx';
import {
  overlapCheckQuerySchema,
  overlapCheckResultSchema,
  overlapReportQuerySchema,
  overlapReportSchema,
} from './coordination.schemas.ts';
import { checkOverlap } from './overlap-check.ts';
import { OverlapReportPage } from './overlap-report.page.tsx';
import { overlapReportCsv } from './portfolio-csv.ts';
import { getOverlapReport } from './portfolio-report.ts';

type Options = FeatureOptions;

/**
 * Interagency grant coordination: the overlap check of a draft and the portfolio overlap report.
 * The check is open to the public: it stores nothing. Both cover what the policy lets the caller
 * see: public programs, and for an agency's staff their own agency's restricted ones too.
 */
export const coordinationRoutes: FastifyPluginAsyncZod<Options> = async (app, { db }) => {
  app.post(
    '/api/coordination/check',
    {
      schema: {
        tags: ['coordination'],
        summary: 'Check a draft program (the body of a create; not stored) against everything funded',
        description: 'Ranked programs that overlap the draft, each with a score from 0 to 1 and the reasons in words. Read-only.',
        body: programInputSchema,
        querystring: overlapCheckQuerySchema,
        response: { 200: overlapCheckResultSchema, ...errorResponses },
      },
    },
    async (request) =>
      checkOverlap({
        db,
        draft: request.body,
        viewer: contextOf(request).viewer,
        limit: request.query.limit,
        excludeProgramId: request.query.excludeProgramId,
      }),
  );

  app.get(
    '/api/coordination/overlap',
    {
      schema: {
        tags: ['coordination'],
        summary: 'Portfolio overlap report of a fiscal-year range: fragmentation, overlap, duplication',
        querystring: overlapReportQuerySchema,
        response: { 200: overlapReportSchema, ...errorResponses },
      },
    },
    async (request) => getOverlapReport({ db, ...request.query, viewer: contextOf(request).viewer }),
  );

  app.get(
    '/api/coordination/overlap.csv',
    {
      schema: {
        tags: ['coordination'],
        summary: 'The portfolio overlap report as CSV, one row per finding',
        querystring: overlapReportQuerySchema,
        response: { 200: z.string().describe('text/csv, UTF-8 with a byte-order mark'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const report = await getOverlapReport({ db, ...request.query, viewer: contextOf(request).viewer });
      void reply
        .type('text/csv; charset=utf-8; header=present')
        .header('content-disposition', `attachment; filename="ctip-overlap-fy${report.fiscalYearFrom}-fy${report.fiscalYearTo}.csv"`);
      return reply.send(overlapReportCsv(report));
    },
  );

  app.get('/coordination/overlap', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    void reply.type('text/html; charset=utf-8');
    if (query.from === undefined && query.to === undefined) return renderPage(OverlapReportPage({}));
    const parsed = overlapReportQuerySchema.safeParse(query);
    if (!parsed.success) {
      const error = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'range'} ${issue.message}`).join('; ');
      return reply
        .status(400)
        .send(renderPage(OverlapReportPage({ from: query.from, to: query.to, error: `The range is not valid: ${error}` })));
    }
    try {
      const report = await getOverlapReport({ db, ...parsed.data, viewer: contextOf(request).viewer });
      return renderPage(OverlapReportPage({ report, from: parsed.data.from, to: parsed.data.to }));
    } catch (error) {
      if (!isAppError(error) || error.httpStatus >= 500) throw error;
      return reply.status(error.httpStatus).send(renderPage(OverlapReportPage({ from: query.from, to: query.to, error: error.message })));
    }
  });
};
