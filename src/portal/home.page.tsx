import type { Summary } from '../stats/stats.schemas.ts';
import { FundingOverTimeChart, WorldMap, type FundingPoint, type MapValue, type YearTotal } from '../ui/charts/index.ts';
import { Figures } from '../ui/components/figures.tsx';
import { Layout } from '../ui/layout.tsx';
import { change, count, money } from '../ui/format.ts';

/** Published figures we compare against, from State Department fact sheets. */
const publishedFigures: Record<number, string> = {
  2004: 'The fact sheet reports about 251 international programs, $82 million, in more than 86 countries for FY2004.',
  2005: 'State reports $119.87 million in FY2005: 266 international projects in 101 countries ($94.65 million) and 92 domestic projects ($25.2 million).',
};

export type HomeData = {
  summary: Summary | undefined;
  featuredYear: Summary | undefined;
  pillarSeries: FundingPoint[];
  /** Each year's total, every program once, and its programs without a known amount. */
  yearTotals: YearTotal[];
  mapValues: MapValue[];
  firstYear: number | undefined;
  /** Whether the viewer has a clearance queue (signed-in agency staff and operators). */
  clearanceQueue?: boolean;
};

function Headline(props: { summary: Summary }) {
  const { summary } = props;
  const previous = summary.previousYear;
  const since = previous ? `FY${previous.fiscalYear}` : '';
  const none = `nothing recorded in FY${summary.fiscalYear - 1}`;
  return (
    <section aria-labelledby="headline">
      <h2 id="headline">Fiscal year {summary.fiscalYear}, the latest in the data</h2>
      <Figures
        label={`Headline figures of fiscal year ${summary.fiscalYear}`}
        items={[
          {
            label: 'programs with obligations',
            value: count(summary.programs),
            note: previous ? change(summary.programs, previous.programs, since) : none,
          },
          {
            label: 'obligated (known amounts)',
            value: money(summary.obligatedCents),
            note: previous ? change(summary.obligatedCents, previous.obligatedCents, since) : none,
          },
          {
            label: 'countries named',
            value: count(summary.countries),
            note: previous ? change(summary.countries, previous.countries, since) : none,
          },
        ]}
      />
      <p>
        International: {count(summary.international.programs)} programs, {money(summary.international.obligatedCents)}. Domestic (United
        States): {count(summary.domestic.programs)} programs, {money(summary.domestic.obligatedCents)}.{' '}
        {summary.unknownAmountPrograms > 0
          ? `${count(summary.unknownAmountPrograms)} programs have an amount that is not known and are not in the total. `
          : ''}
        {count(summary.regionalPrograms)} regional or global programs are not counted under any single country: counting each region they
        name once, programs work in {count(summary.countriesAndRegions)} countries and regions, and reach {count(summary.countriesReached)}{' '}
        countries when regions smaller than a continent are counted by their members.{' '}
        <a href={`/programs?fiscalYear=${summary.fiscalYear}`}>Programs of fiscal year {summary.fiscalYear}</a>
      </p>
    </section>
  );
}

function Beside(props: { featured: Summary }) {
  const { featured } = props;
  return (
    <div class="usa-summary-box" role="region" aria-labelledby="featured">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="featured">
          FY{featured.fiscalYear} beside the published figures
        </h2>
        <div class="usa-summary-box__text">
          <p>
            From the data: {count(featured.international.programs)} international programs, {money(featured.international.obligatedCents)},{' '}
            {count(featured.international.countries)} countries named ({count(featured.international.countriesAndRegions)} countries and
            regions); with domestic programs, {count(featured.programs)} programs and {money(featured.obligatedCents)}.{' '}
            {publishedFigures[featured.fiscalYear] ?? ''}
          </p>
          <p>
            <a class="usa-summary-box__link" href="/about#differences">
              Why the data and the published figures differ
            </a>
          </p>
        </div>
      </div>
    </div>
  );
}

const entryPoints = [
  { href: '/programs', title: 'Search programs', text: 'Filter by year, agency, country, partner, pillar and more; download the results.' },
  { href: '/countries', title: 'Countries', text: 'Funding received by each country, with its programs and partners.' },
  { href: '/agencies', title: 'Agencies', text: 'What each department, bureau and office funds.' },
  { href: '/about', title: 'About the data', text: 'Sources, licenses, definitions and why totals differ from published figures.' },
];

