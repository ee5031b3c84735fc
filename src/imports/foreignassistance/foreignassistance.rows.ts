import type { PlaceMatch, PlaceResolver } from '../../reference/place-resolver.ts';
import { parseDecimalAmount } from '../shared/decimal-amount.ts';
import type { ImportProblem } from '../shared/import-report.ts';
import type { TransactionInput } from '../shared/write-programs.ts';
import type { FaColumn } from './foreignassistance.columns.ts';
import { mapManagingAgency, matchTraffickingRule } from './foreignassistance.rules.ts';

export type FaRow = { line: number; get: (column: FaColumn) => string };

/** What one row says about its activity: the activity's fields and one transaction. */
export type FaRowDraft = {
  activityId: string;
  rule: string;
  agencyId: string;
  place: PlaceMatch | { unresolved: string } | null;
  partner: string | null;
  title: string;
  description: string | null;
  startDate: string | null;
  endDate: string | null;
  transaction: TransactionInput & { fiscalYear: number; amountMinor: bigint };
  /** The row's non-empty fields, for provenance. */
  fields: Record<string, string>;
};

export type FaRowOutcome =
  | { kind: 'skipped' }
  | { kind: 'rejected'; problems: ImportProblem[]; unmappedAgency?: string }
  | { kind: 'row'; problems: ImportProblem[]; draft: FaRowDraft };

const months: Record<string, string> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

/** "01OCT2023" (the dataset's transaction dates) or "2023-10-01" → ISO date; null for NULL/empty. */
export function faDate(text: string): string | null {
  const value = text.trim().toUpperCase();
  const compact = /^(\d{2})([A-Z]{3})(\d{4})$/.exec(value);
  if (compact && months[compact[2]!]) return `${compact[3]}-${months[compact[2]!]}-${compact[1]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return iso ? iso[1]! : null;
}

/** Cells the dataset uses for "nothing": empty, NULL, a lone dot. */
function blank(text: string): boolean {
  return /^(|NULL|\.)$/i.test(text.trim());
}

const transactionTypes: Record<string, string> = { obligations: 'commitment', disbursements: 'disbursement' };

const placeholderPartners = /^(redacted|implementing partner redacted|not applicable|various|multiple|unspecified)/i;

function problem(line: number, field: string, message: string, severity: ImportProblem['severity']): ImportProblem {
  return { line, field, message, severity };
}

/** The country by ISO alpha-3 code, else the place (country or region) by name. */
function readPlace(row: FaRow, places: PlaceResolver, problems: ImportProblem[]): FaRowDraft['place'] {
  const code = row.get('Country Code').trim();
  const name = row.get('Country Name').trim();
  const byCode = /^[A-Z]{3}$/.test(code) ? places.resolveCountryCode(code) : undefined;
  if (byCode) return { countryCode: byCode };
  const byName = name ? places.resolve(name) : undefined;
  if (byName) return byName;
  if (!code && !name) return null;
  problems.push(
    problem(
      row.line,
      'Country Name',
      `'${name || code}' is not a known country or region; imported without this place and filed for review`,
      'warning',
    ),
  );
  return { unresolved: name || code };
}

function readTransaction(row: FaRow, problems: ImportProblem[]): FaRowDraft['transaction'] | undefined {
  const typeName = row.get('Transaction Type Name').trim();
  const transactionType = transactionTypes[typeName.toLowerCase()];
  if (!transactionType) {
    problems.push(problem(row.line, 'Transaction Type Name', `'${typeName}' is neither Obligations nor Disbursements`, 'error'));
    return undefined;
  }
  const fiscalYear = Number(row.get('Fiscal Year').trim());
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1946 || fiscalYear > 2100) {
    problems.push(problem(row.line, 'Fiscal Year', `'${row.get('Fiscal Year')}' is not a fiscal year`, 'error'));
    return undefined;
  }
  const amount = parseDecimalAmount(row.get('Current Dollar Amount'));
  if (amount.kind !== 'amount') {
    problems.push(
      problem(row.line, 'Current Dollar Amount', amount.kind === 'invalid' ? `'${amount.text}' is not an amount` : 'no amount', 'error'),
    );
    return undefined;
  }
  if (amount.roundedFrom)
    problems.push(
      problem(row.line, 'Current Dollar Amount', `'${amount.roundedFrom}' has more than two decimals; rounded to cents`, 'warning'),
    );
  const valueDate = faDate(row.get('Transaction Date'));
  return {
    transactionType,
    valueDate,
    fiscalYear,
    amountMinor: amount.minor,
    currency: 'USD',
    description: `${typeName} FY${fiscalYear} (current dollars)`,
    sourceLocation: `line ${row.line}`,
  };
}

function fieldsOf(row: FaRow, columns: readonly FaColumn[]): Record<string, string> {
  return Object.fromEntries(columns.map((column) => [column, row.get(column).trim()]).filter(([, value]) => !blank(value ?? '')));
}

/** Reads one row; never throws on bad data. Rows matching no trafficking rule are skipped. */
export function interpretFaRow(row: FaRow, options: { places: PlaceResolver; columns: readonly FaColumn[] }): FaRowOutcome {
  const rule = matchTraffickingRule(row.get);
  if (!rule) return { kind: 'skipped' };
  const { line } = row;
  const activityId = row.get('Activity ID').trim();
  if (blank(activityId))
    return {
      kind: 'rejected',
      problems: [problem(line, 'Activity ID', 'no activity id: the row cannot be matched on re-import', 'error')],
    };
  const problems: ImportProblem[] = [];
  const agencyId = mapManagingAgency(row.get('Managing Agency Acronym'), row.get('Managing Sub-agency or Bureau Acronym'));
  if (!agencyId) {
    const name = row.get('Managing Agency Name').trim() || row.get('Managing Agency Acronym').trim() || '(none)';
    return {
      kind: 'rejected',
      problems: [
        problem(
          line,
          'Managing Agency Name',
          `managing agency '${name}' has no ctip mapping (foreignassistance.rules.ts); add it once reviewed`,
          'error',
        ),
      ],
      unmappedAgency: name,
    };
  }
  const transaction = readTransaction(row, problems);
  if (!transaction) return { kind: 'rejected', problems };
  const partnerText = row.get('Implementing Partner Name').trim();
  const partner = blank(partnerText) || placeholderPartners.test(partnerText) ? null : partnerText;
  if (!partner && !blank(partnerText))
    problems.push(problem(line, 'Implementing Partner Name', `'${partnerText}' names no partner; imported without one`, 'info'));
  const name = row.get('Activity Name').trim();
  const description = row.get('Activity Description').trim();
  return {
    kind: 'row',
    problems,
    draft: {
      activityId,
      rule,
      agencyId,
      place: readPlace(row, options.places, problems),
      partner,
      title: name.length > 300 ? `${name.slice(0, 299)}…` : name || `Activity ${activityId}`,
      description: blank(description) ? null : description,
      startDate: faDate(row.get('Activity Start Date')),
      endDate: faDate(row.get('Activity End Date')),
      transaction,
      fields: fieldsOf(row, options.columns),
    },
  };
}
