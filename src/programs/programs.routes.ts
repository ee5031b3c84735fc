import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { errorResponses } from '../http/openapi.ts';
import { entityTagOfIfMatch, etagOf } from '../http/if-match.ts';
import { contextOf, requireActor, type FeatureOptions } from '../http/request-context.ts';
import {
  programDetailSchema,
  programHistoryEntrySchema,
  programInputSchema,
  programPageSchema,
  programQuerySchema,
  recordIdSchema,
  programUpdateSchema,
} from './program.schemas.ts';
import { confirmOverlapsSchema, guardStrongOverlaps } from './program-overlap-guard.ts';
import { createProgram, deleteProgram, findPrograms, getProgramById, listProgramHistory, updateProgram } from './program.service.ts';

const idParams = z.object({ id: recordIdSchema });
const programWithHistorySchema = programDetailSchema.extend({ history: z.array(programHistoryEntrySchema) });

const maxVersion = 2_147_483_647;

/** Reads the version a writer saw: the If-Match header (ETag "v3" or 3) or a version field. */
function readExpectedVersion(ifMatch: string | undefined, fallback: number | undefined): number {
  const fromHeader = entityTagOfIfMatch(ifMatch)?.match(/^v?(\d+)$/)?.[1];
  const version = fromHeader !== undefined ? Number(fromHeader) : fallback;
  // Versions are 32-bit in the database; a larger one matches nothing and must not reach SQL.
  if (version !== undefined && !(version <= maxVersion)) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `If-Match names version ${fromHeader ?? version}, which no program has: send the ETag you read`,
      details: [{ field: fromHeader !== undefined ? 'If-Match' : 'version', message: `must be at most ${maxVersion}` }],
    });
  }
  if (version === undefined) {
    throw new AppError({
      code: 'PRECONDITION_REQUIRED',
      message: 'Say which version you are changing: send If-Match with the ETag you read, or a version field',
    });
  }
  return version;
}

const versionTag = (version: number) => etagOf(`v${version}`);

/** The program registry API. Each route: validate, authorize, one service call, present. */
export const programRoutes: FastifyPluginAsyncZod<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/api/programs',
    {
      schema: {
        tags: ['programs'],
        summary: 'Search programs',
        querystring: programQuerySchema,
        response: { 200: programPageSchema, ...errorResponses },
      },
    },
    async (request) => findPrograms({ db, query: request.query, viewer: contextOf(request).viewer }),
  );

  app.get(
    '/api/programs/:id',
    {
      schema: {
        tags: ['programs'],
        summary: 'One program with its history',
        params: idParams,
        response: { 200: programWithHistorySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { viewer } = contextOf(request);
      const program = await getProgramById({ db, id: request.params.id, viewer });
      const history = await listProgramHistory({ db, id: request.params.id, viewer });
      void reply.header('etag', versionTag(program.version));
      return { ...program, history };
    },
  );

  app.get(
    '/api/programs/:id/history',
    {
      schema: {
        tags: ['programs'],
        summary: 'Every change to a program',
        params: idParams,
        response: { 200: z.array(programHistoryEntrySchema), ...errorResponses },
      },
    },
    async (request) => listProgramHistory({ db, id: request.params.id, viewer: contextOf(request).viewer }),
  );

  app.post(
    '/api/programs',
    {
      schema: {
        tags: ['programs'],
        summary: 'Create a program',
        description:
          'A program that overlaps strongly with another agency’s (same partner, place and fiscal year, similar words) is refused with 409 CONFLICT; error.current.overlaps lists the matches. Send the same body with confirmOverlaps (their numbers) to save anyway; the history keeps the confirmation.',
        body: programInputSchema.and(confirmOverlapsSchema),
        response: { 201: programDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      const { confirmOverlaps, ...input } = request.body;
      const overlapConfirmation = await guardStrongOverlaps({ db, input, viewer: context.viewer, confirmed: confirmOverlaps });
      const program = await createProgram({ db, input, actor, viewer: context.viewer, overlapConfirmation });
      void reply.status(201).header('location', `/api/programs/${program.id}`).header('etag', versionTag(program.version));
      return program;
    },
  );

  app.put(
    '/api/programs/:id',
    {
      schema: {
        tags: ['programs'],
        summary: 'Replace a program (If-Match or version required; a stale version gets 412)',
        description:
          'As for a create, a strong overlap with another agency’s program is refused with 409 CONFLICT unless confirmOverlaps names each overlapping program.',
        params: idParams,
        body: programUpdateSchema.and(confirmOverlapsSchema),
        response: { 200: programDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      const expectedVersion = readExpectedVersion(request.headers['if-match'], request.body.version);
      const { confirmOverlaps, version: _version, ...input } = request.body;
      const overlapConfirmation = await guardStrongOverlaps({
        db,
        input,
        viewer: context.viewer,
        excludeProgramId: request.params.id,
        confirmed: confirmOverlaps,
      });
      const program = await updateProgram({
        db,
        id: request.params.id,
        expectedVersion,
        input,
        actor,
        viewer: context.viewer,
        overlapConfirmation,
      });
      void reply.header('etag', versionTag(program.version));
      return program;
    },
  );

  app.delete(
    '/api/programs/:id',
    {
      schema: {
        tags: ['programs'],
        summary: 'Delete a program (If-Match or ?version= required)',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().positive().max(maxVersion).optional() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      const expectedVersion = readExpectedVersion(request.headers['if-match'], request.query.version);
      await deleteProgram({ db, id: request.params.id, expectedVersion, actor, viewer: context.viewer });
      return reply.status(204).send(null);
    },
  );
};
