import type { Region } from '../reference/reference.schemas.ts';
import { HorizontalBarChart, type BarRow } from '../ui/charts/index.ts';
import { ScrollTable } from '../ui/components/table.tsx';
import { Layout } from '../ui/layout.tsx';
import { count } from '../ui/format.ts';
import { segment } from '../ui/urls.ts';
import { regionKindNames } from './region.page.tsx';

function RegionTable(props: { kind: string; regions: Region[] }) {
  const caption = regionKindNames[props.kind] ?? props.kind;
  return (
    <ScrollTable label={caption}>
      <table class="usa-table usa-table--borderless">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Code</th>
            <th scope="col" class="ctip-number">
              Countries
            </th>
          </tr>
        </thead>
        <tbody>
          {props.regions.map((region) => (
            <tr key={region.code}>
              <th scope="row">
                <a href={`/regions/${segment(region.code)}`}>{region.name}</a>
              </th>
              <td>{region.code}</td>
              <td class="ctip-number">{count(region.countryCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Regions of every kind, and obligations by continent with the regional programs apart. */
export function RegionsPage(props: { regions: Region[]; byRegion: BarRow[] }) {
  const kinds = Object.keys(regionKindNames).filter((kind) => props.regions.some((region) => region.kind === kind));
  return (
    <Layout title="Regions" current="/regions" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>Regions</h1>
      <p>
        Continents and sub-regions follow the UN M49 standard; program regions are the groupings the grant listing uses for regional
        programs. A region’s page counts programs in the region itself and in any of its countries.
      </p>
      <HorizontalBarChart id="by-region" title="Obligations by continent, all fiscal years" rows={props.byRegion} limit={20} />
      <p>
        Country programs are split among their places and counted under each place’s continent; regional and global programs appear as their
        own rows, so the bars add up to the grand total.
      </p>
      {kinds.map((kind) => (
        <RegionTable key={kind} kind={kind} regions={props.regions.filter((region) => region.kind === kind)} />
      ))}
    </Layout>
  );
}
