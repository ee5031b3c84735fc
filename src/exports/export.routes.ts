import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { exportProgramsCsv } from './export-csv.ts';
import { exportProgramsIati } from './export-iati.ts';
import { exportProgramsJson } from './export-json.ts';
import { exportFileName, exportQuerySchema } from './program-pages.ts';

/**
 * Sends a streamed download. The first chunk (which holds the first page of programs) is awaited
 * before the reply starts, so a bad filter or a failing query still gets the one JSON error shape
 * instead of a truncated file.
 */
async function sendDownload(reply: FastifyReply, chunks: AsyncGenerator<string>, options: { contentType: string; fileName: string }) {
  const first = await chunks.next();
  async function* rest(): AsyncGenerator<string> {
    if (!first.done) yield first.value;
    yield* chunks;
  }
  void reply
    .header('content-type', options.contentType)
    .header('content-disposition', `attachment; filename="${options.fileName}"`)
    .header('cache-control', 'no-store');
  return reply.send(Readable.from(rest()));
}

const downloadSchema = (summary: string, mediaType: string) => ({
  tags: ['exports'],
  summary,
  description: `Every program matching the filters of GET /api/programs (without limit and cursor), as ${mediaType}, streamed as an attachment.`,
  querystring: exportQuerySchema,
  response: { ...errorResponses },
});

/** Downloads of any program search: CSV, JSON and IATI 2.03 XML. Public viewers never get restricted programs. */
export const exportRoutes: FastifyPluginAsyncZod<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/api/exports/programs.csv',
    { schema: downloadSchema('Programs as CSV (one row per program and fiscal year)', 'text/csv') },
    async (request, reply) => {
      const chunks = exportProgramsCsv({ db, query: request.query, viewer: contextOf(request).viewer });
      return sendDownload(reply, chunks, {
        contentType: 'text/csv; charset=utf-8; header=present',
        fileName: exportFileName('csv', request.query),
      });
    },
  );

  app.get(
    '/api/exports/programs.json',
    { schema: downloadSchema('Programs as JSON (every field)', 'application/json') },
    async (request, reply) => {
      const chunks = exportProgramsJson({ db, query: request.query, viewer: contextOf(request).viewer });
      return sendDownload(reply, chunks, {
        contentType: 'application/json; charset=utf-8',
        fileName: exportFileName('json', request.query),
      });
    },
  );

  app.get(
    '/api/exports/programs.xml',
    { schema: downloadSchema('Programs as IATI 2.03 activity XML', 'application/xml') },
    async (request, reply) => {
      // The ctip code lists behind vocabulary 99 are this API's own lists; a Host header that is
      // not a plain host name (the client sends it) falls back to the default URNs.
      const origin = /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(request.host) ? `${request.protocol}://${request.host}` : undefined;
      const chunks = exportProgramsIati({
        db,
        query: request.query,
        viewer: contextOf(request).viewer,
        ...(origin ? { vocabularyUris: { assistanceTypes: `${origin}/api/assistance-types`, regions: `${origin}/api/regions` } } : {}),
      });
      return sendDownload(reply, chunks, { contentType: 'application/xml; charset=utf-8', fileName: exportFileName('xml', request.query) });
    },
  );
};
