import type { ProgramSummary } from './program.schemas.ts';
import { money } from '../ui/format.ts';
import { segment } from '../ui/urls.ts';
import { ScrollTable } from '../ui/components/table.tsx';

/** How a results table lets people sort: the current sort and the link for another. */
export type SortControl = { current: string; hrefFor: (sort: string) => string };

type Column = { key?: 'title' | 'fiscalYear' | 'obligated'; label: string; numeric?: boolean };

// Money comes right after the title, so it is on screen without scrolling sideways.
const columns: Column[] = [
  { key: 'title', label: 'Title' },
  { key: 'obligated', label: 'Obligated', numeric: true },
  { key: 'fiscalYear', label: 'Fiscal years' },
  { label: 'Funding agency' },
  { label: 'Places' },
];

function SortableHeader(props: { column: Column; sort?: SortControl }) {
  const { column, sort } = props;
  const className = column.numeric ? 'ctip-number' : undefined;
  if (!column.key || !sort)
    return (
      <th scope="col" class={className}>
        {column.label}
      </th>
    );
  const active = sort.current.replace(/^-/, '') === column.key;
  const descending = sort.current.startsWith('-');
  // Money and years read best largest first; titles A to Z.
  const next = active ? (descending ? column.key : `-${column.key}`) : column.key === 'title' ? 'title' : `-${column.key}`;
  const nextWords = next.startsWith('-')
    ? column.key === 'title'
      ? 'Z to A'
      : 'largest first'
    : column.key === 'title'
      ? 'A to Z'
      : 'smallest first';
  return (
    <th scope="col" class={className} aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
      <a href={sort.hrefFor(next)}>
        {column.label}
        <span class="usa-sr-only">{`, sort ${nextWords}`}</span>
        {active ? <span aria-hidden="true">{descending ? ' ▼' : ' ▲'}</span> : null}
      </a>
    </th>
  );
}

function yearsText(years: number[]): string {
  if (years.length === 0) return 'None recorded';
  const sorted = [...years].sort((left, right) => left - right);
  return sorted.length > 3 ? `FY${sorted[0]}–FY${sorted.at(-1)} (${sorted.length} years)` : sorted.map((year) => `FY${year}`).join(', ');
}

function Obligated(props: { program: ProgramSummary }) {
  const { program } = props;
  return (
    <>
      {BigInt(program.obligatedCents) === 0n && program.hasUnknownAmount ? 'Not known' : money(program.obligatedCents)}
      {program.hasUnknownAmount && BigInt(program.obligatedCents) > 0n ? (
        <span class="ctip-figure-note">plus an amount not known</span>
      ) : null}
    </>
  );
}

/** On phones, one card per program with its amount beside the title: no table to scroll sideways. */
function ProgramCards(props: { items: ProgramSummary[]; caption: string }) {
  return (
    <ul class="ctip-program-cards" aria-label={props.caption}>
      {props.items.map((program) => (
        <li key={program.id}>
          <a class="ctip-program-card-title" href={`/programs/${segment(program.id)}`}>
            {program.title}
          </a>
          <dl>
            <dt>Obligated</dt>
            <dd class="ctip-program-card-amount">
              <Obligated program={program} />
            </dd>
            <dt>Fiscal years</dt>
            <dd>{yearsText(program.fiscalYears)}</dd>
            <dt>Funding agency</dt>
            <dd>{program.fundingAgencyName}</dd>
            <dt>Places</dt>
            <dd>{program.places.length ? program.places.join(', ') : 'Not specified'}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/**
 * Programs: title linked to the record, known obligations, years, agency and places. A table on
 * wide screens and a list of cards on phones (the stylesheet shows one of them).
 */
export function ProgramTable(props: { items: ProgramSummary[]; caption: string; sort?: SortControl }) {
  return (
    <>
      <div class="ctip-program-table-wide">
        <ProgramWideTable {...props} />
      </div>
      <ProgramCards items={props.items} caption={props.caption} />
    </>
  );
}

function ProgramWideTable(props: { items: ProgramSummary[]; caption: string; sort?: SortControl }) {
  return (
    <ScrollTable label={props.caption}>
      <table class="usa-table usa-table--borderless ctip-program-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <SortableHeader key={column.label} column={column} sort={props.sort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {props.items.map((program) => (
            <tr key={program.id}>
              <th scope="row">
                <a href={`/programs/${segment(program.id)}`}>{program.title}</a>
              </th>
              <td class="ctip-number">
                <Obligated program={program} />
              </td>
              <td>{yearsText(program.fiscalYears)}</td>
              <td>{program.fundingAgencyName}</td>
              <td>{program.places.length ? program.places.join(', ') : 'Not specified'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
