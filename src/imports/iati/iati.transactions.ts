import type { ImportProblem } from '../shared/import-report.ts';
import { fiscalYearOf, MAX_STORED_CENTS } from '../../shared/money.ts';
import { transactionTypeNames, transactionTypes } from './iati.codes.ts';
import { parseIatiAmount } from './iati.money.ts';
import { childOf, narrativesOf, type XmlElement } from './iati.xml-reader.ts';

/** One transaction as stored in program_transactions (amount in minor units of its currency). */
export type TransactionDraft = {
  transactionType: string;
  /** value/@value-date: the date IATI gives for currency conversion; kept as reported. */
  valueDate: string | null;
  /** transaction-date/@iso-date: when the money moved. */
  transactionDate: string | null;
  /** U.S. fiscal year of the transaction date (the value date when there is none). */
  fiscalYear: number | null;
  amountMinor: bigint;
  currency: string;
  description: string | null;
  sourceLocation: string;
};

const isoDate = /^\d{4}-\d{2}-\d{2}/;

function dateOf(element: XmlElement | undefined, attribute: string): string | null {
  if (!element) return null;
  const value = (element.attrs[attribute] ?? element.text).trim();
  return isoDate.test(value) && !Number.isNaN(Date.parse(value.slice(0, 10))) ? value.slice(0, 10) : null;
}

function problem(element: XmlElement, field: string, message: string, severity: ImportProblem['severity'] = 'warning'): ImportProblem {
  return { line: element.line, path: element.path, field, message, severity };
}

function typeOf(transaction: XmlElement): { name: string; code: string } | undefined {
  const element = childOf(transaction, 'transaction-type');
  const code = element?.attrs.code?.trim() ?? '';
  const name = transactionTypes[code.toUpperCase()] ?? (element ? transactionTypeNames[element.text.trim().toLowerCase()] : undefined);
  return name ? { name, code } : undefined;
}

/** Reads one transaction; undefined (with a warning) when it cannot be stored. */
function readTransaction(
  transaction: XmlElement,
  options: { defaultCurrency: string | null; language: string; problems: ImportProblem[] },
): TransactionDraft | undefined {
  const { problems } = options;
  const type = typeOf(transaction);
  const typeElement = childOf(transaction, 'transaction-type') ?? transaction;
  if (!type) {
    problems.push(
      problem(
        typeElement,
        'transaction-type',
        `unknown transaction type '${typeElement.attrs.code ?? typeElement.text.trim()}'; transaction left out`,
      ),
    );
    return undefined;
  }
  const value = childOf(transaction, 'value');
  if (!value) {
    problems.push(problem(transaction, 'value', `a ${type.name} without a value; left out`));
    return undefined;
  }
  const currency = (value.attrs.currency?.trim() || options.defaultCurrency || '').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    const message = currency
      ? `currency '${currency}' is not an ISO 4217 code`
      : 'no currency: neither value/@currency nor iati-activity/@default-currency';
    problems.push(problem(value, 'value', `${message}; ${type.name} left out`));
    return undefined;
  }
  const amount = parseIatiAmount(value.text, currency);
  if ('error' in amount) {
    problems.push(problem(value, 'value', `${amount.error}; ${type.name} left out`));
    return undefined;
  }
  if (amount.rounded)
    problems.push(
      problem(value, 'value', `'${value.text.trim()}' has more decimals than ${currency} has; rounded to ${currency} minor units`),
    );
  const valueDate = dateOf(value, 'value-date');
  const transactionDate = dateOf(childOf(transaction, 'transaction-date'), 'iso-date');
  const dated = transactionDate ?? valueDate;
  if (!dated) problems.push(problem(transaction, 'transaction-date', `a ${type.name} without a date; kept without a fiscal year`));
  const description =
    narrativesOf(childOf(transaction, 'description') ?? { ...transaction, children: [], text: '' }, options.language)[0]?.[1] ?? null;
  return {
    transactionType: type.name,
    valueDate,
    transactionDate,
    fiscalYear: dated ? fiscalYearOf(new Date(`${dated}T00:00:00Z`)) : null,
    amountMinor: amount.minor,
    currency,
    description,
    sourceLocation: `${transaction.path} (line ${transaction.line})`,
  };
}

/** Every storable transaction of an activity, in file order. */
export function readTransactions(
  activity: XmlElement,
  options: { defaultCurrency: string | null; language: string; problems: ImportProblem[] },
): TransactionDraft[] {
  return activity.children
    .filter((child) => child.name === 'transaction')
    .flatMap((transaction) => readTransaction(transaction, options) ?? []);
}

/**
 * USD commitments summed per U.S. fiscal year, in cents, for program_obligations. Commitments
 * in other currencies stay in program_transactions only: ctip holds no exchange rates.
 */
export function obligationsOf(transactions: TransactionDraft[]): {
  obligations: { fiscalYear: number; amountCents: string | null; amountNote?: string | null }[];
  otherCurrencies: string[];
  undated: number;
} {
  const sums = new Map<number, bigint>();
  const otherCurrencies = new Set<string>();
  let undated = 0;
  for (const transaction of transactions) {
    if (transaction.transactionType !== 'commitment') continue;
    if (transaction.currency !== 'USD') otherCurrencies.add(transaction.currency);
    else if (transaction.fiscalYear === null) undated += 1;
    else sums.set(transaction.fiscalYear, (sums.get(transaction.fiscalYear) ?? 0n) + transaction.amountMinor);
  }
  const obligations = [...sums]
    .sort(([left], [right]) => left - right)
    .map(([fiscalYear, cents]) =>
      cents < 0n || cents > MAX_STORED_CENTS
        ? {
            fiscalYear,
            amountCents: null,
            amountNote: `IATI USD commitments sum to ${cents} cents in FY${fiscalYear}, which is not a storable obligation`,
          }
        : { fiscalYear, amountCents: cents.toString() },
    );
  return { obligations, otherCurrencies: [...otherCurrencies].sort(), undated };
}
