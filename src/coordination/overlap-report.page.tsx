import { Fragment } from 'preact';
import { formatUsd, type CentsValue } from '../shared/money.ts';
import { Layout } from '../ui/layout.tsx';
import type { DimensionRow, DuplicationGroupRow, OverlapReport, PairRow } from './coordination.schemas.ts';

/** Rows shown per table on the page; the CSV and JSON downloads carry every row. */
export const pageRowLimit = 100;

/** Programs named per duplication group on the page; the downloads name them all. */
export const groupProgramLimit = 8;

const money = (cents: CentsValue) => formatUsd(cents, { wholeDollars: true });
const programLink = (program: PairRow['first']) => <a href={`/programs/${program.id}`}>{program.title}</a>;

function RangeForm(props: { from?: number | string; to?: number | string; error?: string }) {
  return (
    <form class="usa-form usa-form--large" method="get" action="/coordination/overlap">
      {props.error ? (
        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{props.error}</p>
          </div>
        </div>
      ) : null}
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">Fiscal years (both included)</legend>
        <label class="usa-label" for="overlap-from">
          From fiscal year
        </label>
        <input
          class="usa-input usa-input--small"
          id="overlap-from"
          name="from"
          inputmode="numeric"
          pattern="[0-9]{4}"
          value={props.from ?? ''}
          required
        />
        <label class="usa-label" for="overlap-to">
          To fiscal year
        </label>
        <input
          class="usa-input usa-input--small"
          id="overlap-to"
          name="to"
          inputmode="numeric"
          pattern="[0-9]{4}"
          value={props.to ?? ''}
          required
        />
      </fieldset>
      <button class="usa-button" type="submit">
        Show the report
      </button>
    </form>
  );
}

function Section(props: { id: string; title: string; definition: string; total: number; children: preact.ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <p>{props.definition}</p>
      {props.total === 0 ? <p>None found in this range.</p> : props.children}
      {props.total > pageRowLimit ? (
        <p>
          The first {pageRowLimit} of {props.total} are shown; the CSV and JSON downloads list all of them.
        </p>
      ) : null}
    </section>
  );
}

