import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { getOrganizationById } from '../../organizations/organization.service.ts';
import { listAgencies } from '../../reference/reference.service.ts';
import { contextOf, requireActor } from '../../http/request-context.ts';
import type { SignedInUser } from '../../shared/actor.ts';
import { AppError, isAppError } from '../../shared/errors.ts';
import type { SignInThrottle } from '../sign-in-throttle.ts';
import { changePassword } from '../users.service.ts';
import { AccountPage } from './account.page.tsx';
import { fieldErrorsOf, formValue, type FieldErrors } from '../../ui/form-fields.tsx';
import { pageRoute, redirectAfterPost, requireUser } from '../../ui/page-route.ts';

type Options = { db: Database; throttle: SignInThrottle };

async function accountPage(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  user: SignedInUser,
  extra: { errors?: FieldErrors; changed?: boolean; status?: number },
) {
  const agencies = await listAgencies({ db });
  const { viewer, session } = contextOf(request);
  const organization = user.organizationId
    ? await getOrganizationById({ db, id: user.organizationId, viewer }).catch(() => undefined)
    : undefined;
  void reply.status(extra.status ?? 200);
  return AccountPage({
    user,
    agencyName: agencies.find((agency) => agency.id === user.agencyId)?.name ?? null,
    organizationName: organization?.name ?? null,
    canChangePassword: Boolean(session),
    ...extra,
  });
}

/** What is wrong with the password form before asking the service (which checks the rest). */
/** The element ids of the password form's fields, by the name the service gives them. */
const passwordIds: Record<string, string> = { currentPassword: 'current-password', password: 'new-password' };

function checkPasswordForm(body: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!formValue(body, 'currentPassword')) errors['current-password'] = 'Enter your current password';
  if (!formValue(body, 'newPassword')) errors['new-password'] = 'Enter a new password';
  else if (formValue(body, 'newPassword') !== formValue(body, 'confirmPassword'))
    errors['confirm-password'] = 'The two new passwords are not the same';
  return errors;
}

/** GET /account and POST /account/password. */
export const accountRoutes: FastifyPluginAsync<Options> = async (app, { db, throttle }) => {
  app.get(
    '/account',
    { schema: { hide: true } },
    pageRoute(
      async (request, reply) => {
        const user = requireUser(request, 'see your account');
        return accountPage(db, request, reply, user, { changed: (request.query as Record<string, unknown>).changed === '1' });
      },
      { private: true },
    ),
  );

  app.post(
    '/account/password',
    { schema: { hide: true } },
    pageRoute(
      async (request, reply) => {
        const user = requireUser(request, 'change your password');
        const context = contextOf(request);
        if (!context.session)
          throw new AppError({
            code: 'FORBIDDEN',
            message: 'Your role may not change a password with an API token; sign in in the browser.',
          });
        const errors = checkPasswordForm(request.body);
        if (Object.keys(errors).length) return accountPage(db, request, reply, user, { errors, status: 400 });
        // Guessing the current password from a stolen session is throttled like sign-in.
        const keys = [`password-change:${user.id}`];
        await throttle.assertAllowed(keys);
        try {
          await changePassword({
            db,
            userId: user.id,
            currentPassword: formValue(request.body, 'currentPassword'),
            newPassword: formValue(request.body, 'newPassword'),
            keepSessionHash: context.session.tokenHash,
            actor: requireActor(context),
          });
        } catch (error) {
          if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') throw error;
          if (error.details?.some((detail) => detail.field === 'currentPassword')) await throttle.recordFailure(keys);
          const fieldErrors = fieldErrorsOf(error.details, { idOf: (field) => passwordIds[field] ?? field });
          return accountPage(db, request, reply, user, { errors: fieldErrors, status: 400 });
        }
        await throttle.recordSuccess(keys);
        return redirectAfterPost(reply, '/account?changed=1');
      },
      { private: true },
    ),
  );
};
