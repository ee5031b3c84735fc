import type { ProgramCsvColumn } from './program-csv.format.ts';

/** What the data dictionary says of a download's column. */
export type ColumnDoc = { meaning: string; type: string; example: string; source: string };

/**
 * Every column of the program CSV (`/api/exports/programs.csv`, `ctip export csv`), documented.
 * Typed by the column list itself: a column added to the export without a line here does not
 * compile, so the data dictionary page cannot drift from the file.
 */
export const programCsvColumnDocs: Record<ProgramCsvColumn, ColumnDoc> = {
  program_key: {
    meaning: 'Groups the rows of one program (one row per fiscal year); equal to id in an export',
    type: 'text',
    example: '1042',
    source: 'program id',
  },
  id: { meaning: 'The program’s number in ctip (its page is /programs/{id})', type: 'whole number', example: '1042', source: 'id' },
  source: {
    meaning: 'Where the record came from: an importer (tip-grants, iati, usaspending, foreignassistance, ctip-csv) or manual entry',
    type: 'code',
    example: 'tip-grants',
    source: 'source',
  },
  source_key: {
    meaning: 'The record’s identifier in its source file, when it has one',
    type: 'text',
    example: 'NPL-2004-3',
    source: 'sourceKey',
  },
  title: { meaning: 'The program’s title', type: 'text', example: 'Shelter and reintegration of survivors', source: 'title' },
  description: {
    meaning: 'What the program does, as described',
    type: 'text',
    example: 'Vocational training for returnees',
    source: 'description',
  },
  funding_agency: {
    meaning: 'The code of the U.S. agency that funds the program (names: /api/agencies)',
    type: 'code',
    example: 'state-tip',
    source: 'fundingAgency.id',
  },
  status: {
    meaning: 'Where the program stands: proposed, active, completed or cancelled',
    type: 'code',
    example: 'active',
    source: 'status',
  },
  visibility: {
    meaning: 'public, or restricted (seen only by the agencies entitled to it; never in a public download)',
    type: 'code',
    example: 'public',
    source: 'visibility',
  },
  start_date: { meaning: 'The day the program starts, when known', type: 'date (YYYY-MM-DD)', example: '2004-01-15', source: 'startDate' },
  end_date: { meaning: 'The day the program ends, when known', type: 'date (YYYY-MM-DD)', example: '2005-09-30', source: 'endDate' },
  places: {
    meaning:
      'Countries (ISO 3166-1 alpha-3) and regions (codes of /api/regions) the program serves, separated by "; ", each with "=share" in percent when known',
    type: 'list of codes',
    example: 'NPL=60; IND=40',
    source: 'places[].countryCode, places[].regionCode, places[].sharePercent',
  },
  prime_partners: {
    meaning: 'Organizations that received the award directly, separated by "; "',
    type: 'list of names',
    example: 'International Organization for Migration',
    source: 'partners[] with role prime',
  },
  sub_partners: {
    meaning: 'Organizations funded through a prime partner',
    type: 'list of names',
    example: 'Maiti Nepal',
    source: 'partners[] with role sub',
  },
  assistance_types: {
    meaning: 'Kinds of assistance (codes of /api/assistance-types)',
    type: 'list of codes',
    example: 'shelters; legal-services',
    source: 'assistanceTypes',
  },
  pillars: {
    meaning: 'The anti-trafficking pillars served: prevention, protection, prosecution, partnership',
    type: 'list of codes',
    example: 'protection; prosecution',
    source: 'pillars',
  },
  trafficking_forms: {
    meaning: 'Forms of trafficking addressed',
    type: 'list of codes',
    example: 'sex-trafficking; forced-labor',
    source: 'traffickingForms',
  },
  target_groups: { meaning: 'People the program serves', type: 'list of codes', example: 'women; children', source: 'targetGroups' },
  fiscal_year: {
    meaning: 'The U.S. fiscal year of this row’s obligation (FY N runs 1 October N-1 to 30 September N)',
    type: 'year',
    example: '2004',
    source: 'obligations[].fiscalYear',
  },
  obligation_usd: {
    meaning: 'Money committed in that fiscal year, in U.S. dollars; empty when the amount is not known (never zero for unknown)',
    type: 'decimal (2 places)',
    example: '250000.00',
    source: 'obligations[].amountCents ÷ 100',
  },
  obligation_note: {
    meaning: 'What the source says of the amount when it gives no number',
    type: 'text',
    example: 'Not Listed',
    source: 'obligations[].amountNote',
  },
};