const coordinationEntryPoints = [
  {
    href: '/assessment',
    title: 'The Assessment',
    text: 'The yearly Assessment of U.S. Government activities, as a page, PDF and Word file.',
  },
  { href: '/coordination/overlap', title: 'Overlap report', text: 'Programs of different agencies with the same partner, place and year.' },
  { href: '/recommendations', title: 'Recommendations', text: 'What the Assessment recommended and how each agency responded.' },
  { href: '/strategic-plans', title: 'Strategic plans', text: 'Each agency’s anti-trafficking plan for the year.' },
];

const clearanceEntryPoint = {
  href: '/clearance',
  title: 'Clearance queue',
  text: 'Proposals circulated for clearance and awaiting your decision.',
};

function EntryPoints(props: { clearanceQueue?: boolean }) {
  return (
    <>
      <EntryPointList id="explore" heading="Explore" entries={entryPoints} />
      <EntryPointList
        id="coordinate"
        heading="Coordination"
        entries={props.clearanceQueue ? [...coordinationEntryPoints, clearanceEntryPoint] : coordinationEntryPoints}
      />
    </>
  );
}

function EntryPointList(props: { id: string; heading: string; entries: typeof entryPoints }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      <ul class="usa-card-group ctip-entry-points">
        {props.entries.map((entry) => (
          <li class="usa-card tablet:grid-col-6 desktop:grid-col-3" key={entry.href}>
            <div class="usa-card__container">
              <div class="usa-card__header">
                <h3 class="usa-card__heading">
                  <a href={entry.href}>{entry.title}</a>
                </h3>
              </div>
              <div class="usa-card__body">
                <p>{entry.text}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function QuickSearch() {
  return (
    <form class="ctip-quick-search" role="search" action="/programs" method="get">
      <label class="usa-label" for="home-search">
        Search programs by words in their title or description
      </label>
      <div class="ctip-inline-field">
        <input class="usa-input" id="home-search" type="search" name="q" />
        <button class="usa-button" type="submit">
          Search
        </button>
      </div>
    </form>
  );
}

/** The home page: headline figures, the trend by pillar, the world map and the ways in. */
export function HomePage(props: HomeData) {
  const { summary } = props;
  const years = summary && props.firstYear !== undefined ? `FY${props.firstYear}–FY${summary.fiscalYear}` : '';
  return (
    <Layout title="Anti-trafficking programs" current="/">
      <h1>U.S. anti-trafficking programs: who funds what, where</h1>
      <p class="usa-intro">Programs against trafficking in persons funded by U.S. agencies at home and abroad, {years}.</p>
      <QuickSearch />
      {summary ? (
        <Headline summary={summary} />
      ) : (
        <p>
          No programs have been recorded yet. Import data with <code>ctip import tip-grants FILE</code>.
        </p>
      )}
      {props.featuredYear ? <Beside featured={props.featuredYear} /> : null}
      {summary ? (
        <section aria-labelledby="trend">
          <h2 id="trend">Obligations by fiscal year and pillar</h2>
          <FundingOverTimeChart
            id="trend-by-pillar"
            title={`Obligations by pillar, ${years}`}
            series={props.pillarSeries}
            totals={props.yearTotals}
          />
          <p>
            A program that serves several pillars is drawn under each, so a year’s stack can be taller than its total; the totals in the
            summary and the table count each program once. Programs with no pillar recorded appear as “Not specified”.
          </p>
        </section>
      ) : null}
      {summary ? (
        <section aria-labelledby="map">
          <h2 id="map">Where the money went in fiscal year {summary.fiscalYear}</h2>
          <WorldMap id="world-latest" title={`Obligations per country, FY${summary.fiscalYear}`} values={props.mapValues} />
          <p>
            A program in several countries is split among them. Regional and global programs are not drawn on the map; see{' '}
            <a href="/regions">funding by region</a>.
          </p>
        </section>
      ) : null}
      <EntryPoints clearanceQueue={props.clearanceQueue} />
    </Layout>
  );
}
