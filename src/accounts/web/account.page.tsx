import type { SignedInUser } from '../../shared/actor.ts';
import { Layout } from '../../ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice, TextField, type FieldErrors } from '../../ui/form-fields.tsx';
import { roleLabels } from '../../ui/role-labels.ts';

export type AccountPageProps = {
  user: SignedInUser;
  agencyName: string | null;
  organizationName: string | null;
  errors?: FieldErrors;
  changed?: boolean;
  /** Browser sessions can change the password here; API tokens cannot. */
  canChangePassword: boolean;
};

const labels = { 'current-password': 'Current password', 'new-password': 'New password', 'confirm-password': 'New password again' };

function Who(props: AccountPageProps) {
  const { user } = props;
  return (
    <dl class="ctip-fields">
      <dt>Name</dt>
      <dd>{user.name}</dd>
      <dt>Email</dt>
      <dd>{user.email}</dd>
      <dt>Role</dt>
      <dd>{roleLabels[user.role]}</dd>
      <dt>Agency</dt>
      <dd>{props.agencyName ?? user.agencyId ?? 'None'}</dd>
      <dt>Organization</dt>
      <dd>{props.organizationName ?? (user.organizationId ? `#${user.organizationId}` : 'None')}</dd>
    </dl>
  );
}

function PasswordForm(props: { errors: FieldErrors }) {
  const { errors } = props;
  return (
    <form class="usa-form usa-form--large" method="post" action="/account/password" novalidate>
      <CsrfField />
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">Change your password</legend>
        <TextField
          id="current-password"
          name="currentPassword"
          label={labels['current-password']}
          type="password"
          autocomplete="current-password"
          error={errors['current-password']}
          required
        />
        <TextField
          id="new-password"
          name="newPassword"
          label={labels['new-password']}
          type="password"
          autocomplete="new-password"
          hint="At least 12 characters. A few unrelated words make a good password."
          error={errors['new-password']}
          required
        />
        <TextField
          id="confirm-password"
          name="confirmPassword"
          label={labels['confirm-password']}
          type="password"
          autocomplete="new-password"
          error={errors['confirm-password']}
          required
        />
        <button class="usa-button" type="submit">
          Change password
        </button>
      </fieldset>
    </form>
  );
}

/** Who you are, your role and agency, and the password change form. */
export function AccountPage(props: AccountPageProps) {
  const errors = props.errors ?? {};
  return (
    <Layout title="Your account">
      <h1>Your account</h1>
      {props.changed ? (
        <Notice heading="Your password was changed">
          <p>Any other browser signed in to your account has been signed out.</p>
        </Notice>
      ) : null}
      <Who {...props} />
      <h2>Password</h2>
      <ErrorSummary errors={errors} labels={labels} message={Object.keys(errors).length ? 'The password was not changed' : undefined} />
      {props.canChangePassword ? (
        <PasswordForm errors={errors} />
      ) : (
        <p>Sign in with your email and password in the browser to change your password.</p>
      )}
    </Layout>
  );
}
