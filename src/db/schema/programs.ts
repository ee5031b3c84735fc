import { sql } from 'drizzle-orm';
import { bigint, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { agencies, countries, regions } from './reference.ts';

/** PostgreSQL's full-text document type, read as its text form. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A program or award: the unit every agency records and everyone reads. */
export const programs = pgTable(
  'programs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    description: text('description'),
    fundingAgencyId: text('funding_agency_id')
      .notNull()
      .references(() => agencies.id),
    /** proposed | under_review | active | completed | cancelled */
    status: text('status').notNull(),
    /** public | restricted */
    visibility: text('visibility').notNull().default('public'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    targetGroups: text('target_groups').array().notNull().default([]),
    /** Where the record came from: 'manual', 'tip-grants', 'iati'… */
    source: text('source').notNull().default('manual'),
    /** Stable key of the source record within its source, used to upsert re-imports. */
    sourceKey: text('source_key'),
    /** The source record as read (raw fields and line numbers), kept for provenance. */
    sourceRecord: jsonb('source_record'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The title and description as a full-text document, kept by PostgreSQL on every insert and
     * update: the overlap check ranks thousands of candidates with ts_rank and would otherwise
     * parse each text again (half its time at 100,000 programs).
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('english', title || ' ' || coalesce(description, ''))`),
  },
  (table) => [
    uniqueIndex('programs_source_key_idx').on(table.source, table.sourceKey),
    index('programs_funding_agency_idx').on(table.fundingAgencyId),
    index('programs_status_idx').on(table.status),
  ],
);

export const programPartners = pgTable(
  'program_partners',
  {
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** prime | sub */
    role: text('role').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.programId, table.organizationId, table.role] }),
    index('program_partners_organization_idx').on(table.organizationId),
  ],
);

/**
 * The places a program benefits: a country or a region, never both in one row.
 * `sharePercent` (0–100, may be null when unknown) allocates the program's money to the place.
 */
export const programPlaces = pgTable(
  'program_places',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    countryCode: text('country_code').references(() => countries.code),
    regionCode: text('region_code').references(() => regions.code),
    sharePercent: integer('share_percent'),
  },
  (table) => [
    index('program_places_program_idx').on(table.programId),
    index('program_places_country_idx').on(table.countryCode),
    index('program_places_region_idx').on(table.regionCode),
  ],
);

/** Money committed per fiscal year, in integer cents. A null amount means the source did not say. */
export const programObligations = pgTable(
  'program_obligations',
  {
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    fiscalYear: integer('fiscal_year').notNull(),
    amountCents: bigint('amount_cents', { mode: 'bigint' }),
    /** Why the amount is unknown, or what the source said, when it is not a plain figure. */
    amountNote: text('amount_note'),
  },
  (table) => [
    primaryKey({ columns: [table.programId, table.fiscalYear] }),
    index('program_obligations_fiscal_year_idx').on(table.fiscalYear),
  ],
);

/** Tags from the closed vocabularies: assistance type, pillar, form of trafficking. */
export const programTerms = pgTable(
  'program_terms',
  {
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    vocabulary: text('vocabulary').notNull(),
    code: text('code').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.programId, table.vocabulary, table.code] }),
    index('program_terms_code_idx').on(table.vocabulary, table.code),
  ],
);

/** Every change to a program: who, when, through which door, and the values before and after. */
export const programHistory = pgTable(
  'program_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    programId: integer('program_id').notNull(),
    version: integer('version').notNull(),
    /** create | update | delete */
    action: text('action').notNull(),
    /** api | web | cli | import */
    door: text('door').notNull(),
    actor: text('actor').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (table) => [index('program_history_program_idx').on(table.programId, table.version)],
);

/** One row per import run, with its whole report, so an auditor can see what each file did. */
export const importRuns = pgTable('import_runs', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  source: text('source').notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  actor: text('actor').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  report: jsonb('report').notNull(),
});

/**
 * Money movements as a source reports them (IATI transactions, USAspending obligations):
 * type, date, amount in the source currency's minor units, and the fiscal year they fall in.
 * `programObligations` stays the per-year USD view; this keeps what the source said.
 */
export const programTransactions = pgTable(
  'program_transactions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** commitment | disbursement | expenditure | incoming-funds | … (IATI TransactionType names) */
    transactionType: text('transaction_type').notNull(),
    valueDate: date('value_date'),
    fiscalYear: integer('fiscal_year'),
    /** Amount in minor units (cents) of `currency`; null when the source gives none. */
    amountMinor: bigint('amount_minor', { mode: 'bigint' }),
    currency: text('currency').notNull().default('USD'),
    description: text('description'),
    /** Where in the source this came from (element path or line). */
    sourceLocation: text('source_location'),
  },
  (table) => [index('program_transactions_program_idx').on(table.programId)],
);

/** Titles and descriptions in languages other than the main one (IATI narratives). */
export const programNarratives = pgTable(
  'program_narratives',
  {
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** title | description */
    field: text('field').notNull(),
    language: text('language').notNull(),
    text: text('text').notNull(),
  },
  (table) => [primaryKey({ columns: [table.programId, table.field, table.language] })],
);
