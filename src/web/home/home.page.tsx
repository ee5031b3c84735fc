import type { Breakdown, Summary } from '../../stats/stats.schemas.ts';
import { formatUsd } from '../../shared/money.ts';
import { Layout } from '../layout.tsx';

const numberFormat = new Intl.NumberFormat('en-US');

/** Published figures we compare against, from State Department fact sheets. */
const publishedFigures: Record<number, string> = {
  2004: 'The fact sheet reports about 251 international programs, $82 million, in more than 86 countries for FY2004.',
  2005: 'State reports $119.87 million in FY2005: 266 international projects in 101 countries ($94.65 million) and 92 domestic projects ($25.2 million).',
};

function Figure(props: { label: string; value: string; note?: string }) {
  return (
    <li>
      <span class="figure-value">{props.value}</span>
      <span>{props.label}</span>
      {props.note ? <small> {props.note}</small> : null}
    </li>
  );
}

/** The home page: headline figures of the latest fiscal year and the trend by year. */
export function HomePage(props: { summary: Summary | undefined; byYear: Breakdown; featuredYear?: Summary }) {
  const { summary, byYear } = props;
  const years = [...byYear.rows].sort((left, right) => left.key.localeCompare(right.key));
  return (
    <Layout title="Anti-trafficking programs">
      <h1>U.S. anti-trafficking programs</h1>
      {summary ? (
        <section aria-labelledby="headline">
          <h2 id="headline">Fiscal year {summary.fiscalYear}</h2>
          <ul class="figures">
            <Figure label="programs with obligations" value={numberFormat.format(summary.programs)} />
            <Figure label="obligated (known amounts)" value={formatUsd(BigInt(summary.obligatedCents), { wholeDollars: true })} />
            <Figure label="countries named" value={numberFormat.format(summary.countries)} />
            <Figure label="programs with an unknown amount" value={numberFormat.format(summary.unknownAmountPrograms)} />
          </ul>
        </section>
      ) : (
        <p>No programs have been recorded yet. Import data with <code>ctip import tip-grants FILE</code>.</p>
      )}
      {props.featuredYear ? (
        <section aria-labelledby="featured">
          <h2 id="featured">FY{props.featuredYear.fiscalYear} beside the published figures</h2>
          <p>
            From the data: {numberFormat.format(props.featuredYear.programs)} programs,{' '}
            {formatUsd(BigInt(props.featuredYear.obligatedCents), { wholeDollars: true })} obligated, {props.featuredYear.countries}{' '}
            countries. {publishedFigures[props.featuredYear.fiscalYear] ?? ''}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="trend">
        <h2 id="trend">Obligations by fiscal year</h2>
        <table>
          <caption class="visually-hidden">Programs and known obligations per fiscal year</caption>
          <thead>
            <tr>
              <th scope="col">Fiscal year</th>
              <th scope="col" class="number">Programs</th>
              <th scope="col" class="number">Obligated</th>
            </tr>
          </thead>
          <tbody>
            {years.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td class="number">{numberFormat.format(row.programs)}</td>
                <td class="number">{formatUsd(BigInt(row.obligatedCents), { wholeDollars: true })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="data">
        <h2 id="data">Use the data</h2>
        <ul>
          <li>
            <a href="/docs">API documentation</a> (OpenAPI 3.1 at <a href="/openapi.json">/openapi.json</a>)
          </li>
          <li>
            <a href="/api/programs?limit=20">Programs (JSON)</a> ·{' '}
            {summary ? <a href={`/api/stats/summary?fy=${summary.fiscalYear}`}>Summary of FY{summary.fiscalYear} (JSON)</a> : null}
          </li>
        </ul>
      </section>
    </Layout>
  );
}
