import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { countries } from './reference.ts';

/** Implementing partners: NGOs, international organizations, governments, universities… */
export const organizations = pgTable(
  'organizations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** IATI OrganisationType code (10 government, 21 international NGO, 40 multilateral…). */
    typeCode: text('type_code'),
    faithBased: boolean('faith_based').notNull().default(false),
    /** False for organizations an import created from a name no reviewed alias matched. */
    reviewed: boolean('reviewed').notNull().default(true),
    countryCode: text('country_code').references(() => countries.code),
    parentId: integer('parent_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('organizations_name_idx').on(table.name)],
);

/** Spellings that resolve to one organization; reviewed data, not guesses. */
export const organizationAliases = pgTable('organization_aliases', {
  normalizedName: text('normalized_name').primaryKey(),
  name: text('name').notNull(),
  organizationId: integer('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  source: text('source').notNull().default('reviewed'),
});

/** Names an import met and could not resolve with confidence, waiting for a person to map them. */
export const unresolvedNames = pgTable(
  'unresolved_names',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** 'organization' or 'place'. */
    kind: text('kind').notNull(),
    normalizedName: text('normalized_name').notNull(),
    name: text('name').notNull(),
    source: text('source').notNull(),
    occurrences: integer('occurrences').notNull().default(1),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('unresolved_names_kind_name_idx').on(table.kind, table.normalizedName)],
);

/** Identifiers of an organization in other registries: IATI org ref, UEI, DUNS… */
export const organizationIdentifiers = pgTable(
  'organization_identifiers',
  {
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** iati | uei | duns | … */
    scheme: text('scheme').notNull(),
    value: text('value').notNull(),
  },
  (table) => [uniqueIndex('organization_identifiers_scheme_value_idx').on(table.scheme, table.value)],
);
