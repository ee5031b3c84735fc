import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { tipGrantColumns } from '../src/imports/tip-grants/tip-grants.parser.ts';
import { createRandom } from '../src/shared/seeded-random.ts';

/** The 13 columns of the real listing, in the real order; the synthetic file repeats them. */
const columns = tipGrantColumns;

type Column = (typeof columns)[number];
type GrantRecord = Record<Column, string>;

/**
 * Groups of columns sampled together from one real row, so that values which only make sense
 * together stay together (a country with its cowcode and regional flag, a recipient with its
 * type and subgrantee flag, the four pillar flags). Each group is drawn from a different real
 * row, which is what makes the synthetic rows new combinations.
 */
const jointGroups: readonly (readonly Column[])[] = [
  ['name', 'cowcode', 'regional'],
  ['fiscal year'],
  ['recipient', 'subgrantee', 'recipient_type'],
  ['prevention', 'protection', 'prosecution', 'research'],
  ['amount'],
];

export type GenerateSyntheticGrantsOptions = {
  /** The real listing whose rows give the empirical distributions. */
  sourcePath: string;
  rows: number;
  /** Same seed, same file: runs are comparable. */
  seed?: number;
  /** Where to write; defaults to a new folder under os.tmpdir(). */
  outputPath?: string;
};

export type SyntheticGrantsFile = {
  filePath: string;
  rows: number;
  bytes: number;
  /** Rows whose amount was copied verbatim because it is not a plain number (Not Listed, prose…). */
  nonNumericAmounts: number;
  /** Removes the file (and the folder, when this module created it). */
  remove: () => void;
};

function pickOne<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Reads the real rows that are grants (grant = 1). Rows with grant = 0 only say that a
 * country had no grant that year; the importer skips them, so they are left out here and every
 * synthetic row is a program the importer has to resolve and write.
 */
function readGrantTemplates(sourcePath: string): GrantRecord[] {
  const records = parse(readFileSync(sourcePath), { columns: true, bom: true, skip_empty_lines: true }) as GrantRecord[];
  return records.filter((record) => record.grant.trim() === '1');
}

const plainAmount = /^(\$?)(\d{1,3}(?:,\d{3})+|\d+)$/;

/**
 * Draws a new amount in the same written form as a real one. Amounts the real file writes
 * oddly (Not Listed, prose, `$65,676,50`) are copied verbatim, so they occur at the real rate
 * and the importer's warning path is exercised as often as on the real file.
 */
function varyAmount(amount: string, random: () => number): { amount: string; numeric: boolean } {
  const match = plainAmount.exec(amount.trim());
  if (!match) return { amount, numeric: false };
  const [, dollar, digits] = match as unknown as [string, string, string];
  const value = Number(digits.replaceAll(',', ''));
  if (value === 0) return { amount, numeric: true };
  // Real amounts are mostly round; keep up to three trailing zeros so the synthetic ones look
  // alike, while leaving enough distinct values that rows rarely repeat.
  const trailingZeros = /0*$/.exec(String(value))![0].length;
  const step = 10 ** Math.min(trailingZeros, 3);
  const varied = Math.max(step, Math.round((value * (0.5 + random())) / step) * step);
  const written = digits.includes(',') ? varied.toLocaleString('en-US') : String(varied);
  return { amount: `${dollar}${written}`, numeric: true };
}

/** Writes a field the way the real file does: numbers bare, text quoted, empty as nothing. */
function formatField(value: string): string {
  if (value === '' || /^-?\d+$/.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/** The fields an importer would compare to call two rows the same grant; kept distinct. */
function identityOf(record: GrantRecord): string {
  return [record.name, record['fiscal year'], record.recipient, record.subgrantee, record.amount].join('\u0000');
}

/**
 * Generates synthetic grant rows drawn from the real listing's empirical distributions and
 * writes them in the real CSV layout. No two rows share country, year, recipient and amount,
 * because the importer merges exact duplicates and a benchmark full of merges would measure
 * the wrong path.
 */
export function generateSyntheticGrants(options: GenerateSyntheticGrantsOptions): SyntheticGrantsFile {
  const templates = readGrantTemplates(options.sourcePath);
  if (templates.length === 0) throw new Error(`No grant rows in ${options.sourcePath} to sample from`);
  const random = createRandom(options.seed ?? 20_040_930);
  const seen = new Set<string>();
  const lines = [columns.map((column) => `"${column}"`).join(',')];
  let nonNumericAmounts = 0;
  while (lines.length <= options.rows) {
    const record = { grant: '1' } as GrantRecord;
    for (const group of jointGroups) {
      const template = pickOne(templates, random);
      for (const column of group) record[column] = template[column];
    }
    const { amount, numeric } = varyAmount(record.amount, random);
    record.amount = amount;
    // A repeat is drawn again; with ~150 places, 14 years and ~1,100 recipients this is rare.
    const identity = identityOf(record);
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (!numeric) nonNumericAmounts += 1;
    lines.push(columns.map((column) => formatField(record[column])).join(','));
  }
  const createdFolder = options.outputPath ? undefined : mkdtempSync(path.join(os.tmpdir(), 'ctip-bench-'));
  const filePath = options.outputPath ?? path.join(createdFolder!, `synthetic-grants-${options.rows}.csv`);
  const text = `${lines.join('\n')}\n`;
  writeFileSync(filePath, text);
  return {
    filePath,
    rows: options.rows,
    bytes: Buffer.byteLength(text),
    nonNumericAmounts,
    remove: () => rmSync(createdFolder ?? filePath, { recursive: true, force: true }),
  };
}

// `node --import tsx bench/generate-synthetic-grants.ts 1000 out.csv` writes a file to look at.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const rows = Number(process.argv[2] ?? 1000);
  const outputPath = process.argv[3] ?? path.join(os.tmpdir(), `synthetic-grants-${rows}.csv`);
  const sourcePath = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'demo', 'tip-grants', 'funding_original.csv');
  const file = generateSyntheticGrants({ sourcePath, rows, outputPath });
  console.log(`${file.rows} rows, ${file.bytes} bytes, ${file.nonNumericAmounts} non-numeric amounts → ${file.filePath}`);
}
