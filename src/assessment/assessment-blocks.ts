import type { Breakdown, BreakdownRow } from '../stats/stats.schemas.ts';
import type { BarRow } from '../ui/charts/index.ts';
import { centsText, toCents, type CentsValue } from '../shared/money.ts';
import type { Block, Cell, Section } from './assessment.types.ts';

/** Small constructors that keep the section builders readable. */

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const notice = (text: string): Block => ({ kind: 'notice', text });
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const section = (id: string, title: string, blocks: Block[], subsections: Section[] = []): Section => ({
  id,
  title,
  blocks,
  subsections,
});

export const text = (value: string): Cell => ({ text: value });
export const count = (value: number): Cell => ({ count: value });
export const cents = (value: CentsValue): Cell => ({ cents: centsText(value) });
/** A row's amount: "not known" when no program of it has one, never a $0 that is not one. */
export const rowCents = (row: Pick<BreakdownRow, 'obligatedCents' | 'amountKnown'>): Cell =>
  row.amountKnown ? cents(row.obligatedCents) : { notKnown: true };
/** Share of a whole in percent, one decimal, computed from exact cents. */
export const share = (part: CentsValue, whole: CentsValue): Cell => {
  const [amount, total] = [toCents(part), toCents(whole)];
  return { percent: total > 0n ? Math.round(Number((amount * 100_000n) / total) / 100) / 10 : 0 };
};

const methodNotes: Record<Breakdown['method'], string> = {
  whole: 'Each program counts in exactly one row; the rows add up to the total.',
  allocated:
    'A program in several places (or with several prime partners) is split among them by its recorded shares, or equally, in whole cents; the rows add up to the total.',
  tagged: 'A program counts under each of its tags, so rows add up to more than the total; the share is of the total.',
};

/**
 * A breakdown as a table: label, programs, obligated, share of the total. `limit` keeps the
 * largest rows and says how many were left out.
 */
export function breakdownTable(options: {
  id: string;
  caption: string;
  label: string;
  breakdown: Breakdown;
  limit?: number;
  rows?: Breakdown['rows'];
}): Block {
  const { breakdown } = options;
  const all = options.rows ?? breakdown.rows;
  const rows = options.limit ? all.slice(0, options.limit) : all;
  const left = all.length - rows.length;
  const unknown = breakdown.programsWithoutAmount;
  const note = [
    methodNotes[breakdown.method],
    left > 0 ? `The ${rows.length} largest of ${all.length} are listed.` : '',
    unknown > 0
      ? `${unknown} ${unknown === 1 ? 'program has' : 'programs have'} no known amount and ${unknown === 1 ? 'is' : 'are'} not in the amounts; a row none of whose programs has one says “not known”.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    kind: 'table',
    id: options.id,
    caption: options.caption,
    columns: [
      { label: options.label },
      { label: 'Programs', numeric: true },
      { label: 'Obligated', numeric: true },
      { label: 'Share', numeric: true },
    ],
    rows: rows.map((row) => [
      text(row.label),
      count(row.programs),
      rowCents(row),
      row.amountKnown ? share(row.obligatedCents, breakdown.totalCents) : { notKnown: true },
    ]),
    note,
  };
}

/**
 * A section with nothing but its one-line notice (no records): renderers give it no page of
 * its own, so the report has no near-empty pages.
 */
export function isEmptySection(section: Section): boolean {
  return section.subsections.length === 0 && section.blocks.length === 1 && section.blocks[0]!.kind === 'notice';
}

/** The title a program line shows: the import's stand-in for a missing recipient says why it is one. */
export function programTitle(title: string): string {
  return title.startsWith('Unnamed recipient') ? title.replace('Unnamed recipient', 'Recipient not named in the source') : title;
}

/**
 * Identical lines grouped, in first-seen order, with their number and the sum of their known
 * amounts: "UNIFEM — India, FY2005 (19 programs)".
 */
export function groupLines<T extends { cents: bigint | null }>(
  lines: T[],
  keyOf: (line: T) => string,
): { line: T; programs: number; cents: bigint | null }[] {
  const groups = new Map<string, { line: T; programs: number; cents: bigint | null }>();
  for (const line of lines) {
    const key = keyOf(line);
    const group = groups.get(key);
    if (!group) groups.set(key, { line, programs: 1, cents: line.cents });
    else {
      group.programs += 1;
      group.cents = line.cents === null ? group.cents : (group.cents ?? 0n) + line.cents;
    }
  }
  return [...groups.values()];
}

/** Bars of a breakdown for the portal's horizontal bar chart (unlinked: the report stands alone). */
export function bars(rows: Breakdown['rows']): BarRow[] {
  return rows.map((row) => ({ key: row.key, label: row.label, cents: row.amountKnown ? row.obligatedCents : null }));
}
