import type { BarRow, FundingPoint, MapValue, YearTotal } from '../ui/charts/index.ts';

/**
 * The Assessment as plain data: sections of blocks. Every renderer (HTML, Markdown, DOCX, PDF)
 * reads only this, so all formats say the same thing. Numbers stay numbers (cents, counts) until
 * a renderer formats them, which is what lets the tests check each figure against SQL.
 */

/**
 * A table cell: text, a count, an amount in integer cents (obligations, exact: a decimal string),
 * or an amount that is not known (every program of the row lacks one: "not known", never $0).
 */
export type Cell = { text: string } | { count: number } | { cents: string } | { percent: number } | { notKnown: true };

export type Column = { label: string; numeric?: boolean };

/** A chart as data; renderers draw it with the portal's SVG builders (src/ui/charts). */
export type ChartSpec =
  | { type: 'bars'; id: string; title: string; rows: BarRow[]; limit?: number }
  | { type: 'over-time'; id: string; title: string; series: FundingPoint[]; totals?: YearTotal[] }
  | { type: 'map'; id: string; title: string; values: MapValue[] };

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; id: string; caption: string; columns: Column[]; rows: Cell[][]; note?: string }
  | { kind: 'chart'; chart: ChartSpec }
  /** What is not recorded: said plainly, styled apart. */
  | { kind: 'notice'; text: string };

export type Section = { id: string; title: string; blocks: Block[]; subsections: Section[] };

/** The headline figures, kept apart so tests and the PDF check can name them. */
export type Headline = {
  programs: number;
  /** Amounts in integer cents as decimal strings (exact at any size). */
  obligatedCents: string;
  internationalPrograms: number;
  internationalCents: string;
  /** Countries named as places of international programs. */
  countriesNamed: number;
  /** Countries named, plus the members of the regions smaller than a continent that international programs name (src/stats/place-counts.ts). */
  countriesReached: number;
  /** Countries named plus distinct regions named, each region once. */
  countriesAndRegions: number;
  domesticPrograms: number;
  domesticCents: string;
  unknownAmountPrograms: number;
  regionalPrograms: number;
  previousYear: { fiscalYear: number; programs: number; obligatedCents: string } | null;
  /** The last four fiscal years, this one included. */
  fourYears: { from: number; to: number; obligatedCents: string; programs: number };
};

export type Assessment = {
  fiscalYear: number;
  title: string;
  /** YYYY-MM-DD: the only thing that varies between runs on the same data. */
  dataAsOf: string;
  headline: Headline;
  sections: Section[];
};
