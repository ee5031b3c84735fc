import { change, count as formatCount, money, plural } from '../ui/format.ts';
import type { FundingPoint } from '../ui/charts/index.ts';
import type { AssessmentData } from './assessment-data.ts';
import { cents, count, notice, paragraph, section, text } from './assessment-blocks.ts';
import { yearTotals } from '../stats/chart-data.ts';
import type { Headline, Section } from './assessment.types.ts';

/** The headline figures of the year, from the data (public records only). */
export function computeHeadline(data: AssessmentData): Headline {
  const { summary } = data;
  const years = data.fourYears.all;
  return {
    programs: summary.programs,
    obligatedCents: summary.obligatedCents,
    internationalPrograms: summary.international.programs,
    internationalCents: summary.international.obligatedCents,
    countriesNamed: summary.international.countries,
    countriesReached: summary.international.countriesReached,
    countriesAndRegions: summary.international.countriesAndRegions,
    domesticPrograms: summary.domestic.programs,
    domesticCents: summary.domestic.obligatedCents,
    unknownAmountPrograms: summary.unknownAmountPrograms,
    regionalPrograms: summary.regionalPrograms,
    previousYear: previousYearOf(data),
    fourYears: {
      from: data.fiscalYear - 3,
      to: data.fiscalYear,
      obligatedCents: years.totalCents,
      programs: data.fourYears.programs,
    },
  };
}

function previousYearOf(data: AssessmentData): Headline['previousYear'] {
  const previous = data.summary.previousYear;
  return previous ? { fiscalYear: previous.fiscalYear, programs: previous.programs, obligatedCents: previous.obligatedCents } : null;
}

/**
 * International and domestic obligations per year of the four-year window, for the stacked
 * chart; a part none of whose programs has a known amount is null ("not known"), not $0.
 */
function fourYearSeries(data: AssessmentData): FundingPoint[] {
  const domestic = new Map(data.fourYears.domestic.rows.map((row) => [row.key, row]));
  return data.fourYears.all.rows
    .map((row) => Number(row.key))
    .sort((left, right) => left - right)
    .flatMap((year) => {
      const all = data.fourYears.all.rows.find((row) => row.key === String(year))!;
      const home = domestic.get(String(year));
      const abroad = {
        cents: BigInt(all.obligatedCents) - BigInt(home?.obligatedCents ?? '0'),
        programs: all.programs - (home?.programs ?? 0),
        withoutAmount: all.programsWithoutAmount - (home?.programsWithoutAmount ?? 0),
      };
      // No program at all is a true $0; programs none of whose amounts is known are "not known".
      const known = (part: { programs: number; withoutAmount: number }) => part.programs === 0 || part.programs > part.withoutAmount;
      const homePart = { programs: home?.programs ?? 0, withoutAmount: home?.programsWithoutAmount ?? 0 };
      return [
        { fiscalYear: year, key: 'international', label: 'International', cents: known(abroad) ? abroad.cents : null },
        {
          fiscalYear: year,
          key: 'domestic',
          label: 'Domestic (United States)',
          cents: known(homePart) ? (home?.obligatedCents ?? '0') : null,
        },
      ];
    });
}

/** "FY2002–FY2004" for the years the chart draws, and the window's years it cannot (none recorded). */
function drawnYears(data: AssessmentData, from: number, to: number): { span: string; missing: number[] } {
  const years = data.fourYears.all.rows.map((row) => Number(row.key)).sort((left, right) => left - right);
  const missing = Array.from({ length: to - from + 1 }, (_, index) => from + index).filter((year) => !years.includes(year));
  const [first, last] = [years[0], years.at(-1)];
  const span = first === undefined ? `FY${from}–FY${to}` : first === last ? `FY${first}` : `FY${first}–FY${last}`;
  return { span, missing };
}

