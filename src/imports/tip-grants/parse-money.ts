import { formatUsd } from '../../shared/money.ts';

/**
 * Exact parsing of the money figures found in the State TIP grant listing, into integer cents.
 *
 * No floating point anywhere: the digits are read as a string and turned into a bigint. A figure
 * is accepted only when it can be read one way; anything else is reported, never guessed:
 *
 * - accepted: "$330,568", "330,568", "550,000", bare digits "6600000", "$1,000.50" (one or two
 *   decimal digits), and thousands groups with ONE space after each comma ("$14, 248",
 *   "$1, 300, 000"): every group still has exactly three digits, so only one reading exists;
 * - ambiguous: misplaced groups ("$65,676,50", "$2,500,00": was it $65,676.50 or $656,765.0?),
 *   stray characters, several numbers, more than 13 dollar digits;
 * - prose: no digit at all ("Not Listed", "Cannot determine trafficking portion…");
 * - negative: a leading minus or accounting parentheses ("-$5,000", "($5,000)"); a grant listing
 *   records obligations, which cannot be negative, so the caller rejects the row;
 * - empty: nothing written.
 */
export type MoneyParseResult =
  | { kind: 'amount'; cents: bigint; /** Set when the figure was accepted but written oddly. */ note?: string }
  | { kind: 'empty' }
  | { kind: 'prose'; text: string }
  | { kind: 'ambiguous'; text: string; reason: string }
  | { kind: 'negative'; text: string };

/** 13 dollar digits (under ten trillion dollars) keep every amount well below 2^53 cents. */
const maxDollarDigits = 13;

const groupedFigure = /^(\d{1,3})((?:, ?\d{3})*)(?:\.(\d{1,2}))?$/;
const bareFigure = /^(\d+)(?:\.(\d{1,2}))?$/;

function toCents(dollarDigits: string, centDigits: string | undefined): bigint {
  const cents = (centDigits ?? '').padEnd(2, '0');
  return BigInt(dollarDigits) * 100n + BigInt(cents);
}

/** Parses one amount cell; see the module comment for what is accepted. */
export function parseMoney(raw: string): MoneyParseResult {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  if (!/\d/.test(text)) return { kind: 'prose', text };
  const negative = /^(?:-\s*\$?\s*\d|\$\s*-\s*\d|\(\s*\$?\s*[\d,. ]+\)$)/.test(text);
  if (negative) return { kind: 'negative', text };
  const figure = text.replace(/^\$\s*/, '').replace(/\s*(?:USD|US\$)?$/i, '');
  const bare = bareFigure.exec(figure);
  const grouped = bare ? undefined : groupedFigure.exec(figure);
  if (!bare && !grouped) {
    return {
      kind: 'ambiguous',
      text,
      reason: /^[\d,. ]+$/.test(figure) ? 'the comma groups are not thousands groups of three digits' : 'it is not a plain dollar figure',
    };
  }
  const dollars = bare ? bare[1]! : grouped![1]! + grouped![2]!.replace(/[, ]/g, '');
  const centDigits = bare ? bare[2] : grouped![3];
  const significant = dollars.replace(/^0+(?=\d)/, '');
  if (significant.length > maxDollarDigits) {
    return { kind: 'ambiguous', text, reason: `it has more than ${maxDollarDigits} dollar digits` };
  }
  const cents = toCents(significant, centDigits);
  const spaced = grouped?.[2]?.includes(' ') ?? false;
  return spaced
    ? { kind: 'amount', cents, note: `written with spaces after the commas; read as ${formatUsd(cents, { wholeDollars: true })}` }
    : { kind: 'amount', cents };
}
