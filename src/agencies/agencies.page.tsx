import type { Agency } from '../reference/reference.schemas.ts';
import type { BreakdownRow } from '../stats/stats.schemas.ts';
import { Layout } from '../ui/layout.tsx';
import { money, plural } from '../ui/format.ts';
import { segment } from '../ui/urls.ts';

function Branch(props: { agency: Agency; all: Agency[]; totals: Map<string, BreakdownRow> }) {
  const { agency, all, totals } = props;
  const children = all.filter((candidate) => candidate.parentId === agency.id);
  const direct = totals.get(agency.id);
  return (
    <li>
      <a href={`/agencies/${segment(agency.id)}`}>{agency.name}</a>
      {agency.abbreviation ? ` (${agency.abbreviation})` : ''}
      {direct ? `: funds directly ${plural(direct.programs, 'program')}, ${money(direct.obligatedCents)}` : ''}
      {children.length ? (
        <ul>
          {children.map((child) => (
            <Branch key={child.id} agency={child} all={all} totals={totals} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Departments with their bureaus and offices, and what each funds directly. */
export function AgenciesPage(props: { agencies: Agency[]; totals: BreakdownRow[] }) {
  const totals = new Map(props.totals.map((row) => [row.key, row]));
  const roots = props.agencies.filter((agency) => !agency.parentId);
  return (
    <Layout title="Agencies" current="/agencies" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>Agencies</h1>
      <p>
        Departments and independent agencies, with their bureaus and offices. The amounts are what each funds directly, all fiscal years; an
        agency’s page adds the programs of its bureaus and offices.
      </p>
      <ul class="ctip-tree">
        {roots.map((agency) => (
          <Branch key={agency.id} agency={agency} all={props.agencies} totals={totals} />
        ))}
      </ul>
    </Layout>
  );
}
