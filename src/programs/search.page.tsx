import type { ProgramFacets } from './program-facets.ts';
import type { ProgramFilters, ProgramSummary } from './program.schemas.ts';
import { ProgramTable } from './program-table.tsx';
import { Layout } from '../ui/layout.tsx';
import { count, money, plural } from '../ui/format.ts';
import type { ProgramSearchTotals } from './program-search.ts';
import type { SearchReading } from './search-names.ts';
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
  totals: ProgramSearchTotals;
  /** What was read from names typed (a country in the words, a partner's name). */
  reading?: SearchReading;
};

function facetName(facets: ProgramFacets, facet: keyof ProgramFacets, value: string | undefined): string | undefined {
  return facets[facet].find((entry) => entry.value === value)?.label ?? value;
}

/** A status as the facet names it, or in words when no program has it ("under_review" → "Under review"). */
function statusName(facets: ProgramFacets, status: string): string {
  const known = facets.status.find((entry) => entry.value === status)?.label;
  return known ?? `${status.charAt(0).toUpperCase()}${status.slice(1).replace(/_/g, ' ')}`;
}

/** The years of the filters in words: "FY2004", "FY2001–FY2004", "FY2004 onward". */
function yearsOf(filters: ProgramFilters): string | undefined {
  if (filters.fiscalYear !== undefined) return `FY${filters.fiscalYear}`;
  const { fiscalYearFrom: from, fiscalYearTo: to } = filters;
  if (from !== undefined && to !== undefined) return from === to ? `FY${from}` : `FY${from}–FY${to}`;
  if (from !== undefined) return `FY${from} onward`;
  if (to !== undefined) return `up to FY${to}`;
  return undefined;
}

/**
 * The page title names the filters, so a tab, a bookmark and a shared link say what they hold:
 * "Programs in Nepal, FY2004", "Programs funded by USAID with IOM, FY2005, matching “shelter”".
 */
export function searchTitle(filters: ProgramFilters, facets: ProgramFacets): string {
  const place = filters.country ? facetName(facets, 'country', filters.country) : facetName(facets, 'region', filters.region);
  let title = 'Programs';
  if (place) title += ` in ${place}`;
  if (filters.agency) title += ` funded by ${facetName(facets, 'agency', filters.agency)}`;
  if (filters.partner !== undefined) title += ` with ${facetName(facets, 'partner', String(filters.partner))}`;
  const details = [
    yearsOf(filters),
    filters.pillar ? facetName(facets, 'pillar', filters.pillar) : undefined,
    filters.assistanceType ? facetName(facets, 'assistanceType', filters.assistanceType) : undefined,
    filters.status?.length ? filters.status.map((status) => statusName(facets, status)).join(' or ') : undefined,
    filters.q ? `matching “${filters.q}”` : undefined,
  ].filter(Boolean);
  return details.length ? `${title}, ${details.join(', ')}` : title;
}

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

/** Says how typed names were read: a country found in the words, a partner name matching several. */
function Reading(props: { reading: SearchReading | undefined; filters: ProgramFilters; facets: ProgramFacets; query: SearchPageQuery }) {
  const { reading, filters, facets, query } = props;
  if (!reading) return null;
  const options = { sort: query.sort, limit: query.limit };
  return (
    <>
      {reading.placeFromWords ? (
        <p>
          {`“${reading.placeFromWords.words}” in the words was read as the country ${facetName(facets, 'country', reading.placeFromWords.countryCode)}. `}
        </p>
      ) : null}
      {reading.partnerText !== undefined ? (
        <div class="usa-alert usa-alert--info usa-alert--slim" role="status">
          <div class="usa-alert__body">
            {reading.partnerChoices?.length ? (
              <>
                <p class="usa-alert__text">{`Several partners match “${reading.partnerText}”; the results are not filtered by partner yet. Choose one:`}</p>
                <ul class="ctip-partner-choices">
                  {reading.partnerChoices.map((choice) => (
                    <li key={choice.id}>
                      <a href={searchHref({ ...filters, partner: choice.id }, options)}>{choice.name}</a>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p class="usa-alert__text">{`No partner of a program matches “${reading.partnerText}”; the results are not filtered by partner.`}</p>
            )}
          </div>
        </div>
      ) : null}
    </>
  );
}

/** What the whole search matches: programs, known obligations, and how many amounts are not known. */
function Totals(props: { totals: ProgramSearchTotals; filters: ProgramFilters }) {
  const { totals } = props;
  if (totals.programs === 0) return null;
  const years = yearsOf(props.filters);
  const unknown =
    totals.unknownAmountPrograms > 0
      ? ` ${plural(totals.unknownAmountPrograms, 'program has', 'programs have')} an amount not known${years ? ` in ${years}` : ''}, not in this total.`
      : ' Every amount is known.';
  return (
    <p class="ctip-search-total">
      <strong>{plural(totals.programs, 'program')}</strong>
      {', '}
      <strong>{money(totals.obligatedCents)}</strong>
      {` obligated${years ? ` in ${years}` : ''} (known amounts).`}
      {unknown}
      {years ? ' Each program’s amount below is its total over all its years.' : ''}
    </p>
  );
}

function Downloads(props: { filters: ProgramFilters; total: number }) {
  const what = plural(props.total, 'matching program');
  return (
    <section aria-labelledby="downloads" class="ctip-downloads-section">
      <h3 id="downloads">Download these results</h3>
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
  const title = searchTitle(filters, facets);
  return (
    <Layout title={title} current="/programs" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>{title}</h1>
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
        <div class="ctip-search-results">
          <h2 id="results">Results</h2>
          <ActiveFilters filters={filters} facets={facets} sort={query.sort} limit={query.limit} />
          <Reading reading={props.data.reading} filters={filters} facets={facets} query={query} />
          <Totals totals={props.data.totals} filters={filters} />
          <p>
            <a href="#filters-heading">Change the filters</a>
          </p>
          {total > 0 ? <Downloads filters={filters} total={total} /> : null}
          <Pagination data={props.data} withLinks={false} />
          {items.length ? (
            <ProgramTable
              items={items}
              caption={`Programs matching the filters, page ${query.page ?? 1}`}
              sort={{ current: query.sort, hrefFor: sortHref }}
            />
          ) : null}
          {items.length ? <Pagination data={props.data} withLinks={true} /> : null}
        </div>
        <SearchFilters
          filters={filters}
          facets={facets}
          sort={query.sort}
          limit={query.limit}
          partnerText={props.data.reading?.partnerText}
        />
      </div>
    </Layout>
  );
}
