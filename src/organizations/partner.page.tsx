import type { OrganizationDetail } from './organization.schemas.ts';
import { ProfileCharts, ProfileFigures, ProfilePrograms } from '../stats/profile.tsx';
import { Layout } from '../ui/layout.tsx';
import type { ProfileData } from '../stats/profile-data.ts';
import { segment } from '../ui/urls.ts';

export type PartnerPageData = { organization: OrganizationDetail; profile: ProfileData };

function About(props: { organization: OrganizationDetail }) {
  const { organization } = props;
  const spellings = organization.aliases.filter((alias) => alias.name !== organization.name);
  return (
    <dl class="ctip-fields">
      <dt>Type</dt>
      <dd>{organization.typeName ?? 'Not recorded'}</dd>
      <dt>Faith-based</dt>
      <dd>{organization.faithBased ? 'Yes' : 'Not recorded as faith-based'}</dd>
      {organization.countryCode ? (
        <>
          <dt>Based in</dt>
          <dd>
            <a href={`/countries/${segment(organization.countryCode)}`}>{organization.countryCode}</a>
          </dd>
        </>
      ) : null}
      <dt>Name reviewed</dt>
      <dd>
        {organization.reviewed
          ? 'Yes: the spellings below were checked by a person'
          : 'No: an import created this entry from a name it could not match; it may duplicate another partner'}
      </dd>
      {spellings.length ? (
        <>
          <dt>Spellings in the sources</dt>
          <dd>
            <ul class="usa-list usa-list--unstyled">
              {spellings.map((alias) => (
                <li key={`${alias.source}:${alias.name}`}>{`${alias.name} (${alias.source})`}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** An implementing partner: the programs it carries out, their funders and places. */
export function PartnerPage(props: { data: PartnerPageData }) {
  const { organization, profile } = props.data;
  return (
    <Layout
      title={organization.name}
      current="/programs"
      breadcrumbs={[
        { href: '/', label: 'Home' },
        { href: '/programs', label: 'Programs' },
      ]}
    >
      <h1>{organization.name}</h1>
      <p>Implementing partner. Figures count every program the partner carries out, as prime or sub-partner, each in full.</p>
      <ProfileFigures data={profile} name={organization.name} programsLabel="programs" />
      <About organization={organization} />
      <ProfileCharts data={profile} id="partner" name={organization.name} />
      <ProfilePrograms data={profile} id="partner" name={organization.name} />
    </Layout>
  );
}
