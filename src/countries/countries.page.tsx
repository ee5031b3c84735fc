import type { BreakdownRow } from '../stats/stats.schemas.ts';
import { WorldMap, type MapValue } from '../ui/charts/index.ts';
import { ScrollTable } from '../ui/components/table.tsx';
import { Layout } from '../ui/layout.tsx';
import { count, money } from '../ui/format.ts';
import { segment } from '../ui/urls.ts';
import type { CentsValue } from '../shared/money.ts';

export type CountriesPageData = {
  countries: (BreakdownRow & { code: string; name: string })[];
  regional: (BreakdownRow & { code: string })[];
  mapValues: MapValue[];
  /** The fiscal year shown, or undefined for all years. */
  fiscalYear?: number;
  /** The fiscal years with programs, for the year filter. */
  years?: number[];
};

/** A GET form (works without JavaScript): all years or one. */
function YearFilter(props: { years: number[]; fiscalYear: number | undefined }) {
  return (
    <form class="usa-form ctip-year-filter" action="/countries" method="get">
      <label class="usa-label" for="countries-year">
        Fiscal year
      </label>
      <div class="ctip-inline-field">
        <select class="usa-select" id="countries-year" name="fiscalYear">
          <option value="">All fiscal years</option>
          {[...props.years].reverse().map((year) => (
            <option key={year} value={String(year)} selected={year === props.fiscalYear}>{`FY${year}`}</option>
          ))}
        </select>
        <button class="usa-button" type="submit">
          Show
        </button>
      </div>
    </form>
  );
}

function PlaceTable(props: {
  caption: string;
  rows: { key: string; label: string; href: string; programs: number; obligatedCents: CentsValue }[];
  placeLabel: string;
}) {
  return (
    <ScrollTable label={props.caption}>
      <table class="usa-table usa-table--borderless">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.placeLabel}</th>
            <th scope="col" class="ctip-number">
              Programs
            </th>
            <th scope="col" class="ctip-number">
              Obligated, its share
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                <a href={row.href}>{row.label}</a>
              </th>
              <td class="ctip-number">{count(row.programs)}</td>
              <td class="ctip-number">{money(row.obligatedCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Every country with recorded programs, with its total, and the regional programs apart. */
export function CountriesPage(props: { data: CountriesPageData }) {
  const { countries, regional, mapValues, fiscalYear } = props.data;
  const years = fiscalYear === undefined ? 'all fiscal years' : `FY${fiscalYear}`;
  const title = fiscalYear === undefined ? 'Countries' : `Countries, FY${fiscalYear}`;
  return (
    <Layout title={title} current="/countries" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>{title}</h1>
      <YearFilter years={props.data.years ?? []} fiscalYear={fiscalYear} />
      <p>
        {fiscalYear === undefined ? 'Obligations of all fiscal years by country.' : `Obligations of fiscal year ${fiscalYear} by country.`}{' '}
        A program in several places is split among them (by share where recorded, else equally), so the rows add up to the grand total
        without counting a dollar twice. Regional and global programs are listed apart, not spread over their countries. Countries with no
        recorded program are not listed.
      </p>
      <WorldMap id="world-all-years" title={`Obligations per country, ${years}`} values={mapValues} />
      <PlaceTable
        caption={`Countries: programs and obligations, ${years}`}
        placeLabel="Country"
        rows={countries.map((row) => ({ ...row, href: `/countries/${segment(row.code)}`, label: row.name }))}
      />
      <h2>Regional and global programs</h2>
      <PlaceTable
        caption={`Regional and global programs, ${years}`}
        placeLabel="Region"
        rows={regional.map((row) => ({
          ...row,
          label: row.label.replace(/ \(regional program\)$/, ''),
          href: `/regions/${segment(row.code)}`,
        }))}
      />
    </Layout>
  );
}