function PairTable(props: { caption: string; rows: PairRow[] }) {
  return (
    <table class="usa-table usa-table--borderless usa-table--striped">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Place</th>
          <th scope="col">Fiscal years</th>
          <th scope="col">First program</th>
          <th scope="col">Second program</th>
          <th scope="col">Shared</th>
          <th scope="col">Titles alike</th>
          <th scope="col" class="text-right">
            Obligated
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.slice(0, pageRowLimit).map((row) => (
          <tr key={`${row.first.id}-${row.second.id}`}>
            <th scope="row">{row.placeName}</th>
            <td>{row.fiscalYears.map((year) => `FY${year}`).join(', ')}</td>
            <td>
              {programLink(row.first)} ({row.first.agency})
            </td>
            <td>
              {programLink(row.second)} ({row.second.agency})
            </td>
            <td>
              {[...row.sharedPartners, ...row.sharedTerms].join('; ') || '—'}
              {row.crossAgency ? '; different agencies' : ''}
            </td>
            <td>{Math.round(row.textSimilarity * 100)}%</td>
            <td class="text-right">{money(row.obligatedCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GroupTable(props: { caption: string; rows: DuplicationGroupRow[] }) {
  return (
    <table class="usa-table usa-table--borderless usa-table--striped">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Partner</th>
          <th scope="col">Place</th>
          <th scope="col">Fiscal years</th>
          <th scope="col">Programs</th>
          <th scope="col">Agencies</th>
          <th scope="col" class="text-right">
            Obligated
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.slice(0, pageRowLimit).map((row) => (
          <tr key={row.programs.map((program) => program.id).join('-')}>
            <th scope="row">{row.partners.join('; ')}</th>
            <td>{row.places.map((place) => place.name).join('; ')}</td>
            <td>{row.fiscalYears.map((year) => `FY${year}`).join(', ')}</td>
            <td>
              {row.programs.length} programs:{' '}
              {row.programs.slice(0, groupProgramLimit).map((program, index) => (
                <Fragment key={program.id}>
                  {index ? '; ' : ''}
                  {programLink(program)}
                </Fragment>
              ))}
              {row.programs.length > groupProgramLimit ? ` and ${row.programs.length - groupProgramLimit} more` : ''}
            </td>
            <td>
              {row.agencies.join(', ')}
              {row.crossAgency ? ' (different agencies)' : ''}
            </td>
            <td class="text-right">{money(row.obligatedCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DimensionTable(props: { caption: string; heading: string; rows: DimensionRow[] }) {
  return (
    <table class="usa-table usa-table--borderless usa-table--striped">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.heading}</th>
          <th scope="col" class="text-right">
            Fragmented areas
          </th>
          <th scope="col" class="text-right">
            Overlapping pairs
          </th>
          <th scope="col" class="text-right">
            Duplication groups
          </th>
          <th scope="col" class="text-right">
            Programs involved
          </th>
          <th scope="col" class="text-right">
            Their obligations
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.slice(0, pageRowLimit).map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td class="text-right">{row.fragmentation}</td>
            <td class="text-right">{row.overlap}</td>
            <td class="text-right">{row.duplication}</td>
            <td class="text-right">{row.programs}</td>
            <td class="text-right">{money(row.obligatedCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportBody(props: { report: OverlapReport }) {
  const { report } = props;
  const range = `from=${report.fiscalYearFrom}&to=${report.fiscalYearTo}`;
  const span = `FY${report.fiscalYearFrom}–FY${report.fiscalYearTo}`;
  return (
    <>
      <p>
        {report.programsInRange} programs have obligations in {span}, {money(report.obligatedCentsInRange)} in all. The findings below
        involve {money(report.obligatedCentsInvolved)} of it (each program counted once). {report.definitions.amounts}
      </p>
      <p>
        Download: <a href={`/api/coordination/overlap.csv?${range}`}>CSV</a> · <a href={`/api/coordination/overlap?${range}`}>JSON</a>
      </p>
      <Section
        id="fragmentation"
        title={`Fragmentation (${report.fragmentation.length})`}
        definition={report.definitions.fragmentation}
        total={report.fragmentation.length}
      >
        <table class="usa-table usa-table--borderless usa-table--striped">
          <caption>Areas funded by several agencies, {span}</caption>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Pillar</th>
              <th scope="col">Agencies</th>
              <th scope="col" class="text-right">
                Programs
              </th>
              <th scope="col" class="text-right">
                Obligated
              </th>
            </tr>
          </thead>
          <tbody>
            {report.fragmentation.slice(0, pageRowLimit).map((row) => (
              <tr key={`${row.placeCode}-${row.pillar}`}>
                <th scope="row">{row.placeName}</th>
                <td>{row.pillar}</td>
                <td>{row.agencies.join(', ')}</td>
                <td class="text-right">{row.programs}</td>
                <td class="text-right">{money(row.obligatedCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section
        id="duplication"
        title={`Duplication (${report.duplication.length})`}
        definition={report.definitions.duplication}
        total={report.duplication.length}
      >
        <p>
          {report.counts.duplicatedPrograms} programs in {report.duplication.length} groups.
        </p>
        <GroupTable caption={`Groups of possibly duplicative programs, ${span}`} rows={report.duplication} />
      </Section>
      <Section
        id="overlap"
        title={`Overlap (${report.overlap.length})`}
        definition={report.definitions.overlap}
        total={report.overlap.length}
      >
        <PairTable caption={`Overlapping pairs of programs, ${span}`} rows={report.overlap} />
      </Section>
      <section aria-labelledby="by-dimension">
        <h2 id="by-dimension">Findings by country, partner and assistance type</h2>
        <DimensionTable caption={`Findings by country or region, ${span}`} heading="Country or region" rows={report.byCountry} />
        <DimensionTable caption={`Findings by implementing partner, ${span}`} heading="Partner" rows={report.byPartner} />
        <DimensionTable caption={`Findings by assistance type, ${span}`} heading="Assistance type" rows={report.byAssistanceType} />
      </section>
    </>
  );
}

/** The portfolio overlap report page: a GET form for the range, then the findings in tables. */
export function OverlapReportPage(props: { report?: OverlapReport; from?: number | string; to?: number | string; error?: string }) {
  const title = props.report ? `Overlap report, FY${props.report.fiscalYearFrom}–FY${props.report.fiscalYearTo}` : 'Overlap report';
  return (
    <Layout title={title} breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>{title}</h1>
      <p class="usa-intro">
        Where agencies fund the same area, similar work or the same work, by the definitions the Government Accountability Office uses for
        fragmentation, overlap and duplication. A finding is a question for the coordinating agencies, not a verdict.
      </p>
      <RangeForm from={props.from} to={props.to} error={props.error} />
      {props.report ? <ReportBody report={props.report} /> : null}
    </Layout>
  );
}
