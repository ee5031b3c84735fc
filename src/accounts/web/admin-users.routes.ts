import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { listAgencies } from '../../reference/reference.service.ts';
import { contextOf, requireActor } from '../../http/request-context.ts';
import { roles, type Role } from '../../shared/actor.ts';
import { isAppError } from '../../shared/errors.ts';
import {
  createUser,
  disableUser,
  getUser,
  listUsers,
  setUserRole,
  userInputSchema,
  type UserInput,
  type UserSummary,
} from '../users.service.ts';
import { AdminUserPage } from './admin-user.page.tsx';
import { AdminUsersPage, type NewUserForm } from './admin-users.page.tsx';
import { fieldErrorsOf, formValue, type FieldErrors } from '../../ui/form-fields.tsx';
import { idParam, redirectAfterPost, requireAdministrator, webRoute } from '../../ui/web-route.ts';

type Options = { db: Database };

const newUserIds: Record<string, string> = {
  email: 'new-email',
  name: 'new-name',
  role: 'new-role',
  agencyId: 'new-agency',
  organizationId: 'new-organization',
  password: 'new-password',
};

/** An organization id typed in a form: '' is none, digits are an id, anything else is refused. */
function parseOrganizationId(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^\d{1,9}$/.test(trimmed) && Number(trimmed) > 0 ? Number(trimmed) : 'invalid';
}

/** Reads the add-user form: the input for createUser, or every problem by field id. */
function parseNewUser(body: unknown): { input?: UserInput; password: string; form: NewUserForm } {
  const values = Object.fromEntries(['email', 'name', 'role', 'agencyId', 'organizationId'].map((name) => [name, formValue(body, name)]));
  const password = formValue(body, 'password');
  const errors: FieldErrors = {};
  const organizationId = parseOrganizationId(values.organizationId!);
  if (organizationId === 'invalid') errors['new-organization'] = "Enter the organization's number, such as 123";
  const parsed = userInputSchema.safeParse({
    ...values,
    agencyId: values.agencyId || null,
    organizationId: organizationId === 'invalid' ? null : organizationId,
  });
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const id = newUserIds[String(issue.path[0])] ?? 'new-email';
    errors[id] ??= issue.message;
  }
  if (!password) errors['new-password'] = 'Enter an initial password';
  const valid = parsed.success && Object.keys(errors).length === 0;
  return { input: valid ? parsed.data : undefined, password, form: { values, errors } };
}

/** A service's refusal of the add-user form, by field. */
function newUserErrors(error: unknown): NewUserForm['errors'] | undefined {
  if (!isAppError(error)) return undefined;
  if (error.code === 'CONFLICT') return { 'new-email': 'A user with this email exists already' };
  if (error.code !== 'VALIDATION_FAILED') return undefined;
  const errors = fieldErrorsOf(error.details, newUserIds);
  if (Object.keys(errors).length === 0)
    errors[error.message.startsWith('Unknown organization') ? 'new-organization' : 'new-email'] = error.message;
  return errors;
}

async function userPage(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserSummary,
  extra: { errors?: FieldErrors; message?: string; status?: number },
) {
  const { viewer } = contextOf(request);
  void reply.status(extra.status ?? 200);
  const notices: Record<string, string> = { role: 'The role was changed', created: 'The user was added' };
  const notice = notices[String((request.query as Record<string, unknown>).done)];
  return AdminUserPage({
    user,
    agencies: await listAgencies({ db }),
    isSelf: viewer.kind === 'user' && viewer.user.id === user.id,
    notice,
    ...extra,
  });
}

