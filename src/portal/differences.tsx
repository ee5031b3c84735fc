import type { Summary } from '../stats/stats.schemas.ts';
import { count, money, plural } from '../ui/format.ts';

/** What State published for the years we can compare, as printed at the time. */
export const publishedFigures: Record<number, string> = {
  2004: 'about 251 international programs, $82 million, in more than 86 countries (fact sheet)',
  2005: '266 international projects in 101 countries ($94.65 million) and 92 domestic projects ($25.2 million): $119.87 million in all',
};

/** The reasons, with the figures of the first compared year computed from the data as it is now. */
export function Differences(props: { years: Summary[] }) {
  const first = props.years.find((year) => year.programs > 0);
  return (
    <>
      <ul class="usa-list">
        {props.years.map((year) => (
          <li key={year.fiscalYear}>
            {`FY${year.fiscalYear} published: ${publishedFigures[year.fiscalYear] ?? 'no published figure recorded'}. `}
            {`From the data: ${plural(year.international.programs, 'international program')}, ${money(year.international.obligatedCents)}, ${plural(year.international.countries, 'country', 'countries')} named.`}
          </li>
        ))}
      </ul>
      <h3>The reasons</h3>
      <ul class="usa-list">
        <li>
          <strong>Domestic programs.</strong> Published counts of programs abroad are international; the listing also holds U.S. programs,
          which ctip reports apart as domestic
          {first
            ? ` (FY${first.fiscalYear}: ${plural(first.domestic.programs, 'domestic program')}, ${money(first.domestic.obligatedCents)})`
            : ''}
          .
        </li>
        <li>
          <strong>Unknown amounts.</strong> Amounts the source gives as “Not Listed”, as prose or with misplaced digit groups are stored as
          not known, never guessed
          {first ? ` (${plural(first.unknownAmountPrograms, 'program')} in FY${first.fiscalYear})` : ''}; totals are sums of known amounts
          only.
        </li>
        <li>
          <strong>Countries.</strong> ctip counts countries <em>named</em> as places of programs. Regional and global programs
          {first ? ` (${count(first.regionalPrograms)} in FY${first.fiscalYear})` : ''} are attached to their region, not expanded into
          member countries, so the count is lower than a published count that includes countries reached by regional programs.
        </li>
        <li>
          <strong>Duplicates and rejects.</strong> Exact duplicate rows are merged (their amount counted once); rows marked as grants
          without a recipient are rejected, and the import report lists every one by line.
        </li>
        <li>
          <strong>Source.</strong> The listing was compiled by researchers from State Department project fact sheets; the published totals
          were compiled by hand at the time, possibly from other versions of those sheets and with different treatment of multi-year and
          multi-donor projects.
        </li>
        <li>
          <strong>Funding agency.</strong> The listing does not say which agency funded each row; the import records the agency given when
          importing (by default the State TIP Office) as provenance. Domestic rows are likely Justice grants.
        </li>
      </ul>
    </>
  );
}
