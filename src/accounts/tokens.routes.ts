import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { recordIdSchema } from '../programs/program.schemas.ts';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, requireActor, type FeatureOptions } from '../http/request-context.ts';
import type { Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { apiTokenSummarySchema, tokenCreateSchema } from './accounts.schemas.ts';
import { assertAllowed, canManageTokensOf, tokenOwnersVisibleTo } from '../policy/policy.ts';
import { createApiToken, getApiToken, listApiTokens, revokeApiToken } from './tokens.service.ts';
import { getUser } from './users.service.ts';

type Options = FeatureOptions;

const tags = ['accounts'];

/** The user a token request is about: the body's userId, or the signed-in user. */
function ownerIdOf(viewer: Viewer, requested: number | undefined): number {
  if (requested !== undefined) return requested;
  if (viewer.kind === 'user') return viewer.user.id;
  throw new AppError({
    code: 'VALIDATION_FAILED',
    message: 'Say whose token this is (userId)',
    details: [{ field: 'userId', message: 'required without a signed-in user' }],
  });
}

/**
 * API tokens: everyone manages their own, administrators everyone's. Someone else's token is
 * answered as missing, so token ids do not reveal who has tokens.
 */
export const tokenRoutes: FastifyPluginAsyncZod<Options> = async (app, { db }) => {
  app.get(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: "Your API tokens (administrators: everyone's); never the secrets",
        response: { 200: z.object({ items: z.array(apiTokenSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { viewer } = contextOf(request);
      const owners = tokenOwnersVisibleTo(viewer);
      assertAllowed(viewer, owners !== 'none', 'list API tokens');
      return { items: await listApiTokens({ db, userId: owners === 'all' ? undefined : (owners as { userId: number }).userId }) };
    },
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (yours; administrators: anyone’s); the secret is returned once',
        body: tokenCreateSchema,
        response: { 201: z.object({ token: z.string(), summary: apiTokenSummarySchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      const ownerId = ownerIdOf(context.viewer, request.body.userId);
      assertAllowed(context.viewer, canManageTokensOf(context.viewer, ownerId), 'create API tokens for this user');
      const { name, scopes, days } = request.body;
      const created = await inTransaction(db, async (tx) => {
        const owner = await getUser({ db: tx, user: ownerId });
        return createApiToken({ db: tx, userEmail: owner.email, name, scopes, expiresInDays: days, actor });
      });
      void reply.status(201).header('cache-control', 'no-store');
      return created;
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token (yours; administrators: anyone’s)',
        params: z.object({ id: recordIdSchema }),
        response: { 200: apiTokenSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const context = contextOf(request);
      const actor = requireActor(context);
      return inTransaction(db, async (tx) => {
        const token = await getApiToken({ db: tx, id: request.params.id });
        const owners = tokenOwnersVisibleTo(context.viewer);
        const visible = owners === 'all' || (owners !== 'none' && owners.userId === token.userId);
        if (!visible) throw new AppError({ code: 'NOT_FOUND', message: `No API token #${request.params.id}` });
        assertAllowed(context.viewer, canManageTokensOf(context.viewer, token.userId), 'revoke API tokens');
        return revokeApiToken({ db: tx, id: token.id, actor });
      });
    },
  );
};
