import type { CountryDetail } from '../reference/reference.schemas.ts';
import { ProfileCharts, ProfileFigures, ProfilePrograms } from '../stats/profile.tsx';
import { Layout } from '../ui/layout.tsx';
import { money, plural } from '../ui/format.ts';
import type { ProfileData } from '../stats/profile-data.ts';
import { href, segment } from '../ui/urls.ts';
import { exportHref } from '../programs/search-query.ts';
import type { CentsValue } from '../shared/money.ts';

/** Programs of regions that contain the country, on top of the direct ones. */
export type RegionalFigures = { programs: number; obligatedCents: CentsValue };

export type CountryPageData = {
  country: CountryDetail;
  profile: ProfileData;
  allocatedCents: CentsValue;
  regional: RegionalFigures;
};

function WhatIsCounted(props: { data: CountryPageData }) {
  const { country, profile, allocatedCents, regional } = props.data;
  return (
    <div class="usa-summary-box" role="region" aria-labelledby="counted">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="counted">
          What these totals include
        </h2>
        <div class="usa-summary-box__text">
          <p>
            The figures on this page count only programs that name {country.name} as a place, <strong>without</strong> regional or global
            programs. A program that names several countries is counted in full here; split among its places, {money(allocatedCents)} of the{' '}
            {money(profile.byYear.totalCents)} is {country.name}’s share.
          </p>
          <p>
            Regional programs that include {country.name}: {plural(regional.programs, 'more program')}, {money(regional.obligatedCents)} in
            all, shared with the other countries of their region.{' '}
            {regional.programs > 0 ? (
              <a href={href('/programs', { country: country.code, includeRegional: 'true' })}>
                {`Programs in ${country.name} including regional programs`}
              </a>
            ) : null}
          </p>
        </div>
      </div>
    </div>
  );
}

/** The country's programs as files: the same search as /programs?country=…, in every export format. */
function CountryDownloads(props: { code: string; name: string; programs: number }) {
  if (props.programs === 0) return null;
  const filters = { country: props.code };
  const what = `the ${plural(props.programs, 'program')} in ${props.name}`;
  return (
    <section aria-labelledby="country-downloads" class="ctip-downloads-section">
      <h2 id="country-downloads">Download {props.name}’s programs</h2>
      <ul class="ctip-downloads">
        <li>
          <a href={exportHref(filters, 'csv')}>{`CSV of ${what}`}</a>
        </li>
        <li>
          <a href={exportHref(filters, 'json')}>{`JSON of ${what}`}</a>
        </li>
        <li>
          <a href={exportHref(filters, 'xml')}>{`IATI 2.03 XML of ${what}`}</a>
        </li>
        <li>
          <a href={href('/programs', filters)}>{`Search ${what}`}</a>
        </li>
      </ul>
    </section>
  );
}

/** A country: what it received, from whom, for what, through which partners. */
export function CountryPage(props: { data: CountryPageData }) {
  const { country, profile } = props.data;
  const regions = country.regions;
  return (
    <Layout
      title={country.name}
      current="/countries"
      breadcrumbs={[
        { href: '/', label: 'Home' },
        { href: '/countries', label: 'Countries' },
      ]}
    >
      <h1>{country.name}</h1>
      <p>
        {country.officialName && country.officialName !== country.name ? `${country.officialName}. ` : ''}
        ISO 3166-1 code {country.code}
        {country.historical ? '; a country that no longer exists, kept because older records name it' : ''}.
        {country.aliases.length ? ` Also recorded as: ${country.aliases.join('; ')}.` : ''}
      </p>
      <ProfileFigures data={profile} name={country.name} programsLabel="programs naming the country" />
      <CountryDownloads code={country.code} name={country.name} programs={profile.programs.total} />
      <WhatIsCounted data={props.data} />
      <ProfileCharts data={profile} id="country" name={country.name} />
      <ProfilePrograms data={profile} id="country" name={country.name} />
      {regions.length ? (
        <section aria-labelledby="country-regions">
          <h2 id="country-regions">Regions {country.name} belongs to</h2>
          <ul class="usa-list">
            {regions.map((region) => (
              <li key={region.code}>
                <a href={`/regions/${segment(region.code)}`}>{region.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
