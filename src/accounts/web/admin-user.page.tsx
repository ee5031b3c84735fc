import type { Agency } from '../../reference/reference.schemas.ts';
import { Layout } from '../../ui/layout.tsx';
import type { UserSummary } from '../users.service.ts';
import { AdminNav, formatTime, roleOptions } from './admin-shared.tsx';
import {
  agencyChoices,
  CsrfField,
  describedBy,
  ErrorSummary,
  Notice,
  SelectField,
  TextField,
  type FieldErrors,
} from '../../ui/form-fields.tsx';
import { roleLabels } from '../../ui/role-labels.ts';

export type AdminUserPageProps = {
  user: UserSummary;
  agencies: Agency[];
  /** The administrator looking at their own account: no disabling or demoting oneself here. */
  isSelf: boolean;
  errors?: FieldErrors;
  message?: string;
  notice?: string;
};

export const userFormLabels: Record<string, string> = {
  role: 'Role',
  agency: 'Agency',
  organization: 'Organization id',
  confirm: 'Confirmation',
};

function RoleForm(props: AdminUserPageProps) {
  const { user } = props;
  const errors = props.errors ?? {};
  return (
    <section aria-labelledby="change-role">
      <h2 id="change-role">Change the role</h2>
      <p>The person's sessions end, so the new role applies at once.</p>
      <form class="usa-form usa-form--large" method="post" action={`/admin/users/${user.id}/role`} novalidate>
        <CsrfField />
        <SelectField id="role" name="role" label={userFormLabels.role!} value={user.role} options={roleOptions} error={errors.role} />
        <SelectField
          id="agency"
          name="agencyId"
          label={userFormLabels.agency!}
          value={user.agencyId ?? ''}
          options={agencyChoices(props.agencies, 'None')}
          error={errors.agency}
        />
        <TextField
          id="organization"
          name="organizationId"
          label={userFormLabels.organization!}
          value={user.organizationId ? String(user.organizationId) : ''}
          error={errors.organization}
        />
        <button class="usa-button" type="submit">
          Save the role
        </button>
      </form>
    </section>
  );
}

function DisableForm(props: AdminUserPageProps) {
  const { user } = props;
  const error = props.errors?.confirm;
  if (user.disabled) return <p>This account is disabled: it cannot sign in and its API tokens are revoked.</p>;
  if (props.isSelf) return <p>You cannot disable your own account; another administrator can.</p>;
  return (
    <section aria-labelledby="disable">
      <h2 id="disable">Disable the account</h2>
      <p>{`${user.name} will be signed out everywhere and every API token of the account will be revoked. The record stays for the audit trail.`}</p>
      <form class="usa-form usa-form--large" method="post" action={`/admin/users/${user.id}/disable`} novalidate>
        <CsrfField />
        <div class={error ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
          {error ? (
            <span class="usa-error-message" id="confirm-error">
              {error}
            </span>
          ) : null}
          <div class="usa-checkbox">
            <input
              class="usa-checkbox__input"
              id="confirm"
              type="checkbox"
              name="confirm"
              value="yes"
              {...describedBy('confirm', { error })}
            />
            <label class="usa-checkbox__label" for="confirm">{`Yes, disable ${user.email}`}</label>
          </div>
        </div>
        <button class="usa-button usa-button--secondary" type="submit">
          Disable the account
        </button>
      </form>
    </section>
  );
}

/** One user: who they are, a form to change the role, and one to disable the account (with confirmation). */
export function AdminUserPage(props: AdminUserPageProps) {
  const { user } = props;
  const errors = props.errors ?? {};
  return (
    <Layout title={user.name} breadcrumbs={[{ href: '/admin/users', label: 'Users' }]}>
      <h1>{user.name}</h1>
      <AdminNav current="/admin/users" />
      {props.notice ? <Notice heading={props.notice} /> : null}
      <ErrorSummary
        errors={errors}
        labels={userFormLabels}
        message={props.message ?? (Object.keys(errors).length ? 'Nothing was changed' : undefined)}
      />
      <dl class="ctip-fields">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{roleLabels[user.role]}</dd>
        <dt>Status</dt>
        <dd>{user.disabled ? 'Disabled' : 'Active'}</dd>
        <dt>Created</dt>
        <dd>{formatTime(user.createdAt)}</dd>
      </dl>
      {user.disabled ? null : props.isSelf ? (
        <p>You cannot change your own role here; another administrator can.</p>
      ) : (
        <RoleForm {...props} />
      )}
      <DisableForm {...props} />
    </Layout>
  );
}
