import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../db/transaction.ts';
import { recordIdSchema } from '../programs/program.schemas.ts';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, requireActor, type RequestContext, type FeatureOptions } from '../http/request-context.ts';
import { roleChangeSchema, sessionInfoSchema, userSummarySchema } from './accounts.schemas.ts';
import { generatePassword } from './passwords.ts';
import { assertAllowed, canAdministerUsers } from '../policy/policy.ts';
import { createUser, disableUser, listUsers, setUserRole, userInputSchema } from './users.service.ts';

type Options = FeatureOptions;

const tags = ['accounts'];
const idParams = z.object({ id: recordIdSchema });
const userCreateSchema = userInputSchema.extend({
  password: z.string().optional().describe('At least 12 characters; leave it out to have a strong one generated and returned once'),
});

/** What GET /api/session says about the request's viewer. */
function describeSession(context: RequestContext): z.infer<typeof sessionInfoSchema> {
  const { viewer } = context;
  if (viewer.kind === 'public') return { signedIn: false };
  if (viewer.kind === 'system') return { signedIn: true, via: 'operator', scopes: ['read', 'write'] };
  const { id, email, name, role, agencyId, agencyIds, organizationId } = viewer.user;
  return {
    signedIn: true,
    via: context.session ? 'session' : 'token',
    user: { id, email, name, role, agencyId, agencyIds, organizationId },
    scopes: viewer.user.scopes,
    ...(context.session ? { csrfToken: context.session.csrfToken } : {}),
  };
}

/** Who am I, and user administration (administrators only). */
export const userRoutes: FastifyPluginAsyncZod<Options> = async (app, { db }) => {
  app.get(
    '/api/session',
    {
      schema: {
        tags,
        summary: 'Who is asking: role, agency, scopes ({ signedIn: false } for the public)',
        response: { 200: sessionInfoSchema },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return describeSession(contextOf(request));
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Every user (administrators)',
        response: { 200: z.object({ items: z.array(userSummarySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      return { items: await listUsers({ db, viewer: contextOf(request).viewer }) };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create a user (administrators); a generated password is returned once',
        body: userCreateSchema,
        response: { 201: z.object({ user: userSummarySchema, generatedPassword: z.string().optional() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      assertAllowed(context.viewer, canAdministerUsers(context.viewer), 'create users');
      const actor = requireActor(context);
      const { password, ...input } = request.body;
      const chosen = password ?? generatePassword();
      const user = await inTransaction(db, (tx) => createUser({ db: tx, input, password: chosen, actor }));
      void reply.status(201).header('cache-control', 'no-store');
      return { user, ...(password === undefined ? { generatedPassword: chosen } : {}) };
    },
  );

  app.put(
    '/api/users/:id/role',
    {
      schema: {
        tags,
        summary: "Change a user's role, agency or organization (administrators); their sessions end",
        params: idParams,
        body: roleChangeSchema,
        response: { 200: userSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const context = contextOf(request);
      assertAllowed(context.viewer, canAdministerUsers(context.viewer), 'change roles');
      const actor = requireActor(context);
      return inTransaction(db, (tx) => setUserRole({ db: tx, user: request.params.id, ...request.body, actor }));
    },
  );

  app.post(
    '/api/users/:id/disable',
    {
      schema: {
        tags,
        summary: 'Disable a user (administrators): sessions end, tokens stop working, the record stays',
        params: idParams,
        response: { 200: userSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const context = contextOf(request);
      assertAllowed(context.viewer, canAdministerUsers(context.viewer), 'disable users');
      const actor = requireActor(context);
      return inTransaction(db, (tx) => disableUser({ db: tx, user: request.params.id, actor }));
    },
  );
};
