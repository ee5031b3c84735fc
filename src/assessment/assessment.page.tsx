import { Layout } from '../ui/layout.tsx';
import { count, money } from '../ui/format.ts';
import type { Assessment } from './assessment.types.ts';
import { tableOfContents } from './render-shared.ts';

const formats = [
  { extension: 'html', label: 'HTML (printable web page)' },
  { extension: 'md', label: 'Markdown' },
  { extension: 'docx', label: 'Word (DOCX), editable' },
  { extension: 'pdf', label: 'PDF (tagged, with page numbers and outline)' },
];

/** The Assessment page: pick a year, see the headline and contents, download each format. */
export function AssessmentPage(props: { assessment: Assessment; years: number[] }) {
  const { assessment } = props;
  const fy = assessment.fiscalYear;
  const headline = assessment.headline;
  return (
    <Layout title={`Assessment FY${fy}`} breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>{`Annual Assessment, FY${fy}`}</h1>
      <p class="usa-intro">
        {assessment.title}, generated from the public records. Data as of {assessment.dataAsOf}.
      </p>
      <form method="get" action="/assessment" class="usa-form">
        <label class="usa-label" for="fiscal-year">
          Fiscal year
        </label>
        <select class="usa-select" id="fiscal-year" name="fiscalYear">
          {props.years.map((year) => (
            <option key={year} value={String(year)} selected={year === fy}>{`FY${year}`}</option>
          ))}
        </select>
        <button class="usa-button" type="submit">
          Show
        </button>
      </form>
      <h2>Download</h2>
      <ul class="usa-list">
        {formats.map((format) => (
          <li key={format.extension}>
            <a href={`/assessment/${fy}.${format.extension}`}>{format.label}</a>
          </li>
        ))}
      </ul>
      <h2>Headline figures</h2>
      <ul class="usa-list">
        <li>{`${count(headline.programs)} programs, ${money(headline.obligatedCents)} obligated`}</li>
        <li>{`${count(headline.internationalPrograms)} international programs (${money(headline.internationalCents)}) naming ${count(headline.countriesNamed)} countries (${count(headline.countriesAndRegions)} countries and regions); ${count(headline.countriesReached)} countries reached through regions smaller than a continent`}</li>
        <li>{`${count(headline.domesticPrograms)} domestic programs (${money(headline.domesticCents)})`}</li>
        <li>{`FY${headline.fourYears.from}–FY${headline.fourYears.to}: ${money(headline.fourYears.obligatedCents)}`}</li>
      </ul>
      <h2>Contents</h2>
      <ol class="usa-list">
        {tableOfContents(assessment)
          .filter((entry) => entry.level === 1)
          .map((entry) => (
            <li key={entry.id}>
              <a href={`/assessment/${fy}.html#${entry.id}`}>{entry.title}</a>
            </li>
          ))}
      </ol>
      <p>
        The <a href="/recommendations">recommendations</a> and <a href="/strategic-plans">agency strategic plans</a> the report draws on
        have pages of their own.
      </p>
    </Layout>
  );
}
