import { boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Departments, bureaus and offices; `parentId` makes the hierarchy (department → bureau → office). */
export const agencies = pgTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  abbreviation: text('abbreviation'),
  kind: text('kind').notNull(),
  parentId: text('parent_id').references((): any => agencies.id),
  description: text('description'),
});

/** Coordinating bodies such as the cabinet-level Interagency Task Force and its SPOG. */
export const coordinationBodies = pgTable('coordination_bodies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  abbreviation: text('abbreviation'),
  parentBodyId: text('parent_body_id').references((): any => coordinationBodies.id),
  description: text('description'),
});

export const bodyMemberships = pgTable(
  'body_memberships',
  {
    bodyId: text('body_id')
      .notNull()
      .references(() => coordinationBodies.id),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    role: text('role').notNull(),
  },
  (table) => [primaryKey({ columns: [table.bodyId, table.agencyId] })],
);

/** ISO 3166-1 countries and territories, keyed by alpha-3. */
export const countries = pgTable('countries', {
  code: text('code').primaryKey(),
  alpha2: text('alpha2'),
  numericCode: text('numeric_code'),
  name: text('name').notNull(),
  officialName: text('official_name'),
  regionCode: text('region_code').references(() => regions.code),
  historical: boolean('historical').notNull().default(false),
});

/**
 * Regions: UN M49 areas (code '002', '419'…) and program regions named in sources that M49
 * does not have (code 'ctip-…', such as the Mekong region or SADC).
 */
export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  parentCode: text('parent_code'),
});

/** Which countries a region covers (materialized for every region, M49 or not). */
export const regionCountries = pgTable(
  'region_countries',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    countryCode: text('country_code')
      .notNull()
      .references(() => countries.code),
  },
  (table) => [primaryKey({ columns: [table.regionCode, table.countryCode] }), index('region_countries_country_idx').on(table.countryCode)],
);

/** Other names of countries and regions, including historical ones (Zaire, East Timor, Yugoslavia). */
export const placeAliases = pgTable('place_aliases', {
  normalizedName: text('normalized_name').primaryKey(),
  name: text('name').notNull(),
  countryCode: text('country_code').references(() => countries.code),
  regionCode: text('region_code').references(() => regions.code),
  note: text('note'),
});

/** A closed vocabulary (assistance types, pillars, forms of trafficking, target groups). */
export const vocabularyTerms = pgTable(
  'vocabulary_terms',
  {
    vocabulary: text('vocabulary').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** For assistance types: the pillar it serves by default. */
    pillar: text('pillar'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.vocabulary, table.code] })],
);
