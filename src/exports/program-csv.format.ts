/**
 * The ctip program CSV: what `ctip export csv` writes and `ctip import csv` reads (the template
 * documented in src/imports/ctip-csv/README.md). One row per program and fiscal-year obligation;
 * program columns repeat on each row of a program, grouped by `program_key`.
 */

import { MAX_STORED_CENTS } from '../shared/money.ts';

export const programCsvColumns = [
  'program_key',
  'id',
  'source',
  'source_key',
  'title',
  'description',
  'funding_agency',
  'status',
  'visibility',
  'start_date',
  'end_date',
  'places',
  'prime_partners',
  'sub_partners',
  'assistance_types',
  'pillars',
  'trafficking_forms',
  'target_groups',
  'fiscal_year',
  'obligation_usd',
  'obligation_note',
] as const;

export type ProgramCsvColumn = (typeof programCsvColumns)[number];

/** Columns that only ever hold digits (and a decimal point): written as numbers, never prefixed. */
export const numericCsvColumns: ReadonlySet<ProgramCsvColumn> = new Set(['id', 'fiscal_year', 'obligation_usd']);

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const formulaStart = /^'*[=+\-@\t\r]/;

/**
 * Makes a text cell inert in spreadsheets: a leading apostrophe when the text (after any
 * apostrophes it already starts with) begins with = + - @ tab or CR. Counting the existing
 * apostrophes makes the rule reversible: the importer removes exactly one from such cells.
 */
export function protectFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** The inverse of protectFormula, applied by the importer to every text cell. */
export function unprotectFormula(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function encodeCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record ending in CRLF; text cells are formula-protected, numeric ones are not. */
export function encodeCsvRecord(row: Record<ProgramCsvColumn, string>): string {
  return `${programCsvColumns
    .map((column) => encodeCsvField(numericCsvColumns.has(column) ? row[column] : protectFormula(row[column])))
    .join(',')}\r\n`;
}

/**
 * Joins the values of a multi-valued cell with "; ". A semicolon inside a value (organization
 * names such as "UNICEF; Ministry of Family") is doubled, as CSV doubles quotes.
 */
export function joinCellValues(values: string[]): string {
  return values.map((value) => value.replace(/;/g, ';;')).join('; ');
}

/** Splits a multi-valued cell: a single ';' separates, ';;' is a literal semicolon; values are trimmed. */
export function splitCellValues(cell: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let index = 0; index < cell.length; index += 1) {
    const character = cell[index]!;
    if (character !== ';') current += character;
    else if (cell[index + 1] === ';') {
      current += ';';
      index += 1;
    } else {
      values.push(current);
      current = '';
    }
  }
  values.push(current);
  return values.map((value) => value.trim()).filter(Boolean);
}

/** Integer cents as a dollar amount with two decimals: 25000000 → "250000.00" (exact, no floats). */
export function formatCentsAsDollars(cents: bigint | number | string): string {
  const value = BigInt(cents);
  const sign = value < 0n ? '-' : '';
  const absolute = value < 0n ? -value : value;
  return `${sign}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
}

/** `cents` is a decimal string: exact at any size a `bigint` column holds. */
export type DollarParse = { kind: 'cents'; cents: string } | { kind: 'invalid'; reason: string };

/**
 * Reads a dollar amount exactly: "250000", "250000.5", "250,000.00". Negative amounts, currency
 * signs and prose are refused with a reason; an obligation is never negative.
 */
export function parseDollars(text: string): DollarParse {
  const trimmed = text.trim();
  if (/^-/.test(trimmed)) return { kind: 'invalid', reason: `'${trimmed}' is negative; an obligation cannot be negative` };
  const match = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(trimmed);
  if (!match) return { kind: 'invalid', reason: `'${trimmed}' is not an amount in dollars such as 250000 or 250000.00` };
  const whole = match[1]!.replace(/,/g, '');
  const cents = whole.length > 20 ? MAX_STORED_CENTS + 1n : BigInt(whole) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (cents > MAX_STORED_CENTS)
    return { kind: 'invalid', reason: `'${trimmed}' is too large; the largest amount is ${formatCentsAsDollars(MAX_STORED_CENTS)}` };
  return { kind: 'cents', cents: cents.toString() };
}

export type CsvPlace = { countryCode?: string; regionCode?: string; sharePercent: number | null };

/** A place cell value: the country's alpha-3 or the region's code, then "=share" when known. */
export function formatPlace(place: { countryCode: string | null; regionCode: string | null; sharePercent: number | null }): string {
  const code = place.countryCode ?? place.regionCode ?? '';
  return place.sharePercent === null ? code : `${code}=${place.sharePercent}`;
}

/** Reads "NPL", "NPL=60", "034" or "ctip-mekong=40": three letters are a country, anything else a region code. */
export function parsePlace(text: string): CsvPlace | { invalid: string } {
  const match = /^([^=\s]+)\s*(?:=\s*(\S*))?$/.exec(text.trim());
  if (!match) return { invalid: `'${text}' is not a place code such as NPL or NPL=60` };
  const [, code, share] = match;
  if (share !== undefined && !/^\d{1,3}$/.test(share))
    return { invalid: `the share of '${code}' must be a whole percentage, found '${share}'` };
  const sharePercent = share === undefined ? null : Number(share);
  return /^[A-Za-z]{3}$/.test(code!) ? { countryCode: code!.toUpperCase(), sharePercent } : { regionCode: code!, sharePercent };
}
