import { encodeCsvField, formatCentsAsDollars, protectFormula } from '../exports/program-csv.format.ts';
import type { Breakdown, Summary } from './stats.schemas.ts';

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
    ['fiscal_year', 'scope', 'programs', 'obligated_usd', 'countries', 'unknown_amount_programs'],
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
    ['dimension', 'method', 'kind', 'key', 'label', 'programs', 'obligated_usd'],
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
