import { encodeCsvField, formatCentsAsDollars, protectFormula } from '../exports/program-csv.format.ts';
import type { ColumnDoc } from '../exports/program-csv.columns.ts';
import type { Breakdown, Summary } from './stats.schemas.ts';

const summaryColumns = ['fiscal_year', 'scope', 'programs', 'obligated_usd', 'countries', 'unknown_amount_programs'] as const;
const breakdownColumns = ['dimension', 'method', 'kind', 'key', 'label', 'programs', 'obligated_usd'] as const;

/** The columns of `/api/stats/summary.csv`, for the data dictionary (a column without a line does not compile). */
export const summaryCsvColumnDocs: Record<(typeof summaryColumns)[number], ColumnDoc> = {
  fiscal_year: { meaning: 'The fiscal year asked for', type: 'year', example: '2004', source: 'fiscalYear' },
  scope: {
    meaning: 'all programs, international ones (not placed in the United States) or domestic ones',
    type: 'code',
    example: 'international',
    source: 'international / domestic',
  },
  programs: { meaning: 'Programs with an obligation recorded in the year', type: 'whole number', example: '189', source: 'programs' },
  obligated_usd: {
    meaning: 'Sum of the known obligations, in U.S. dollars',
    type: 'decimal (2 places)',
    example: '82135441.00',
    source: 'obligatedCents ÷ 100',
  },
  countries: {
    meaning: 'Distinct countries named as a place (regional programs not expanded)',
    type: 'whole number',
    example: '72',
    source: 'countries',
  },
  unknown_amount_programs: {
    meaning: 'Programs whose amount for the year is not known (not counted as zero)',
    type: 'whole number',
    example: '7',
    source: 'unknownAmountPrograms',
  },
};

/** The columns of `/api/stats/by/{dimension}.csv`, for the data dictionary. */
export const breakdownCsvColumnDocs: Record<(typeof breakdownColumns)[number], ColumnDoc> = {
  dimension: { meaning: 'What the obligations are broken down by', type: 'code', example: 'country', source: 'dimension' },
  method: {
    meaning: 'allocated (split among places or partners), tagged (whole amount under each tag) or whole',
    type: 'code',
    example: 'allocated',
    source: 'method',
  },
  kind: {
    meaning: 'What the key names: a country, a region, an agency… or not-specified',
    type: 'code',
    example: 'region',
    source: 'rows[].kind',
  },
  key: {
    meaning: 'The code of the row (a country’s alpha-3, region:CODE, an agency code, a year…)',
    type: 'code',
    example: 'NPL',
    source: 'rows[].key',
  },
  label: { meaning: 'The row’s name', type: 'text', example: 'Nepal', source: 'rows[].label' },
  programs: { meaning: 'Programs counted in the row', type: 'whole number', example: '12', source: 'rows[].programs' },
  obligated_usd: {
    meaning: 'Known obligations of the row, in U.S. dollars',
    type: 'decimal (2 places)',
    example: '1250000.00',
    source: 'rows[].obligatedCents ÷ 100',
  },
};

type Cell = string | number | null;

/** One CSV file: a header and rows, text cells formula-protected like every ctip download, CRLF lines. */
function toCsv(header: string[], rows: Cell[][]): string {
  const line = (cells: Cell[]) =>
    `${cells.map((cell) => (typeof cell === 'number' ? String(cell) : encodeCsvField(protectFormula(cell ?? '')))).join(',')}\r\n`;
  return line(header) + rows.map(line).join('');
}

/** `GET /api/stats/summary.csv`: one row for all programs, one international, one domestic. */
export function summaryToCsv(summary: Summary): string {
  const scopes = [
    { scope: 'all', figures: summary },
    { scope: 'international', figures: summary.international },
    { scope: 'domestic', figures: summary.domestic },
  ];
  return toCsv(
    [...summaryColumns],
    scopes.map(({ scope, figures }) => [
      summary.fiscalYear,
      scope,
      figures.programs,
      formatCentsAsDollars(figures.obligatedCents),
      figures.countries,
      figures.unknownAmountPrograms,
    ]),
  );
}

/** `GET /api/stats/by/{dimension}.csv`: the rows of the breakdown, their kind beside their key. */
export function breakdownToCsv(breakdown: Breakdown): string {
  return toCsv(
    [...breakdownColumns],
    breakdown.rows.map((row) => [
      breakdown.dimension,
      breakdown.method,
      row.kind,
      row.key,
      row.label,
      row.programs,
      formatCentsAsDollars(row.obligatedCents),
    ]),
  );
}