function summaryText(headline: Headline, fiscalYear: number): string {
  const fy = `FY${fiscalYear}`;
  const previous = headline.previousYear;
  const changeText = previous
    ? ` Compared with FY${previous.fiscalYear} (${plural(previous.programs, 'program')}, ${money(previous.obligatedCents)}), obligations were ${change(headline.obligatedCents, previous.obligatedCents, 'the year before')} and the number of programs ${change(headline.programs, previous.programs, 'the year before')}.`
    : ` No program is recorded for FY${fiscalYear - 1}, so there is no change to report.`;
  return (
    `In ${fy} the U.S. government obligated ${money(headline.obligatedCents)} to ${plural(headline.programs, 'program')} against trafficking in persons: ` +
    `${plural(headline.internationalPrograms, 'international program')} (${money(headline.internationalCents)}) and ${plural(headline.domesticPrograms, 'domestic program')} (${money(headline.domesticCents)}).` +
    changeText
  );
}

function countriesText(headline: Headline): string {
  return (
    `International programs name ${plural(headline.countriesNamed, 'country', 'countries')} as places where they work. ` +
    `Counting also the member countries of the regions that regional programs name — only regions smaller than a continent; a global or continent-wide program is not spread over every territory — they reach ${plural(headline.countriesReached, 'country', 'countries')}. ` +
    `Counting each region named once beside the countries, they work in ${plural(headline.countriesAndRegions, 'country or region', 'countries and regions')}, the count published figures such as “more than 86 countries” most likely used.`
  );
}

/** Summary: headline figures, the change from the year before, and the last four years. */
export function buildSummarySection(data: AssessmentData, headline: Headline): Section {
  const { fourYears } = headline;
  const drawn = drawnYears(data, fourYears.from, fourYears.to);
  const rows = [
    [text('Programs with an obligation in the year'), count(headline.programs)],
    [text('Obligated (known amounts)'), cents(headline.obligatedCents)],
    [text('International programs'), count(headline.internationalPrograms)],
    [text('International obligations'), cents(headline.internationalCents)],
    [text('Countries named by international programs'), count(headline.countriesNamed)],
    [text('Countries reached, including regional programs'), count(headline.countriesReached)],
    [text('Domestic programs'), count(headline.domesticPrograms)],
    [text('Domestic obligations'), cents(headline.domesticCents)],
    [text('Programs whose amount is not known'), count(headline.unknownAmountPrograms)],
    [text(`Obligated FY${fourYears.from}–FY${fourYears.to}`), cents(fourYears.obligatedCents)],
  ];
  return section('summary', 'Summary', [
    paragraph(summaryText(headline, data.fiscalYear)),
    paragraph(countriesText(headline)),
    {
      kind: 'table',
      id: 'headline',
      caption: `Headline figures, FY${data.fiscalYear}`,
      columns: [{ label: 'Figure' }, { label: `FY${data.fiscalYear}`, numeric: true }],
      rows,
      note: 'Obligations are money committed in the fiscal year, not disbursed. Totals are sums of known amounts.',
    },
    paragraph(
      `Over the last four fiscal years, FY${fourYears.from} to FY${fourYears.to}, ${money(fourYears.obligatedCents)} was obligated to ${plural(fourYears.programs, 'program')} (a program funded in several of those years counts once).` +
        (data.fourYears.all.rows.length < 4
          ? ` Only ${formatCount(data.fourYears.all.rows.length)} of those years have programs recorded.`
          : ''),
    ),
    {
      kind: 'chart',
      chart: {
        type: 'over-time',
        id: 'four-years',
        // The title names the years drawn: a window year with no program recorded has no bar.
        title: `Obligations by fiscal year, ${drawn.span}`,
        series: fourYearSeries(data),
        totals: yearTotals(data.fourYears.all),
      },
    },
    ...(drawn.missing.length
      ? [notice(`No program is recorded for ${drawn.missing.map((year) => `FY${year}`).join(', ')}, so the chart has no bar for it.`)]
      : []),
  ]);
}
