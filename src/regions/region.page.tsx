import type { Country, Region } from '../reference/reference.schemas.ts';
import type { BarRow } from '../ui/charts/index.ts';
import { ProfileCharts, ProfileFigures, ProfilePrograms } from '../stats/profile.tsx';
import { Layout } from '../ui/layout.tsx';
import type { ProfileData } from '../stats/profile-data.ts';
import { segment } from '../ui/urls.ts';

export const regionKindNames: Record<string, string> = {
  world: 'The world',
  continent: 'Continents (UN M49)',
  'sub-region': 'Sub-regions (UN M49)',
  'intermediate-region': 'Intermediate regions (UN M49)',
  'state-bureau': 'State Department regional bureaus',
  'program-region': 'Program regions named in the grant listing',
};

export type RegionPageData = { region: Region; parent: Region | undefined; countries: Country[]; profile: ProfileData };

/** A region: programs placed in it or in any of its countries, and where the money went inside it. */
export function RegionPage(props: { data: RegionPageData }) {
  const { region, parent, countries, profile } = props.data;
  const members = new Set(countries.map((country) => country.code));
  // Keep the region's own countries and its own regional programs in the "largest places" chart.
  const outside = (row: BarRow) => !(members.has(row.key) || row.key === `region:${region.code}`) && /^[A-Z]{3}$|^region:/.test(row.key);
  return (
    <Layout
      title={region.name}
      current="/regions"
      breadcrumbs={[
        { href: '/', label: 'Home' },
        { href: '/regions', label: 'Regions' },
      ]}
    >
      <h1>{region.name}</h1>
      <p>
        {regionKindNames[region.kind] ?? region.kind}, code {region.code}
        {parent ? (
          <>
            , part of <a href={`/regions/${segment(parent.code)}`}>{parent.name}</a>
          </>
        ) : null}
        . The figures count programs placed in the region itself (regional programs) or in any of its {countries.length} countries, each
        program in full.
      </p>
      <ProfileFigures data={profile} name={region.name} />
      <ProfileCharts data={profile} id="region" name={region.name} exclude={outside} />
      <ProfilePrograms data={profile} id="region" name={region.name} />
      {countries.length ? (
        <section aria-labelledby="region-countries">
          <h2 id="region-countries">Countries of {region.name}</h2>
          <ul class="usa-list ctip-columns">
            {countries.map((country) => (
              <li key={country.code}>
                <a href={`/countries/${segment(country.code)}`}>{country.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
