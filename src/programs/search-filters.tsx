import type { FacetValue, ProgramFacets } from './program-facets.ts';
import type { ProgramFilters } from './program.schemas.ts';
import { count } from '../ui/format.ts';

type SelectProps = {
  id: string;
  name: string;
  label: string;
  values: FacetValue[];
  selected: string | undefined;
  anyLabel: string;
  byLabel?: boolean;
};

/** Facet values for a select: sorted for finding, with the chosen value kept even when nothing else matches it. */
function optionsOf(props: SelectProps): FacetValue[] {
  const values = [...props.values];
  if (props.selected !== undefined && !values.some((value) => value.value === props.selected)) {
    values.push({ value: props.selected, label: props.selected, count: 0 });
  }
  return props.byLabel === false ? values : values.sort((left, right) => left.label.localeCompare(right.label));
}

function FacetSelect(props: SelectProps) {
  return (
    <div class="usa-form-group">
      <label class="usa-label" for={props.id}>
        {props.label}
      </label>
      <select class="usa-select" id={props.id} name={props.name}>
        <option value="">{props.anyLabel}</option>
        {optionsOf(props).map((value) => (
          <option key={value.value} value={value.value} selected={value.value === props.selected}>
            {`${value.label} (${count(value.count)})`}
          </option>
        ))}
      </select>
    </div>
  );
}

function YearRange(props: { years: FacetValue[]; filters: ProgramFilters }) {
  const from = props.filters.fiscalYear ?? props.filters.fiscalYearFrom;
  const to = props.filters.fiscalYear ?? props.filters.fiscalYearTo;
  const common = { values: props.years, anyLabel: 'Any', byLabel: false };
  return (
    <fieldset class="usa-fieldset">
      <legend class="usa-legend">Fiscal years with obligations</legend>
      <div class="ctip-year-range">
        <FacetSelect {...common} id="filter-year-from" name="fiscalYearFrom" label="From" selected={from?.toString()} />
        <FacetSelect {...common} id="filter-year-to" name="fiscalYearTo" label="To" selected={to?.toString()} />
      </div>
    </fieldset>
  );
}

function StatusBoxes(props: { values: FacetValue[]; selected: string[] }) {
  const values = [...props.values];
  for (const status of props.selected)
    if (!values.some((value) => value.value === status)) values.push({ value: status, label: status, count: 0 });
  return (
    <fieldset class="usa-fieldset">
      <legend class="usa-legend">Status</legend>
      {values.map((value) => (
        <div class="usa-checkbox" key={value.value}>
          <input
            class="usa-checkbox__input"
            id={`filter-status-${value.value}`}
            type="checkbox"
            name="status"
            value={value.value}
            checked={props.selected.includes(value.value)}
          />
          <label class="usa-checkbox__label" for={`filter-status-${value.value}`}>{`${value.label} (${count(value.count)})`}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The chosen partner's name (the facet lists the chosen one first), for the text field. */
function partnerName(facets: ProgramFacets, partner: number | undefined): string | undefined {
  if (partner === undefined) return undefined;
  return facets.partner.find((value) => value.value === String(partner))?.label ?? String(partner);
}

/**
 * The search form: a GET form, so every search is an address that can be bookmarked and works
 * without JavaScript. Each choice shows how many programs it would return with the other filters.
 */
export function SearchFilters(props: {
  filters: ProgramFilters;
  facets: ProgramFacets;
  sort: string;
  limit: number;
  partnerText?: string;
}) {
  const { filters, facets } = props;
  return (
    <form class="usa-form ctip-filters" action="/programs" method="get" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filter programs</h2>
      <label class="usa-label" for="filter-q">
        Words in the title or description
      </label>
      <div class="usa-hint" id="filter-q-hint">
        A country’s name among the words, current or former (“Burma shelter”), becomes the country filter
      </div>
      <input class="usa-input" id="filter-q" type="search" name="q" aria-describedby="filter-q-hint" value={filters.q ?? ''} />
      <YearRange years={facets.fiscalYear} filters={filters} />
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">Who funds it</legend>
        <FacetSelect
          id="filter-agency"
          name="agency"
          label="Funding agency (with its bureaus and offices)"
          values={facets.agency}
          selected={filters.agency}
          anyLabel="Any agency"
        />
        <div class="usa-form-group">
          <label class="usa-label" for="filter-partner">
            Implementing partner
          </label>
          <div class="usa-hint" id="filter-partner-hint">
            A name or part of one, such as “World Education” or “IOM”
          </div>
          <input
            class="usa-input"
            id="filter-partner"
            type="text"
            name="partner"
            aria-describedby="filter-partner-hint"
            value={props.partnerText ?? partnerName(facets, filters.partner) ?? ''}
          />
        </div>
      </fieldset>
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">Where</legend>
        <FacetSelect
          id="filter-country"
          name="country"
          label="Country"
          values={facets.country}
          selected={filters.country}
          anyLabel="Any country"
        />
        <div class="usa-checkbox">
          <input
            class="usa-checkbox__input"
            id="filter-include-regional"
            type="checkbox"
            name="includeRegional"
            value="true"
            checked={filters.includeRegional === true}
          />
          <label class="usa-checkbox__label" for="filter-include-regional">
            Also regional programs that cover the country
          </label>
        </div>
        <FacetSelect
          id="filter-region"
          name="region"
          label="Region (its countries and regional programs)"
          values={facets.region}
          selected={filters.region}
          anyLabel="Any region"
        />
      </fieldset>
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">What it does</legend>
        <FacetSelect
          id="filter-pillar"
          name="pillar"
          label="Pillar"
          values={facets.pillar}
          selected={filters.pillar}
          anyLabel="Any pillar"
        />
        <FacetSelect
          id="filter-assistance-type"
          name="assistanceType"
          label="Assistance type"
          values={facets.assistanceType}
          selected={filters.assistanceType}
          anyLabel="Any assistance type"
        />
      </fieldset>
      <StatusBoxes values={facets.status} selected={filters.status ?? []} />
      {props.sort !== 'id' ? <input type="hidden" name="sort" value={props.sort} /> : null}
      {props.limit !== 50 ? <input type="hidden" name="limit" value={String(props.limit)} /> : null}
      <button class="usa-button" type="submit">
        Apply filters
      </button>
      <p>
        <a href="/programs">Clear all filters</a>
      </p>
    </form>
  );
}
