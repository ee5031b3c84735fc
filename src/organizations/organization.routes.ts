import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import {
  organizationDetailSchema,
  organizationQuerySchema,
  organizationSummarySchema,
  unresolvedNameQuerySchema,
  unresolvedNameSchema,
} from './organization.schemas.ts';
import { findOrganizations, getOrganizationById, listUnresolvedNames } from './organization.service.ts';
import { recordIdSchema } from '../programs/program.schemas.ts';

/** Implementing partners, and the names imports could not resolve (for reviewers). */
export const organizationRoutes: FastifyPluginAsyncZod<FeatureOptions> = async (app, { db }) => {
  const tags = ['organizations'];
  app.get(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'Search implementing partners by name or alias',
        querystring: organizationQuerySchema,
        response: { 200: z.object({ items: z.array(organizationSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await findOrganizations({ db, ...request.query, viewer: contextOf(request).viewer }) }),
  );
  app.get(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        summary: 'One organization with its aliases',
        params: z.object({ id: recordIdSchema }),
        response: { 200: organizationDetailSchema, ...errorResponses },
      },
    },
    async (request) => getOrganizationById({ db, id: request.params.id, viewer: contextOf(request).viewer }),
  );
  app.get(
    '/api/review/names',
    {
      schema: {
        tags,
        summary: 'Names imports could not resolve, waiting for review (operators only)',
        querystring: unresolvedNameQuerySchema,
        response: { 200: z.object({ items: z.array(unresolvedNameSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      return { items: await listUnresolvedNames({ db, viewer: contextOf(request).viewer, ...request.query }) };
    },
  );
};
