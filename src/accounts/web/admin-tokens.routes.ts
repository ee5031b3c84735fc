import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { contextOf, requireActor } from '../../http/request-context.ts';
import { isAppError } from '../../shared/errors.ts';
import { notFound } from '../../ui/error-page.tsx';
import { createApiToken, listApiTokens, revokeApiToken, tokenScopes, type TokenScope } from '../tokens.service.ts';
import { listUsers } from '../users.service.ts';
import { AdminTokensPage, type NewTokenForm } from './admin-tokens.page.tsx';
import { formValue, formValues, type FieldErrors } from '../../ui/form-fields.tsx';
import { idParam, redirectAfterPost, requireAdministrator, webRoute } from '../../ui/web-route.ts';

type Options = { db: Database };

/** Reads the create-token form; every problem is named beside its field. */
function parseNewToken(body: unknown): { form: NewTokenForm; days: number; valid: boolean } {
  const values = {
    userEmail: formValue(body, 'userEmail'),
    name: formValue(body, 'name').trim(),
    scopes: formValues(body, 'scopes'),
    expiresInDays: formValue(body, 'expiresInDays').trim(),
  };
  const errors: FieldErrors = {};
  if (!values.userEmail) errors['token-user'] = 'Choose the user the token acts for';
  if (!values.name) errors['token-name'] = 'Enter what the token is for';
  else if (values.name.length > 100) errors['token-name'] = 'Use at most 100 characters';
  if (values.scopes.length === 0 || values.scopes.some((scope) => !tokenScopes.includes(scope as TokenScope)))
    errors['token-scopes'] = 'Choose read, write or both';
  const days = /^\d{1,3}$/.test(values.expiresInDays) ? Number(values.expiresInDays) : 0;
  if (days < 1 || days > 366) errors['token-days'] = 'Enter a whole number of days from 1 to 366';
  return { form: { values, errors }, days, valid: Object.keys(errors).length === 0 };
}

/** /admin/tokens: every token, creating one for a user (its secret shown once), revoking. */
export const adminTokenRoutes: FastifyPluginAsync<Options> = async (app, { db }) => {
  const page = async (request: FastifyRequest, extra: Omit<Parameters<typeof AdminTokensPage>[0], 'tokens' | 'users'>) =>
    AdminTokensPage({ tokens: await listApiTokens({ db }), users: await listUsers({ db, viewer: contextOf(request).viewer }), ...extra });

  app.get(
    '/admin/tokens',
    { schema: { hide: true } },
    webRoute(async (request) => {
      requireAdministrator(request);
      return page(request, { notice: (request.query as Record<string, unknown>).done === 'revoked' ? 'The token was revoked' : undefined });
    }),
  );

  app.post(
    '/admin/tokens',
    { schema: { hide: true } },
    webRoute(async (request, reply) => {
      requireAdministrator(request);
      const { form, days, valid } = parseNewToken(request.body);
      if (valid) {
        try {
          const { userEmail, name, scopes } = form.values;
          const created = await createApiToken({
            db,
            userEmail: userEmail!,
            name: name!,
            scopes: scopes as TokenScope[],
            expiresInDays: days,
            actor: requireActor(contextOf(request)),
          });
          // Shown in this answer only (no redirect: the secret must not travel in a URL or be kept).
          return page(request, { created });
        } catch (error) {
          if (!isAppError(error) || (error.code !== 'NOT_FOUND' && error.code !== 'VALIDATION_FAILED')) throw error;
          form.errors[error.code === 'NOT_FOUND' ? 'token-user' : 'token-days'] = error.message;
        }
      }
      void reply.status(400);
      return page(request, { form });
    }),
  );

  app.post(
    '/admin/tokens/:id/revoke',
    { schema: { hide: true } },
    webRoute(async (request, reply) => {
      requireAdministrator(request);
      const id = idParam(request, 'API token');
      if (!(await listApiTokens({ db })).some((token) => token.id === id)) throw notFound(`No API token #${id}`);
      await revokeApiToken({ db, id, actor: requireActor(contextOf(request)) });
      return redirectAfterPost(reply, '/admin/tokens?done=revoked');
    }),
  );
};
