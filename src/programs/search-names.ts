import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { visibleProgramsSql } from '../policy/policy.ts';
import { createPlaceResolver, type PlaceResolver } from '../reference/place-resolver.ts';
import type { Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { normalizeName } from '../shared/names.ts';
import type { ProgramFacets } from './program-facets.ts';
import type { ProgramFilters } from './program.schemas.ts';

/** A partner the search page offers when a typed name matches more than one. */
export type PartnerChoice = { id: number; name: string };

/** What the page read from the names people typed, so it can say so. */
export type SearchReading = {
  /** Words of `q` that named a country and became the country filter. */
  placeFromWords?: { words: string; countryCode: string };
  /** The partner text typed, when it matched no partner or several. */
  partnerText?: string;
  partnerChoices?: PartnerChoice[];
};

type RawQuery = Record<string, unknown>;

// A place inside free text must be at least this long: "US", "UK" and "AU" are words too.
const shortestPlaceInWords = 4;
const longestPlaceName = 6; // words ("Saint Vincent and the Grenadines")
const partnerChoiceLimit = 20;

/**
 * Reads the names people use on the search page into the API's filters: a country or region
 * filter given as a name or a former name ("Burma", "Zaire", "East Timor"), a country named
 * inside the words ("Nepal shelter" → country Nepal, words "shelter"), and a partner typed as
 * text. Runs on the raw query, before it is validated, so that codes keep working unchanged.
 */
export async function readSearchNames(options: {
  db: Executor;
  raw: RawQuery;
  viewer: Viewer;
}): Promise<{ raw: RawQuery; reading: SearchReading }> {
  const raw = { ...options.raw };
  const reading: SearchReading = {};
  let resolver: PlaceResolver | undefined;
  const places = async () => (resolver ??= await createPlaceResolver({ db: options.db }));

  const country = textOf(raw.country);
  if (country && !/^[A-Za-z]{3}$/.test(country)) {
    const code = (await places()).resolveCountryCode(country);
    if (!code) {
      throw new AppError({
        code: 'VALIDATION_FAILED',
        message: `country: must be an ISO 3166-1 alpha-3 code or a country's name; no country is known as '${country}'`,
        details: [
          { field: 'country', message: `must be an ISO 3166-1 alpha-3 code or a country's name; no country is known as '${country}'` },
        ],
      });
    }
    raw.country = code;
  }
  const region = textOf(raw.region);
  if (region) raw.region = (await places()).resolveRegionCode(region) ?? region;

  const q = textOf(raw.q);
  if (q && !textOf(raw.country) && !region) {
    const found = findCountryInWords(q, await places());
    if (found) {
      raw.country = found.countryCode;
      if (found.rest) raw.q = found.rest;
      else delete raw.q;
      reading.placeFromWords = { words: found.words, countryCode: found.countryCode };
    }
  }

  const partner = textOf(raw.partner);
  if (partner && !/^\d+$/.test(partner)) {
    const choices = await findPartnersByName({ db: options.db, text: partner, viewer: options.viewer });
    if (choices.length === 1) raw.partner = String(choices[0]!.id);
    else {
      delete raw.partner;
      reading.partnerText = partner;
      reading.partnerChoices = choices;
    }
  }
  return { raw, reading };
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The longest run of words naming a country, and the words left; names only, never codes. */
export function findCountryInWords(
  q: string,
  resolver: Pick<PlaceResolver, 'resolveCountryName'>,
): { words: string; countryCode: string; rest: string } | undefined {
  const words = q.split(/\s+/).filter(Boolean);
  for (let size = Math.min(longestPlaceName, words.length); size >= 1; size -= 1) {
    for (let start = 0; start + size <= words.length; start += 1) {
      const phrase = words.slice(start, start + size).join(' ');
      if (normalizeName(phrase).replace(/ /g, '').length < shortestPlaceInWords) continue;
      const countryCode = resolver.resolveCountryName(phrase);
      if (countryCode) {
        const rest = [...words.slice(0, start), ...words.slice(start + size)].join(' ');
        return { words: phrase, countryCode, rest };
      }
    }
  }
  return undefined;
}

/**
 * Partners of programs the viewer may see whose name or a reviewed alias matches the text: an
 * exact name wins; otherwise every name containing the text, shortest first. Partners only of
 * programs the viewer may not see are never offered.
 */
export async function findPartnersByName(options: { db: Executor; text: string; viewer: Viewer }): Promise<PartnerChoice[]> {
  const normalized = normalizeName(options.text);
  if (!normalized) return [];
  const pattern = `%${normalized.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const rows = await selectRows<{ id: unknown; name: unknown; exact: unknown }>(
    options.db,
    sql`SELECT o.id, o.name,
        (lower(o.name) = lower(${options.text}) OR EXISTS (SELECT 1 FROM organization_aliases a
          WHERE a.organization_id = o.id AND a.normalized_name = ${normalized})) AS exact
      FROM organizations o
      WHERE EXISTS (SELECT 1 FROM program_partners pp JOIN programs p ON p.id = pp.program_id
          WHERE pp.organization_id = o.id AND ${visibleProgramsSql(options.viewer)})
        AND (lower(o.name) LIKE ${pattern} OR lower(regexp_replace(o.name, '[^[:alnum:]]+', ' ', 'g')) LIKE ${pattern}
          OR EXISTS (SELECT 1 FROM organization_aliases a WHERE a.organization_id = o.id AND a.normalized_name LIKE ${pattern}))
      ORDER BY exact DESC, length(o.name), o.name LIMIT ${partnerChoiceLimit}`,
  );
  const exact = rows.filter((row) => row.exact === true);
  return (exact.length === 1 ? exact : rows).map((row) => ({ id: Number(row.id), name: String(row.name) }));
}

/**
 * The facets with the chosen country and region named even when no program matches them (a
 * facet lists only values with programs), so "Programs in Myanmar" never reads "in MMR".
 */
export async function nameChosenPlaces(options: { db: Executor; filters: ProgramFilters; facets: ProgramFacets }): Promise<ProgramFacets> {
  const { db, filters } = options;
  const facets = { ...options.facets };
  const missing = (facet: 'country' | 'region', value: string | undefined) =>
    value !== undefined && !facets[facet].some((entry) => entry.value === value) ? value : undefined;
  const country = missing('country', filters.country);
  const region = missing('region', filters.region);
  if (country) {
    const [row] = await selectRows<{ name: string }>(db, sql`SELECT name FROM countries WHERE code = ${country}`);
    const name = row?.name;
    if (name) facets.country = [...facets.country, { value: country, label: name, count: 0 }];
  }
  if (region) {
    const [row] = await selectRows<{ name: string }>(db, sql`SELECT name FROM regions WHERE code = ${region}`);
    const name = row?.name;
    if (name) facets.region = [...facets.region, { value: region, label: name, count: 0 }];
  }
  return facets;
}
