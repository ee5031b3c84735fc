import { Layout } from '../../ui/layout.tsx';
import { formTokenField } from './cookies.ts';
import { CsrfField, ErrorSummary, TextField, type FieldErrors } from '../../ui/form-fields.tsx';

export type SignInPageProps = {
  returnTo: string;
  formToken: string;
  email?: string;
  errors?: FieldErrors;
  /** Why the last attempt was refused; the same words whether or not the account exists. */
  message?: string;
};

const labels = { email: 'Email address', password: 'Password' };

/** The sign-in form (USWDS): email, password, where to go afterwards, and the form's own token. */
export function SignInPage(props: SignInPageProps) {
  const errors = props.errors ?? {};
  return (
    <Layout title="Sign in">
      <h1>Sign in</h1>
      <p class="usa-intro">
        Agency staff, coordinators, NGO managers and administrators sign in to edit their records. The public pages need no account.
      </p>
      <ErrorSummary errors={errors} labels={labels} message={props.message} />
      <form class="usa-form usa-form--large" method="post" action="/sign-in" novalidate>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">Your account</legend>
          <TextField
            id="email"
            name="email"
            label={labels.email}
            type="email"
            value={props.email}
            error={errors.email}
            autocomplete="username"
            required
          />
          <TextField
            id="password"
            name="password"
            label={labels.password}
            type="password"
            error={errors.password}
            autocomplete="current-password"
            required
          />
          <input type="hidden" name="returnTo" value={props.returnTo} />
          <input type="hidden" name={formTokenField} value={props.formToken} />
          <CsrfField />
          <button class="usa-button" type="submit">
            Sign in
          </button>
        </fieldset>
      </form>
      <p>Forgot your password, or need an account? Ask an administrator of ctip.</p>
    </Layout>
  );
}
