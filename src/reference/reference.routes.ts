import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/openapi.ts';
import type { FeatureOptions } from '../http/request-context.ts';
import {
  agencyListSchema,
  coordinationBodyListSchema,
  countryDetailSchema,
  countryListQuerySchema,
  countryListSchema,
  regionListSchema,
  vocabularyNameSchema,
  vocabularyTermListSchema,
} from './reference.schemas.ts';
import { getCountry, listAgencies, listCoordinationBodies, listCountries, listRegions, listVocabulary } from './reference.service.ts';

/** Reference lists: agencies, coordinating bodies, countries, regions and the vocabularies. Public data. */
export const referenceRoutes: FastifyPluginAsyncZod<FeatureOptions> = async (app, { db }) => {
  const tags = ['reference'];
  app.get('/api/agencies', { schema: { tags, summary: 'Agencies, as a hierarchy', response: { 200: agencyListSchema } } }, async () => ({
    items: await listAgencies({ db }),
  }));
  app.get(
    '/api/coordination-bodies',
    {
      schema: {
        tags,
        summary: 'The Interagency Task Force and the SPOG, with chairs and members',
        response: { 200: coordinationBodyListSchema },
      },
    },
    async () => ({ items: await listCoordinationBodies({ db }) }),
  );
  app.get(
    '/api/countries',
    {
      schema: {
        tags,
        summary: 'Countries (ISO 3166-1 alpha-3)',
        querystring: countryListQuerySchema,
        response: { 200: countryListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listCountries({ db, includeHistorical: request.query.includeHistorical }) }),
  );
  app.get(
    '/api/countries/:code',
    {
      schema: {
        tags,
        summary: 'One country with its regions and other names',
        params: z.object({ code: z.string().max(10) }),
        response: { 200: countryDetailSchema, ...errorResponses },
      },
    },
    async (request) => getCountry({ db, code: request.params.code }),
  );
  app.get(
    '/api/regions',
    {
      schema: {
        tags,
        summary: 'UN M49 regions and program regions',
        querystring: z.object({ kind: z.string().max(40).optional() }),
        response: { 200: regionListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listRegions({ db, kind: request.query.kind }) }),
  );
  for (const [path, vocabulary, summary] of [
    ['/api/assistance-types', 'assistance-type', 'Assistance types (the fact sheet taxonomy)'],
    ['/api/pillars', 'pillar', 'The 3P pillars plus partnership'],
    ['/api/trafficking-forms', 'trafficking-form', 'Forms of trafficking'],
    ['/api/target-groups', 'target-group', 'Target groups'],
  ] as const) {
    app.get(path, { schema: { tags, summary, response: { 200: vocabularyTermListSchema } } }, async () => ({
      items: await listVocabulary({ db, vocabulary }),
    }));
  }
  app.get(
    '/api/vocabularies/:vocabulary',
    {
      schema: {
        tags,
        summary: 'Any vocabulary by name',
        params: z.object({ vocabulary: vocabularyNameSchema }),
        response: { 200: vocabularyTermListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listVocabulary({ db, vocabulary: request.params.vocabulary }) }),
  );
};
