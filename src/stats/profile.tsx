import type { BarRow } from '../ui/charts/index.ts';
import { FundingOverTimeChart, HorizontalBarChart } from '../ui/charts/index.ts';
import { barRows, fundingSeries, partnerLink, placeLink, yearTotals } from './chart-data.ts';
import { count, money, plural } from '../ui/format.ts';
import type { ProfileData } from './profile-data.ts';
import { href } from '../ui/urls.ts';
import { filterValues } from '../programs/search-query.ts';
import { Figures } from '../ui/components/figures.tsx';
import { ProgramTable } from '../programs/program-table.tsx';

/** Figures of a profile: programs, known obligations over all years, the years covered. */
export function ProfileFigures(props: { data: ProfileData; name: string; programsLabel?: string }) {
  const { byYear, programs } = props.data;
  const years = byYear.rows.map((row) => Number(row.key)).sort((left, right) => left - right);
  return (
    <Figures
      label={`Figures for ${props.name}`}
      items={[
        { label: props.programsLabel ?? 'programs', value: count(programs.total) },
        {
          label: 'obligated, all years (known amounts)',
          value: byYear.rows.length && byYear.programsWithoutAmount === programs.total ? 'Not known' : money(byYear.totalCents),
          note: byYear.programsWithoutAmount
            ? `${plural(byYear.programsWithoutAmount, 'program')} with no known amount, not in the total`
            : undefined,
        },
        { label: 'fiscal years with obligations', value: years.length ? `FY${years[0]}–FY${years.at(-1)}` : 'None' },
      ]}
    />
  );
}

const topTitles = { partner: 'Largest implementing partners', country: 'Largest countries and regional programs' };
const topNotes = {
  partner: 'A program’s amount is split equally among its prime partners.',
  country:
    'A program’s amount is split among its places (by share where recorded, else equally); regional programs appear as their region.',
};

/** Charts of a profile: by year, by pillar, by assistance type, and the largest partners or places. */
export function ProfileCharts(props: { data: ProfileData; id: string; name: string; exclude?: (row: BarRow) => boolean }) {
  const { data, id, name } = props;
  const filtered = filterValues(data.filters);
  const linkTo = (key: string, filter: 'pillar' | 'assistanceType') =>
    key === 'none' ? undefined : href('/programs', { ...filtered, [filter]: key });
  return (
    <>
      <section aria-labelledby={`${id}-by-year`}>
        <h2 id={`${id}-by-year`}>Funding by year</h2>
        <FundingOverTimeChart
          id={`${id}-years`}
          title={`Obligations by fiscal year: ${name}`}
          series={fundingSeries(data.byYear)}
          totals={yearTotals(data.byYear)}
        />
      </section>
      <section aria-labelledby={`${id}-by-purpose`}>
        <h2 id={`${id}-by-purpose`}>Funding by pillar and assistance type</h2>
        <p>A program is counted in full under each of its pillars and assistance types, so these bars add up to more than the total.</p>
        <HorizontalBarChart
          id={`${id}-pillars`}
          title={`Obligations by pillar: ${name}`}
          rows={barRows(data.byPillar, (key) => linkTo(key, 'pillar'))}
        />
        <HorizontalBarChart
          id={`${id}-assistance`}
          title={`Obligations by assistance type: ${name}`}
          rows={barRows(data.byAssistanceType, (key) => linkTo(key, 'assistanceType'))}
        />
      </section>
      {data.tops.map((top) => {
        const rows = barRows(top.breakdown, top.dimension === 'partner' ? partnerLink : placeLink).filter((row) => !props.exclude?.(row));
        return (
          <section aria-labelledby={`${id}-top-${top.dimension}`} key={top.dimension}>
            <h2 id={`${id}-top-${top.dimension}`}>{topTitles[top.dimension]}</h2>
            <p>{topNotes[top.dimension]}</p>
            <HorizontalBarChart
              id={`${id}-top-${top.dimension}-chart`}
              title={`${topTitles[top.dimension]}: ${name}`}
              rows={rows}
              limit={10}
            />
          </section>
        );
      })}
    </>
  );
}

/** The largest programs of a profile, and a link to all of them in the search. */
export function ProfilePrograms(props: { data: ProfileData; id: string; name: string }) {
  const { programs, filters } = props.data;
  const all = href('/programs', { ...filterValues(filters), sort: '-obligated' });
  return (
    <section aria-labelledby={`${props.id}-programs`}>
      <h2 id={`${props.id}-programs`}>Programs</h2>
      {programs.items.length ? (
        <ProgramTable items={programs.items} caption={`The ${programs.items.length} largest programs: ${props.name}`} />
      ) : (
        <p>No program is recorded.</p>
      )}
      {programs.total > 0 ? (
        <p>
          <a href={all}>{`All ${plural(programs.total, 'program')}: ${props.name}`}</a>
        </p>
      ) : null}
    </section>
  );
}
