import { ScrollTable } from '../../ui/components/table.tsx';
import { Layout } from '../../ui/layout.tsx';
import { tokenScopes, type ApiTokenSummary } from '../tokens.service.ts';
import type { UserSummary } from '../users.service.ts';
import { AdminNav, formatTime } from './admin-shared.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextField, type FieldErrors } from '../../ui/form-fields.tsx';

export type NewTokenForm = {
  values: { userEmail?: string; name?: string; scopes?: string[]; expiresInDays?: string };
  errors: FieldErrors;
};

export type AdminTokensPageProps = {
  tokens: ApiTokenSummary[];
  users: UserSummary[];
  form?: NewTokenForm;
  /** The secret of the token just created: shown this once, never stored. */
  created?: { token: string; summary: ApiTokenSummary };
  notice?: string;
};

export const newTokenLabels: Record<string, string> = {
  'token-user': 'User',
  'token-name': 'Name of the token',
  'token-scopes': 'Scopes',
  'token-days': 'Expires after (days)',
};

function status(token: ApiTokenSummary): string {
  if (token.revoked) return 'Revoked';
  return Date.parse(token.expiresAt) <= Date.now() ? 'Expired' : 'Active';
}

function TokenTable(props: { tokens: ApiTokenSummary[]; users: UserSummary[] }) {
  const emailOf = (userId: number) => props.users.find((user) => user.id === userId)?.email ?? `#${userId}`;
  return (
    <ScrollTable label="API tokens">
      <table class="usa-table usa-table--borderless">
        <caption>{`${props.tokens.length} API token${props.tokens.length === 1 ? '' : 's'}`}</caption>
        <thead>
          <tr>
            {['Name', 'User', 'Scopes', 'Created', 'Expires', 'Last used', 'Status', 'Action'].map((label) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>{emailOf(token.userId)}</td>
              <td>{token.scopes.join(', ')}</td>
              <td>{formatTime(token.createdAt)}</td>
              <td>{formatTime(token.expiresAt)}</td>
              <td>{formatTime(token.lastUsedAt)}</td>
              <td>{status(token)}</td>
              <td>
                {token.revoked ? (
                  '—'
                ) : (
                  <form method="post" action={`/admin/tokens/${token.id}/revoke`}>
                    <CsrfField />
                    <button class="usa-button usa-button--secondary usa-button--unstyled" type="submit">
                      Revoke<span class="usa-sr-only">{` ${token.name} of ${emailOf(token.userId)}`}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function ScopeChoices(props: { chosen: string[]; error?: string }) {
  const { error } = props;
  return (
    <div class={error ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
      <fieldset
        class="usa-fieldset"
        id="token-scopes"
        aria-describedby={error ? 'token-scopes-hint token-scopes-error' : 'token-scopes-hint'}
      >
        <legend class={error ? 'usa-legend usa-label--error' : 'usa-legend'}>{newTokenLabels['token-scopes']}</legend>
        <span class="usa-hint" id="token-scopes-hint">
          Read sees what the user may see; write changes what the user may change.
        </span>
        {error ? (
          <span class="usa-error-message" id="token-scopes-error">
            {error}
          </span>
        ) : null}
        {tokenScopes.map((scope) => (
          <div class="usa-checkbox" key={scope}>
            <input
              class="usa-checkbox__input"
              id={`token-scope-${scope}`}
              type="checkbox"
              name="scopes"
              value={scope}
              checked={props.chosen.includes(scope)}
            />
            <label class="usa-checkbox__label" for={`token-scope-${scope}`}>
              {scope}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

function CreateTokenForm(props: { users: UserSummary[]; form?: NewTokenForm }) {
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? {};
  const options = [
    { value: '', label: '- Select a user -' },
    ...props.users.filter((user) => !user.disabled).map((user) => ({ value: user.email, label: `${user.name} (${user.email})` })),
  ];
  return (
    <section aria-labelledby="create-token">
      <h2 id="create-token">Create a token</h2>
      <ErrorSummary
        errors={errors}
        labels={newTokenLabels}
        message={Object.keys(errors).length ? 'The token was not created' : undefined}
      />
      <form class="usa-form usa-form--large" method="post" action="/admin/tokens" novalidate>
        <CsrfField />
        <SelectField
          id="token-user"
          name="userEmail"
          label={newTokenLabels['token-user']!}
          value={values.userEmail}
          options={options}
          error={errors['token-user']}
          required
        />
        <TextField
          id="token-name"
          name="name"
          label={newTokenLabels['token-name']!}
          hint="What the token is for, such as “nightly import”."
          value={values.name}
          error={errors['token-name']}
          required
        />
        <ScopeChoices chosen={values.scopes ?? ['read']} error={errors['token-scopes']} />
        <TextField
          id="token-days"
          name="expiresInDays"
          type="number"
          label={newTokenLabels['token-days']!}
          hint="1 to 366 days."
          value={values.expiresInDays ?? '90'}
          error={errors['token-days']}
          required
        />
        <button class="usa-button" type="submit">
          Create the token
        </button>
      </form>
    </section>
  );
}

function CreatedToken(props: { token: string; summary: ApiTokenSummary }) {
  return (
    <div class="usa-alert usa-alert--success" role="status">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{`The token “${props.summary.name}” was created`}</h2>
        <p class="usa-alert__text">
          Copy it now: it is shown only this once and ctip keeps only a hash of it. Send it as <code>Authorization: Bearer …</code>.
        </p>
        <p class="usa-alert__text">
          <code id="new-token" class="ctip-secret">
            {props.token}
          </code>
        </p>
      </div>
    </div>
  );
}

/** Every API token (never a secret but the one just created), creating one for a user, revoking. */
export function AdminTokensPage(props: AdminTokensPageProps) {
  return (
    <Layout title="API tokens">
      <h1>API tokens</h1>
      <AdminNav current="/admin/tokens" />
      {props.created ? <CreatedToken {...props.created} /> : null}
      {props.notice ? <Notice heading={props.notice} /> : null}
      <p>Scripts use API tokens instead of a password. A token acts for its user, within its scopes, until it expires or is revoked.</p>
      <TokenTable tokens={props.tokens} users={props.users} />
      <CreateTokenForm users={props.users} form={props.form} />
    </Layout>
  );
}
