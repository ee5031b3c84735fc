import type { ProgramFacets } from './program-facets.ts';
import type { ProgramFilters, ProgramSummary } from './program.schemas.ts';
import { ProgramTable } from './program-table.tsx';
import { Layout } from '../ui/layout.tsx';
import { count, plural } from '../ui/format.ts';
import { href } from '../ui/urls.ts';
import { SearchFilters } from './search-filters.tsx';
import { exportHref, filterValues, searchHref, withoutFilter, type FilterKey, type SearchPageQuery } from './search-query.ts';

export type SearchPageData = {
  query: SearchPageQuery;
  filters: ProgramFilters;
  facets: ProgramFacets;
  total: number;
  items: ProgramSummary[];
  nextCursor: string | null;
};

/** A label for each active filter, with the facet's name for the value where there is one. */
function activeFilters(filters: ProgramFilters, facets: ProgramFacets): { label: string; keys: FilterKey[] }[] {
  const nameOf = (facet: keyof ProgramFacets, value: string | undefined) =>
    facets[facet].find((entry) => entry.value === value)?.label ?? value;
  const active: { label: string; keys: FilterKey[] }[] = [];
  if (filters.q) active.push({ label: `Words: ${filters.q}`, keys: ['q'] });
  if (filters.fiscalYear !== undefined) active.push({ label: `Fiscal year ${filters.fiscalYear}`, keys: ['fiscalYear'] });
  if (filters.fiscalYearFrom !== undefined) active.push({ label: `From fiscal year ${filters.fiscalYearFrom}`, keys: ['fiscalYearFrom'] });
  if (filters.fiscalYearTo !== undefined) active.push({ label: `To fiscal year ${filters.fiscalYearTo}`, keys: ['fiscalYearTo'] });
  if (filters.agency) active.push({ label: `Agency: ${nameOf('agency', filters.agency)}`, keys: ['agency'] });
  if (filters.partner !== undefined) active.push({ label: `Partner: ${nameOf('partner', String(filters.partner))}`, keys: ['partner'] });
  if (filters.country) {
    const regional = filters.includeRegional ? ' (with regional programs)' : '';
    active.push({ label: `Country: ${nameOf('country', filters.country)}${regional}`, keys: ['country'] });
  }
  if (filters.region) active.push({ label: `Region: ${nameOf('region', filters.region)}`, keys: ['region'] });
  if (filters.pillar) active.push({ label: `Pillar: ${nameOf('pillar', filters.pillar)}`, keys: ['pillar'] });
  if (filters.assistanceType)
    active.push({ label: `Assistance type: ${nameOf('assistanceType', filters.assistanceType)}`, keys: ['assistanceType'] });
  if (filters.status?.length)
    active.push({ label: `Status: ${filters.status.map((status) => nameOf('status', status)).join(', ')}`, keys: ['status'] });
  return active;
}

function ActiveFilters(props: { filters: ProgramFilters; facets: ProgramFacets; sort: string; limit: number }) {
  const active = activeFilters(props.filters, props.facets);
  if (active.length === 0) return null;
  return (
    <div>
      <h2 class="usa-sr-only">Active filters</h2>
      <ul class="ctip-active-filters" aria-label="Active filters">
        {active.map((filter) => (
          <li key={filter.label}>
            {filter.label}{' '}
            <a href={searchHref(withoutFilter(props.filters, filter.keys), { sort: props.sort, limit: props.limit })}>
              Remove<span class="usa-sr-only">{` the filter ${filter.label}`}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Pagination(props: { data: SearchPageData; withLinks: boolean }) {
  const { query, filters, total, nextCursor } = props.data;
  const page = query.page ?? 1;
  const first = total === 0 ? 0 : (page - 1) * query.limit + 1;
  const last = Math.min(total, first + props.data.items.length - 1);
  const base = {
    ...filterValues(filters),
    sort: query.sort !== 'id' ? query.sort : undefined,
    limit: query.limit !== 50 ? query.limit : undefined,
  };
  return (
    <div class="ctip-pagination">
      <p>{total === 0 ? 'No program matches these filters.' : `Showing ${count(first)}–${count(last)} of ${plural(total, 'program')}`}</p>
      {props.withLinks ? (
        <nav aria-label="Pages of results" class="usa-pagination">
          <ul class="usa-pagination__list">
            {query.cursor ? (
              <li class="usa-pagination__item usa-pagination__arrow">
                <a class="usa-pagination__link usa-pagination__previous-page" href={href('/programs', base)}>
                  <span class="usa-pagination__link-text">First page</span>
                </a>
              </li>
            ) : null}
            {nextCursor ? (
              <li class="usa-pagination__item usa-pagination__arrow">
                <a
                  class="usa-pagination__link usa-pagination__next-page"
                  rel="next"
                  href={href('/programs', { ...base, cursor: nextCursor, page: page + 1 })}
                >
                  <span class="usa-pagination__link-text">Next page</span>
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

function Downloads(props: { filters: ProgramFilters; total: number }) {
  const what = plural(props.total, 'matching program');
  return (
    <section aria-labelledby="downloads" class="ctip-downloads-section">
      <h2 id="downloads">Download these results</h2>
      <ul class="ctip-downloads">
        <li>
          <a href={exportHref(props.filters, 'csv')}>{`CSV of the ${what}`}</a>
        </li>
        <li>
          <a href={exportHref(props.filters, 'json')}>{`JSON of the ${what}`}</a>
        </li>
        <li>
          <a href={exportHref(props.filters, 'xml')}>{`IATI 2.03 XML of the ${what}`}</a>
        </li>
      </ul>
    </section>
  );
}

/** The program search: filters with counts, the sortable results, pages and downloads. */
export function SearchPage(props: { data: SearchPageData; canCreate?: boolean; deletedId?: number }) {
  const { query, filters, facets, items, total } = props.data;
  const sortHref = (sort: string) => searchHref(filters, { sort, limit: query.limit });
  return (
    <Layout title="Programs" current="/programs" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>Programs</h1>
      {props.deletedId !== undefined ? (
        <div class="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{`Program ${props.deletedId} was deleted. Its history keeps what it was, who deleted it and when.`}</p>
          </div>
        </div>
      ) : null}
      {props.canCreate ? (
        <p>
          <a class="usa-button" href="/programs/new">
            New program
          </a>
        </p>
      ) : null}
      <p>Search every program by year, agency, place, partner, pillar, assistance type and status. Amounts are obligations.</p>
      <div class="ctip-search">
        <SearchFilters filters={filters} facets={facets} sort={query.sort} limit={query.limit} />
        <div>
          <h2 id="results">Results</h2>
          <ActiveFilters filters={filters} facets={facets} sort={query.sort} limit={query.limit} />
          <Pagination data={props.data} withLinks={false} />
          {items.length ? (
            <ProgramTable
              items={items}
              caption={`Programs matching the filters, page ${query.page ?? 1}`}
              sort={{ current: query.sort, hrefFor: sortHref }}
            />
          ) : null}
          {items.length ? <Pagination data={props.data} withLinks={true} /> : null}
          <Downloads filters={filters} total={total} />
        </div>
      </div>
    </Layout>
  );
}
