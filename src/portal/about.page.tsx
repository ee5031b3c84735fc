import type { Summary } from '../stats/stats.schemas.ts';
import { ScrollTable } from '../ui/components/table.tsx';
import { Layout } from '../ui/layout.tsx';
import { count, money, plural } from '../ui/format.ts';
import { Differences } from './differences.tsx';

function Sources() {
  return (
    <section aria-labelledby="sources">
      <h2 id="sources">Sources and licenses</h2>
      <ul class="usa-list">
        <li>
          <strong>U.S. anti-trafficking grants, FY2001–2014</strong>: the State Department TIP Office’s grant listing as compiled by Judith
          G. Kelley and Andrew Heiss for <cite>Scorecard Diplomacy: Grading States to Influence Their Reputation and Behavior</cite>{' '}
          (Cambridge University Press, 2017), from State Department project fact sheets. Published under the MIT license; ctip keeps the
          file unchanged and records, for every program, the lines of the file it came from.
        </li>
        <li>
          <strong>Countries and regions</strong>: ISO 3166-1 country codes and the UN M49 standard areas, with historical names (such as
          Yugoslavia, Zaire, East Timor) resolved to their records.
        </li>
        <li>
          <strong>Map outlines</strong>: Natural Earth (public domain), through the world-atlas package.
        </li>
      </ul>
      <p>
        Everything on this site can be downloaded: search the <a href="/programs">programs</a> and use the download links (CSV, JSON, IATI
        XML), or use the <a href="/docs">API</a>.
      </p>
    </section>
  );
}

function Definitions() {
  return (
    <section aria-labelledby="definitions">
      <h2 id="definitions">Definitions</h2>
      <dl class="ctip-fields">
        <dt id="fiscal-year">Fiscal year</dt>
        <dd>
          The U.S. federal fiscal year N runs from 1 October of year N−1 to 30 September of year N: FY2004 is 1 October 2003 to 30 September
          2004.
        </dd>
        <dt id="obligation">Obligation, not disbursement</dt>
        <dd>
          Every amount on this site is an <strong>obligation</strong>: money an agency committed to a program in a fiscal year. It is not a
          disbursement (money actually paid out), which can come years later and can be smaller.
        </dd>
        <dt id="regional-programs">Regional and global programs</dt>
        <dd>
          Some programs serve a whole region or the world. They are recorded on their region, not spread over its countries. A country’s
          page counts only programs that name the country, and says separately how much regional programs that include it add. Where amounts
          are shown per country (the map, the country list), a program in several places is split among them by its recorded shares, or
          equally, in whole cents, so no dollar is counted twice in a grand total.
        </dd>
        <dt id="unknown-amounts">Unknown amounts</dt>
        <dd>
          When the source gives no usable amount (“Not Listed”, prose, or a number with misplaced digit groups such as “$65,676,50”), the
          amount is stored as not known, with the source’s text as a note. It is never guessed, and totals are sums of known amounts only.
          Pages say “Not known” for such amounts.
        </dd>
        <dt id="pillars">Pillars</dt>
        <dd>
          Prevention, protection and prosecution (the “3P” paradigm), plus partnership. A program can serve several pillars and assistance
          types; in breakdowns by pillar or assistance type it counts under each, so those rows can add up to more than the total.
        </dd>
      </dl>
    </section>
  );
}

function YearTable(props: { years: Summary[] }) {
  return (
    <ScrollTable label="Figures from the data by fiscal year">
      <table class="usa-table usa-table--borderless">
        <caption>From the data, for the years with published figures</caption>
        <thead>
          <tr>
            <th scope="col">Fiscal year</th>
            <th scope="col" class="ctip-number">
              International programs
            </th>
            <th scope="col" class="ctip-number">
              International obligations
            </th>
            <th scope="col" class="ctip-number">
              Countries named
            </th>
            <th scope="col" class="ctip-number">
              Domestic programs
            </th>
            <th scope="col" class="ctip-number">
              Domestic obligations
            </th>
            <th scope="col" class="ctip-number">
              All obligations
            </th>
          </tr>
        </thead>
        <tbody>
          {props.years.map((year) => (
            <tr key={year.fiscalYear}>
              <th scope="row">{`FY${year.fiscalYear}`}</th>
              <td class="ctip-number">{count(year.international.programs)}</td>
              <td class="ctip-number">{money(year.international.obligatedCents)}</td>
              <td class="ctip-number">{count(year.international.countries)}</td>
              <td class="ctip-number">{count(year.domestic.programs)}</td>
              <td class="ctip-number">{money(year.domestic.obligatedCents)}</td>
              <td class="ctip-number">{money(year.obligatedCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** About the data: sources, licenses, definitions, and why totals differ from published ones, with today's figures. */
export function AboutPage(props: { years: Summary[]; latest: Summary | undefined }) {
  return (
    <Layout title="About the data" current="/about" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>About the data</h1>
      <p class="usa-intro">
        Where the figures come from, what they mean, and why they do not always match the figures the government published at the time.
      </p>
      {props.latest ? (
        <p>
          The latest fiscal year in the data is FY{props.latest.fiscalYear}: {plural(props.latest.programs, 'program')},{' '}
          {money(props.latest.obligatedCents)} obligated.
        </p>
      ) : null}
      <Sources />
      <Definitions />
      <section aria-labelledby="differences">
        <h2 id="differences">Why totals differ from published figures</h2>
        <YearTable years={props.years} />
        <Differences years={props.years} />
      </section>
    </Layout>
  );
}