/** /admin/users: the list and adding a user. */
const adminUserListRoutes: FastifyPluginAsync<Options> = async (app, { db }) => {
  app.get(
    '/admin/users',
    { schema: { hide: true } },
    webRoute(async (request) => {
      requireAdministrator(request);
      const notice = (request.query as Record<string, unknown>).done === 'disabled' ? 'The account was disabled' : undefined;
      return AdminUsersPage({
        users: await listUsers({ db, viewer: contextOf(request).viewer }),
        agencies: await listAgencies({ db }),
        notice,
      });
    }),
  );

  app.post(
    '/admin/users',
    { schema: { hide: true } },
    webRoute(async (request, reply) => {
      requireAdministrator(request);
      const { input, password, form } = parseNewUser(request.body);
      let created: UserSummary | undefined;
      if (input) {
        try {
          created = await createUser({ db, input, password, actor: requireActor(contextOf(request)) });
        } catch (error) {
          const errors = newUserErrors(error);
          if (!errors) throw error;
          form.errors = errors;
        }
      }
      if (created) return redirectAfterPost(reply, `/admin/users/${created.id}?done=created`);
      void reply.status(400);
      return AdminUsersPage({
        users: await listUsers({ db, viewer: contextOf(request).viewer }),
        agencies: await listAgencies({ db }),
        form,
      });
    }),
  );
};

/** /admin/users/:id: one user's page, changing the role, disabling the account. */
const adminUserDetailRoutes: FastifyPluginAsync<Options> = async (app, { db }) => {
  app.get(
    '/admin/users/:id',
    { schema: { hide: true } },
    webRoute(async (request, reply) => {
      requireAdministrator(request);
      return userPage(db, request, reply, await getUser({ db, user: idParam(request, 'user') }), {});
    }),
  );

  app.post(
    '/admin/users/:id/role',
    { schema: { hide: true } },
    webRoute(async (request, reply) => {
      const viewer = requireAdministrator(request);
      const user = await getUser({ db, user: idParam(request, 'user') });
      const role = formValue(request.body, 'role') as Role;
      const organizationId = parseOrganizationId(formValue(request.body, 'organizationId'));
      const errors: FieldErrors = {};
      if (!roles.includes(role)) errors.role = 'Choose one of the roles';
      if (organizationId === 'invalid') errors.organization = "Enter the organization's number, such as 123";
      if (viewer.kind === 'user' && viewer.user.id === user.id)
        return userPage(db, request, reply, user, { status: 400, message: 'You cannot change your own role' });
      if (Object.keys(errors).length) return userPage(db, request, reply, user, { errors, status: 400 });
      try {
        const agencyId = formValue(request.body, 'agencyId') || null;
        await inTransaction(db, (tx) =>
          setUserRole({
            db: tx,
            user: user.id,
            role,
            agencyId,
            organizationId: organizationId as number | null,
            actor: requireActor(contextOf(request)),
          }),
        );
      } catch (error) {
        if (isAppError(error) && error.code === 'CONFLICT')
          return userPage(db, request, reply, user, { status: 409, message: error.message });
        if (!isAppError(error) || error.code !== 'VALIDATION_FAILED') throw error;
        const fieldErrors = fieldErrorsOf(error.details, { agencyId: 'agency', organizationId: 'organization' });
        return userPage(db, request, reply, user, { errors: fieldErrors, message: error.message, status: 400 });
      }
      return redirectAfterPost(reply, `/admin/users/${user.id}?done=role`);
    }),
  );

  app.post(
    '/admin/users/:id/disable',
    { schema: { hide: true } },
    webRoute(async (request, reply) => {
      const viewer = requireAdministrator(request);
      const user = await getUser({ db, user: idParam(request, 'user') });
      if (viewer.kind === 'user' && viewer.user.id === user.id)
        return userPage(db, request, reply, user, { status: 400, message: 'You cannot disable your own account' });
      if (formValue(request.body, 'confirm') !== 'yes') {
        return userPage(db, request, reply, user, {
          status: 400,
          errors: { confirm: 'Tick the box to confirm that the account should be disabled' },
        });
      }
      try {
        await inTransaction(db, (tx) => disableUser({ db: tx, user: user.id, actor: requireActor(contextOf(request)) }));
      } catch (error) {
        if (isAppError(error) && error.code === 'CONFLICT')
          return userPage(db, request, reply, user, { status: 409, message: error.message });
        throw error;
      }
      return redirectAfterPost(reply, '/admin/users?done=disabled');
    }),
  );
};

/** /admin/users: the list, adding a user, and each user's page with role change and disabling. */
export const adminUserRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  await app.register(adminUserListRoutes, options);
  await app.register(adminUserDetailRoutes, options);
};
