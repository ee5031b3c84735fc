import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import {
  agencies,
  bodyMemberships,
  coordinationBodies,
  countries,
  placeAliases,
  regionCountries,
  regions,
  vocabularyTerms,
} from '../db/schema/reference.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import type { Agency, CoordinationBody, Country, CountryDetail, Region, VocabularyTerm } from './reference.schemas.ts';
import { vocabularyNames, type VocabularyName } from './vocabularies.data.ts';

type Role = 'chair' | 'member';

/** Every agency with its parent's name and the coordinating bodies it sits on, ordered by id. */
export async function listAgencies(options: { db: Executor }): Promise<Agency[]> {
  const { db } = options;
  const [agencyRows, membershipRows] = await Promise.all([
    db.select().from(agencies).orderBy(asc(agencies.id)),
    db
      .select({
        agencyId: bodyMemberships.agencyId,
        bodyId: bodyMemberships.bodyId,
        bodyName: coordinationBodies.name,
        role: bodyMemberships.role,
      })
      .from(bodyMemberships)
      .innerJoin(coordinationBodies, eq(coordinationBodies.id, bodyMemberships.bodyId))
      .orderBy(asc(bodyMemberships.bodyId)),
  ]);
  const names = new Map(agencyRows.map((agency) => [agency.id, agency.name]));
  return agencyRows.map((agency) => ({
    ...agency,
    parentName: agency.parentId ? (names.get(agency.parentId) ?? null) : null,
    memberships: membershipRows
      .filter((membership) => membership.agencyId === agency.id)
      .map(({ bodyId, bodyName, role }) => ({ bodyId, bodyName, role: role as Role })),
  }));
}

/** The coordinating bodies with their chair and members (chair first, then by agency id). */
export async function listCoordinationBodies(options: { db: Executor }): Promise<CoordinationBody[]> {
  const { db } = options;
  const [bodyRows, memberRows] = await Promise.all([
    db.select().from(coordinationBodies).orderBy(asc(coordinationBodies.id)),
    db
      .select({ bodyId: bodyMemberships.bodyId, agencyId: bodyMemberships.agencyId, agencyName: agencies.name, role: bodyMemberships.role })
      .from(bodyMemberships)
      .innerJoin(agencies, eq(agencies.id, bodyMemberships.agencyId))
      .orderBy(asc(bodyMemberships.agencyId)),
  ]);
  return bodyRows.map((body) => {
    const members = memberRows
      .filter((member) => member.bodyId === body.id)
      .map(({ agencyId, agencyName, role }) => ({ agencyId, agencyName, role: role as Role }));
    return { ...body, chair: members.find((member) => member.role === 'chair') ?? null, members };
  });
}

/** Countries ordered by name; historical ones (Yugoslavia…) only when asked for. */
export async function listCountries(options: { db: Executor; includeHistorical?: boolean }): Promise<Country[]> {
  const { db, includeHistorical = false } = options;
  return db
    .select()
    .from(countries)
    .where(includeHistorical ? undefined : eq(countries.historical, false))
    .orderBy(asc(countries.name));
}

/** One country by alpha-3 code (any case), with the regions it belongs to and its aliases. */
export async function getCountry(options: { db: Executor; code: string }): Promise<CountryDetail> {
  const { db } = options;
  const code = options.code.trim().toUpperCase();
  const [country] = await db.select().from(countries).where(eq(countries.code, code));
  if (!country) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `No country has the code '${options.code}'`,
      details: [{ field: 'code', message: `unknown country code '${options.code}'` }],
    });
  }
  const [regionRows, aliasRows] = await Promise.all([
    db
      .select({ code: regions.code, name: regions.name, kind: regions.kind })
      .from(regionCountries)
      .innerJoin(regions, eq(regions.code, regionCountries.regionCode))
      .where(eq(regionCountries.countryCode, code))
      .orderBy(asc(regions.code)),
    db.select({ name: placeAliases.name }).from(placeAliases).where(eq(placeAliases.countryCode, code)).orderBy(asc(placeAliases.name)),
  ]);
  return { ...country, regions: regionRows, aliases: aliasRows.map((alias) => alias.name) };
}

