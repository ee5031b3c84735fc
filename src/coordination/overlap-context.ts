import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import type { ProgramInput } from '../programs/program.schemas.ts';
import { fiscalYearOf } from '../shared/money.ts';
import { similarOrganizationThreshold, type PartnerRelation } from './overlap-weights.ts';

type Row = Record<string, unknown>;

/** An organization that counts as one of the draft's partners, and why. */
export type RelatedOrganization = { id: number; name: string; relation: PartnerRelation; draftPartner: string };

export type AgencyInfo = { id: string; label: string; lineage: string[] };

/** Everything about a draft the candidate search and the scoring need, looked up once. */
export type DraftContext = {
  draft: ProgramInput;
  organizations: Map<number, RelatedOrganization>;
  countries: string[];
  regions: string[];
  /** Regions that contain one of the draft's countries → those countries. */
  coveringRegions: Map<string, string[]>;
  /** Countries inside one of the draft's regions → that region. */
  memberCountries: Map<string, string>;
  placeNames: Map<string, string>;
  years: number[];
  /** Fiscal years that count as the same period, widened by one on each side for candidates. */
  yearWindow: { from: number; to: number } | undefined;
  /** Known amounts in cents, exact (compared for equality). */
  amounts: bigint[];
  terms: string[];
  termNames: Map<string, string>;
  agencies: Map<string, AgencyInfo>;
};

/** The fiscal years a start and end date span (at most 30; the start year alone without an end). */
export function fiscalYearsOfDates(startDate: string | null | undefined, endDate: string | null | undefined): number[] {
  if (!startDate) return [];
  const first = fiscalYearOf(new Date(`${startDate}T00:00:00Z`));
  const last = endDate ? fiscalYearOf(new Date(`${endDate}T00:00:00Z`)) : first;
  const years: number[] = [];
  for (let year = first; year <= Math.min(last, first + 29); year += 1) years.push(year);
  return years;
}

/** Fiscal years of the draft: its obligations, and those its start and end dates span. */
export function draftFiscalYears(draft: ProgramInput): number[] {
  const years = new Set([
    ...draft.obligations.map((obligation) => obligation.fiscalYear),
    ...fiscalYearsOfDates(draft.startDate, draft.endDate),
  ]);
  return [...years].sort((left, right) => left - right);
}

/** "Labor/ILAB", "State/TIP Office", "USAID": short enough for a reason, clear enough for a reader. */
export function agencyLabels(rows: Row[]): Map<string, AgencyInfo> {
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  const shortName = (row: Row) => {
    const rest = /^Department of (?:the )?(\S+)$/.exec(String(row.name))?.[1];
    return rest ?? String(row.abbreviation ?? row.name);
  };
  const agencies = new Map<string, AgencyInfo>();
  for (const row of rows) {
    const lineage = [String(row.id)];
    for (let parent = row.parent_id; parent && byId.has(String(parent)); parent = byId.get(String(parent))!.parent_id)
      lineage.unshift(String(parent));
    const root = byId.get(lineage[0]!)!;
    const label = lineage.length === 1 ? shortName(root) : `${shortName(root)}/${String(row.abbreviation ?? row.name)}`;
    agencies.set(String(row.id), { id: String(row.id), label, lineage });
  }
  return agencies;
}

/**
 * The draft's partners and the organizations that count as them: parent, children, siblings
 * (same parent), and unreviewed organizations an import created under a name like one of the
 * partner's reviewed spellings (organization_aliases).
 */
