import type { Executor } from '../db/database.ts';
import { countries, placeAliases, regions } from '../db/schema/reference.ts';
import { normalizeName } from '../shared/names.ts';
import { stateBureauSpellings } from './place-aliases.data.ts';

/** What a place name resolves to: one country or one region, never both. */
export type PlaceMatch = { countryCode: string } | { regionCode: string };

/**
 * How to read names whose meaning depends on the source. 'state-bureaus': the source is organized
 * by State Department regional bureaus (the State TIP grant listing), so "Africa" is the Africa
 * bureau, not M49's Africa.
 */
export type PlaceScheme = 'm49' | 'state-bureaus';

export type PlaceResolver = {
  /** The country or region a name, alias or code stands for; undefined when none does. */
  resolve(name: string, options?: { scheme?: PlaceScheme }): PlaceMatch | undefined;
  /** The alpha-3 code when the name stands for a country. */
  resolveCountryCode(name: string): string | undefined;
  /** The region code when the name stands for a region. */
  resolveRegionCode(name: string, options?: { scheme?: PlaceScheme }): string | undefined;
  /**
   * The alpha-3 code when the text is a country's name, official name or reviewed alias, never a
   * code: for reading place names inside free text, where "in", "us" or "are" are words.
   */
  resolveCountryName(name: string): string | undefined;
};

/** The rows a resolver needs; what createPlaceResolver loads from the database. */
export type PlaceResolverRows = {
  countries: {
    code: string;
    alpha2: string | null;
    numericCode: string | null;
    name: string;
    officialName: string | null;
    historical: boolean;
  }[];
  regions: { code: string; name: string }[];
  aliases: { normalizedName: string; countryCode: string | null; regionCode: string | null }[];
};

// Words sources put around a place name. "The" never changes which place is meant; "Region" may
// ("Iraq Region" is not Iraq), so a name found only without it must be a region.
const article = /^the /;
const regionSuffix = / (region|regional)$/;

/**
 * Loads countries, regions and aliases once and returns a resolver that matches names in memory,
 * so an import of thousands of rows costs three queries.
 */
export async function createPlaceResolver(options: { db: Executor }): Promise<PlaceResolver> {
  const { db } = options;
  // Sequential: inside a transaction the three queries share one connection.
  const countryRows = await db.select().from(countries);
  const regionRows = await db.select({ code: regions.code, name: regions.name }).from(regions);
  const aliasRows = await db.select().from(placeAliases);
  return buildPlaceResolver({ countries: countryRows, regions: regionRows, aliases: aliasRows });
}

/**
 * Builds a resolver from rows. Matching is by normalizeName, tried in order of trust: reviewed
 * aliases, country names, official names, region names, then codes (ISO alpha-3, alpha-2, M49
 * numeric, region code). Withdrawn alpha-2 and numeric codes were reused by ISO, so historical
 * countries match only by name and alpha-3.
 */
export function buildPlaceResolver(rows: PlaceResolverRows): PlaceResolver {
  const layers = buildLayers(rows);
  const bureauSpellings = new Map(Object.entries(stateBureauSpellings).map(([name, regionCode]) => [normalizeName(name), regionCode]));

  const lookUp = (key: string, scheme: PlaceScheme): PlaceMatch | undefined => {
    const bureau = scheme === 'state-bureaus' ? bureauSpellings.get(key) : undefined;
    if (bureau) return { regionCode: bureau };
    for (const map of layers) {
      const match = map.get(key);
      // A copy, so that a caller changing its result cannot change later answers.
      if (match) return { ...match };
    }
    return undefined;
  };

  const resolve = (name: string, options?: { scheme?: PlaceScheme }): PlaceMatch | undefined => {
    const scheme = options?.scheme ?? 'm49';
    const key = normalizeName(name);
    if (!key) return undefined;
    const exact = lookUp(key, scheme);
    if (exact) return exact;
    // Only when the exact form is unknown: "The Gambia", "The Caribbean", "Caribbean Region".
    const withoutArticle = key.replace(article, '');
    const plain = withoutArticle !== key ? lookUp(withoutArticle, scheme) : undefined;
    if (plain) return plain;
    const withoutSuffix = withoutArticle.replace(regionSuffix, '');
    const region = withoutSuffix !== withoutArticle && withoutSuffix ? lookUp(withoutSuffix, scheme) : undefined;
    return region && 'regionCode' in region ? region : undefined;
  };

  const nameLayers = layers.slice(0, 3);
  const resolveCountryName = (name: string): string | undefined => {
    const key = normalizeName(name);
    for (const candidate of [key, key.replace(article, '')]) {
      if (!candidate) continue;
      for (const map of nameLayers) {
        const match = map.get(candidate);
        if (match && 'countryCode' in match) return match.countryCode;
      }
    }
    return undefined;
  };

  return {
    resolve,
    resolveCountryName,
    resolveCountryCode: (name) => {
      const match = resolve(name);
      return match && 'countryCode' in match ? match.countryCode : undefined;
    },
    resolveRegionCode: (name, options) => {
      const match = resolve(name, options);
      return match && 'regionCode' in match ? match.regionCode : undefined;
    },
  };
}

/** One lookup map per level of trust, most trusted first. */
function buildLayers(rows: PlaceResolverRows): Map<string, PlaceMatch>[] {
  const layer = (entries: [string | null, PlaceMatch][]) => {
    const map = new Map<string, PlaceMatch>();
    for (const [name, match] of entries) {
      const key = name ? normalizeName(name) : '';
      // First one wins: rows come current before historical, so "Serbia" is never shadowed.
      if (key && !map.has(key)) map.set(key, match);
    }
    return map;
  };
  const ordered = [...rows.countries].sort((a, b) => Number(a.historical) - Number(b.historical) || a.code.localeCompare(b.code));
  const current = ordered.filter((country) => !country.historical);
  return [
    layer(
      rows.aliases.map((alias) => [
        alias.normalizedName,
        alias.countryCode ? { countryCode: alias.countryCode } : { regionCode: alias.regionCode! },
      ]),
    ),
    layer(ordered.map((country) => [country.name, { countryCode: country.code }])),
    layer(ordered.map((country) => [country.officialName, { countryCode: country.code }])),
    layer(rows.regions.map((region) => [region.name, { regionCode: region.code }])),
    layer([
      ...ordered.map((country): [string, PlaceMatch] => [country.code, { countryCode: country.code }]),
      ...current.map((country): [string | null, PlaceMatch] => [country.alpha2, { countryCode: country.code }]),
      ...current.map((country): [string | null, PlaceMatch] => [country.numericCode, { countryCode: country.code }]),
      ...rows.regions.map((region): [string, PlaceMatch] => [region.code, { regionCode: region.code }]),
    ]),
  ];
}
