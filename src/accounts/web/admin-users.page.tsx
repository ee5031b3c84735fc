import type { Agency } from '../../reference/reference.schemas.ts';
import { Layout } from '../../ui/layout.tsx';
import { ScrollTable } from '../../ui/components/table.tsx';
import type { UserSummary } from '../users.service.ts';
import { AdminNav, formatTime, roleOptions } from './admin-shared.tsx';
import { agencyChoices, CsrfField, ErrorSummary, Notice, SelectField, TextField } from '../../ui/form-fields.tsx';
import type { FormState } from '../../ui/form-state.ts';
import { roleLabels } from '../../ui/role-labels.ts';

export type AdminUsersPageProps = { users: UserSummary[]; agencies: Agency[]; form?: FormState; notice?: string };

export const newUserLabels: Record<string, string> = {
  'new-email': 'Email address',
  'new-name': 'Name',
  'new-role': 'Role',
  'new-agency': 'Agency',
  'new-organization': 'Organization id',
  'new-password': 'Initial password',
};

function UserTable(props: { users: UserSummary[]; agencies: Agency[] }) {
  const agencyName = (id: string | null) => (id ? (props.agencies.find((agency) => agency.id === id)?.name ?? id) : '—');
  return (
    <ScrollTable label="Users">
      <table class="usa-table usa-table--borderless">
        <caption>{`${props.users.length} user${props.users.length === 1 ? '' : 's'}`}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Agency</th>
            <th scope="col">Organization</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                <a href={`/admin/users/${user.id}`}>{user.name}</a>
              </th>
              <td>{user.email}</td>
              <td>{roleLabels[user.role]}</td>
              <td>{agencyName(user.agencyId)}</td>
              <td>{user.organizationId ? `#${user.organizationId}` : '—'}</td>
              <td>{user.disabled ? 'Disabled' : 'Active'}</td>
              <td>{formatTime(user.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function AddUserForm(props: { agencies: Agency[]; form?: FormState }) {
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? {};
  return (
    <section aria-labelledby="add-user">
      <h2 id="add-user">Add a user</h2>
      <ErrorSummary
        errors={errors}
        labels={newUserLabels}
        message={props.form?.message ?? (Object.keys(errors).length ? 'The user was not added' : undefined)}
      />
      <form class="usa-form usa-form--large" method="post" action="/admin/users" novalidate>
        <CsrfField />
        <TextField
          id="new-email"
          name="email"
          type="email"
          label={newUserLabels['new-email']!}
          value={values.email}
          error={errors['new-email']}
          autocomplete="off"
          required
        />
        <TextField
          id="new-name"
          name="name"
          label={newUserLabels['new-name']!}
          value={values.name}
          error={errors['new-name']}
          autocomplete="off"
          required
        />
        <SelectField
          id="new-role"
          name="role"
          label={newUserLabels['new-role']!}
          value={values.role ?? 'agency_viewer'}
          options={roleOptions}
          error={errors['new-role']}
        />
        <SelectField
          id="new-agency"
          name="agencyId"
          label={newUserLabels['new-agency']!}
          hint="Needed for agency editors and viewers: they work on this agency's programs and those of its bureaus and offices."
          value={values.agencyId}
          options={agencyChoices(props.agencies, 'None')}
          error={errors['new-agency']}
        />
        <TextField
          id="new-organization"
          name="organizationId"
          label={newUserLabels['new-organization']!}
          hint="Needed for NGO managers: the number in the address of the organization's page (/partners/123)."
          value={values.organizationId}
          error={errors['new-organization']}
        />
        <TextField
          id="new-password"
          name="password"
          type="password"
          label={newUserLabels['new-password']!}
          hint="At least 12 characters. Give it to the person by a separate channel; they can change it on their account page."
          error={errors['new-password']}
          autocomplete="new-password"
          required
        />
        <button class="usa-button" type="submit">
          Add user
        </button>
      </form>
    </section>
  );
}

/** Every user, and a form to add one; each user's page changes the role or disables the account. */
export function AdminUsersPage(props: AdminUsersPageProps) {
  return (
    <Layout title="Users">
      <h1>Users</h1>
      <AdminNav current="/admin/users" />
      {props.notice ? <Notice heading={props.notice} /> : null}
      <p>Choose a name to change the person's role or to disable the account. Every change is recorded in the audit trail.</p>
      <UserTable users={props.users} agencies={props.agencies} />
      <AddUserForm agencies={props.agencies} form={props.form} />
    </Layout>
  );
}