async function relatedOrganizations(db: Executor, draft: ProgramInput): Promise<Map<number, RelatedOrganization>> {
  const ids = [...new Set(draft.partners.map((partner) => partner.organizationId))];
  const related = new Map<number, RelatedOrganization>();
  if (ids.length === 0) return related;
  const idArray = sql`${`{${ids.join(',')}}`}::int[]`;
  const own = await selectRows(db, sql`SELECT id, name, parent_id FROM organizations WHERE id = ANY(${idArray})`);
  const nameOf = new Map(own.map((row) => [Number(row.id), String(row.name)]));
  for (const row of own)
    related.set(Number(row.id), { id: Number(row.id), name: String(row.name), relation: 'same', draftPartner: String(row.name) });
  const family = await selectRows(
    db,
    sql`SELECT o.id, o.name, o.parent_id, d.id AS draft_id, d.parent_id AS draft_parent FROM organizations o
        JOIN organizations d ON d.id = ANY(${idArray})
          AND (o.id = d.parent_id OR o.parent_id = d.id OR (d.parent_id IS NOT NULL AND o.parent_id = d.parent_id))
        WHERE o.id <> d.id`,
  );
  for (const row of family) {
    if (related.has(Number(row.id))) continue;
    const relation: PartnerRelation =
      Number(row.id) === Number(row.draft_parent) ? 'parent' : Number(row.parent_id) === Number(row.draft_id) ? 'child' : 'sibling';
    related.set(Number(row.id), {
      id: Number(row.id),
      name: String(row.name),
      relation,
      draftPartner: nameOf.get(Number(row.draft_id)) ?? '',
    });
  }
  const similar = await selectRows(
    db,
    sql`SELECT DISTINCT ON (o.id) o.id, o.name, a.organization_id AS draft_id FROM organization_aliases a
        JOIN organizations o ON o.name % a.name AND NOT o.reviewed AND o.id <> a.organization_id
        WHERE a.organization_id = ANY(${idArray}) AND similarity(o.name, a.name) >= ${similarOrganizationThreshold}
        ORDER BY o.id, similarity(o.name, a.name) DESC`,
  );
  for (const row of similar) {
    if (related.has(Number(row.id))) continue;
    related.set(Number(row.id), {
      id: Number(row.id),
      name: String(row.name),
      relation: 'similar-name',
      draftPartner: nameOf.get(Number(row.draft_id)) ?? '',
    });
  }
  return related;
}

async function placeContext(db: Executor, countries: string[], regions: string[]) {
  const coveringRegions = new Map<string, string[]>();
  const memberCountries = new Map<string, string>();
  const links =
    countries.length || regions.length
      ? await selectRows(
          db,
          sql`SELECT region_code, country_code FROM region_countries
            WHERE country_code = ANY(${`{${countries.join(',')}}`}::text[]) OR region_code = ANY(${`{${regions.join(',')}}`}::text[])`,
        )
      : [];
  for (const link of links) {
    const region = String(link.region_code);
    const country = String(link.country_code);
    if (countries.includes(country)) coveringRegions.set(region, [...(coveringRegions.get(region) ?? []), country]);
    if (regions.includes(region) && !memberCountries.has(country)) memberCountries.set(country, region);
  }
  const countryCodes = [...new Set([...countries, ...memberCountries.keys()])];
  const regionCodes = [...new Set([...regions, ...coveringRegions.keys()])];
  const names = await selectRows(
    db,
    sql`SELECT 'c:' || code AS key, name FROM countries WHERE code = ANY(${`{${countryCodes.join(',')}}`}::text[])
        UNION ALL SELECT 'r:' || code, name FROM regions WHERE code = ANY(${`{${regionCodes.join(',')}}`}::text[])`,
  );
  return { coveringRegions, memberCountries, placeNames: new Map(names.map((row) => [String(row.key), String(row.name)])) };
}

/** Looks up what the scoring needs about a draft in a fixed number of queries. */
export async function buildDraftContext(db: Executor, draft: ProgramInput): Promise<DraftContext> {
  const countries = [...new Set(draft.places.flatMap((place) => (place.countryCode ? [place.countryCode] : [])))];
  const regions = [...new Set(draft.places.flatMap((place) => (place.regionCode ? [place.regionCode] : [])))];
  const organizations = await relatedOrganizations(db, draft);
  const places = await placeContext(db, countries, regions);
  const agencies = agencyLabels(await selectRows(db, sql`SELECT id, name, abbreviation, parent_id FROM agencies`));
  const terms = [
    ...new Set([...draft.assistanceTypes.map((code) => `assistance-type:${code}`), ...draft.pillars.map((code) => `pillar:${code}`)]),
  ];
  const termRows = await selectRows(
    db,
    sql`SELECT vocabulary || ':' || code AS key, name FROM vocabulary_terms WHERE vocabulary IN ('assistance-type', 'pillar')`,
  );
  const years = draftFiscalYears(draft);
  return {
    draft,
    organizations,
    countries,
    regions,
    ...places,
    years,
    yearWindow: years.length ? { from: years[0]! - 1, to: years.at(-1)! + 1 } : undefined,
    amounts: draft.obligations.flatMap((obligation) =>
      obligation.amountCents !== null && BigInt(obligation.amountCents) > 0n ? [BigInt(obligation.amountCents)] : [],
    ),
    terms,
    termNames: new Map(termRows.map((row) => [String(row.key), String(row.name)])),
    agencies,
  };
}
