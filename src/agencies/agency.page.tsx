import type { Agency } from '../reference/reference.schemas.ts';
import { ProfileCharts, ProfileFigures, ProfilePrograms } from '../stats/profile.tsx';
import { Layout } from '../ui/layout.tsx';
import type { ProfileData } from '../stats/profile-data.ts';
import { segment } from '../ui/urls.ts';

export type AgencyPageData = { agency: Agency; children: Agency[]; profile: ProfileData };

function Organization(props: { data: AgencyPageData }) {
  const { agency, children } = props.data;
  return (
    <section aria-labelledby="agency-organization">
      <h2 id="agency-organization">Organization</h2>
      {agency.parentId ? (
        <p>
          Part of <a href={`/agencies/${segment(agency.parentId)}`}>{agency.parentName ?? agency.parentId}</a>.
        </p>
      ) : null}
      {children.length ? (
        <>
          <p>Its bureaus and offices (their programs are included in the figures above):</p>
          <ul class="usa-list">
            {children.map((child) => (
              <li key={child.id}>
                <a href={`/agencies/${segment(child.id)}`}>{child.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {agency.memberships.length ? (
        <p>
          Sits on:{' '}
          {agency.memberships
            .map((membership, index) => `${index ? '; ' : ''}${membership.bodyName}${membership.role === 'chair' ? ' (chair)' : ''}`)
            .join('')}
          .
        </p>
      ) : null}
    </section>
  );
}

/** An agency: what it and its bureaus and offices fund, where, and through whom. */
export function AgencyPage(props: { data: AgencyPageData }) {
  const { agency, profile } = props.data;
  return (
    <Layout
      title={agency.name}
      current="/agencies"
      breadcrumbs={[
        { href: '/', label: 'Home' },
        { href: '/agencies', label: 'Agencies' },
      ]}
    >
      <h1>{agency.name}</h1>
      {agency.description ? <p class="usa-intro">{agency.description}</p> : null}
      <p>Figures include the programs of its bureaus and offices. Amounts are obligations of known amounts.</p>
      <ProfileFigures data={profile} name={agency.name} programsLabel="programs funded" />
      <Organization data={props.data} />
      <ProfileCharts data={profile} id="agency" name={agency.name} />
      <ProfilePrograms data={profile} id="agency" name={agency.name} />
    </Layout>
  );
}