/** Regions (M49 and program regions) ordered by code, each with its number of current countries. */
export async function listRegions(options: { db: Executor; kind?: string }): Promise<Region[]> {
  const { db, kind } = options;
  const counts = db
    .select({ regionCode: regionCountries.regionCode, countryCount: count().as('country_count') })
    .from(regionCountries)
    .innerJoin(countries, eq(countries.code, regionCountries.countryCode))
    .where(eq(countries.historical, false))
    .groupBy(regionCountries.regionCode)
    .as('counts');
  const rows = await db
    .select({
      code: regions.code,
      name: regions.name,
      kind: regions.kind,
      parentCode: regions.parentCode,
      countryCount: counts.countryCount,
    })
    .from(regions)
    .leftJoin(counts, eq(counts.regionCode, regions.code))
    .where(kind ? eq(regions.kind, kind) : undefined)
    .orderBy(asc(regions.code));
  return rows.map((row) => ({ ...row, countryCount: Number(row.countryCount ?? 0) }));
}

/** The alpha-3 codes of a region's member countries, historical ones included. */
export async function listRegionCountryCodes(options: { db: Executor; regionCode: string }): Promise<string[]> {
  const rows = await options.db
    .select({ code: regionCountries.countryCode })
    .from(regionCountries)
    .where(eq(regionCountries.regionCode, options.regionCode))
    .orderBy(asc(regionCountries.countryCode));
  return rows.map((row) => row.code);
}

/** The terms of one vocabulary in display order; an unknown vocabulary is NOT_FOUND. */
export async function listVocabulary(options: { db: Executor; vocabulary: string }): Promise<VocabularyTerm[]> {
  const vocabulary = assertVocabularyName(options.vocabulary);
  const rows = await options.db
    .select()
    .from(vocabularyTerms)
    .where(eq(vocabularyTerms.vocabulary, vocabulary))
    .orderBy(asc(vocabularyTerms.sortOrder), asc(vocabularyTerms.code));
  return rows.map((row) => ({ ...row, vocabulary }));
}

function assertVocabularyName(name: string): VocabularyName {
  if ((vocabularyNames as readonly string[]).includes(name)) return name as VocabularyName;
  throw new AppError({
    code: 'NOT_FOUND',
    message: `No vocabulary is called '${name}'; the vocabularies are ${vocabularyNames.join(', ')}`,
    details: [{ field: 'vocabulary', message: `unknown vocabulary '${name}'` }],
  });
}

/**
 * Throws VALIDATION_FAILED naming every code that is not a term of the vocabulary; used by
 * program create/update and importers before anything is written.
 */
export async function assertKnownTerms(options: { db: Executor; vocabulary: string; codes: string[]; field?: string }): Promise<void> {
  const { db, codes, field = options.vocabulary } = options;
  const vocabulary = assertVocabularyName(options.vocabulary);
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return;
  const known = await db
    .select({ code: vocabularyTerms.code })
    .from(vocabularyTerms)
    .where(and(eq(vocabularyTerms.vocabulary, vocabulary), inArray(vocabularyTerms.code, wanted)));
  const knownCodes = new Set(known.map((row) => row.code));
  const details = wanted.filter((code) => !knownCodes.has(code)).map((code) => ({ field, message: `unknown ${vocabulary} '${code}'` }));
  throwIfAny(details);
}

/** Throws VALIDATION_FAILED naming every country and region code that does not exist. */
export async function assertKnownPlaces(options: { db: Executor; countryCodes?: string[]; regionCodes?: string[] }): Promise<void> {
  const { db } = options;
  const countryCodes = [...new Set(options.countryCodes ?? [])];
  const regionCodes = [...new Set(options.regionCodes ?? [])];
  const [knownCountries, knownRegions] = await Promise.all([
    countryCodes.length ? db.select({ code: countries.code }).from(countries).where(inArray(countries.code, countryCodes)) : [],
    regionCodes.length ? db.select({ code: regions.code }).from(regions).where(inArray(regions.code, regionCodes)) : [],
  ]);
  const countrySet = new Set(knownCountries.map((row) => row.code));
  const regionSet = new Set(knownRegions.map((row) => row.code));
  throwIfAny([
    ...countryCodes
      .filter((code) => !countrySet.has(code))
      .map((code) => ({ field: 'countryCode', message: `unknown country code '${code}'` })),
    ...regionCodes
      .filter((code) => !regionSet.has(code))
      .map((code) => ({ field: 'regionCode', message: `unknown region code '${code}'` })),
  ]);
}

function throwIfAny(details: ErrorDetail[]): void {
  if (details.length === 0) return;
  throw new AppError({
    code: 'VALIDATION_FAILED',
    message: `Unknown reference ${details.length === 1 ? 'code' : 'codes'}: ${details.map((detail) => detail.message).join('; ')}`,
    details,
  });
}
