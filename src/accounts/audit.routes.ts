import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { auditEntrySchema, auditQuerySchema } from './accounts.schemas.ts';
import { auditFilters, auditTrailCsv } from './audit-csv.ts';
import { listAuditTrail } from './audit.service.ts';

type Options = FeatureOptions;

const description =
  'Every change (programs, users, API tokens, name mappings) and every sign-in, newest first: who, when, through which door, values before and after. Read-only: the trail cannot be edited.';

/** The audit trail for administrators and coordinators, as JSON and as the auditors' CSV. */
export const auditRoutes: FastifyPluginAsyncZod<Options> = async (app, { db }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The audit trail (administrators and coordinators)',
        description,
        querystring: auditQuerySchema,
        response: { 200: z.object({ items: z.array(auditEntrySchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const items = await listAuditTrail({ db, viewer: contextOf(request).viewer, ...auditFilters(request.query) });
      void reply.header('cache-control', 'no-store');
      return { items };
    },
  );

  app.get(
    '/api/audit.csv',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The audit trail as CSV, for auditors (administrators and coordinators)',
        description,
        querystring: auditQuerySchema,
        response: { 200: z.string().describe('text/csv, UTF-8 with a byte-order mark'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const entries = await listAuditTrail({ db, viewer: contextOf(request).viewer, ...auditFilters(request.query) });
      void reply
        .type('text/csv; charset=utf-8; header=present')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="ctip-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
      return reply.send(auditTrailCsv(entries));
    },
  );
};
