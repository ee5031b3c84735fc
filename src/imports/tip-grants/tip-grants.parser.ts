import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../../shared/errors.ts';
import { checkColumnCount, csvErrorToAppError, numberLines } from '../shared/csv-reader.ts';
import { defaultMaxLineChars } from '../shared/text-stream.ts';
import type { ImportProblem } from '../shared/import-report.ts';

/** The 13 columns of the State TIP grant listing (Kelley & Heiss, funding_original.csv). */
export const tipGrantColumns = [
  'name',
  'fiscal year',
  'cowcode',
  'grant',
  'recipient',
  'subgrantee',
  'prevention',
  'protection',
  'prosecution',
  'research',
  'amount',
  'regional',
  'recipient_type',
] as const;

export type TipGrantColumn = (typeof tipGrantColumns)[number];

/** One data row as written in the file, with the line it starts on (the header is line 1). */
export type TipGrantRow = { line: number; fields: Record<TipGrantColumn, string> };

export type { ImportProblem, ImportProblemSeverity } from '../shared/import-report.ts';

export type TipGrantsSource = { filePath: string } | { content: string | Uint8Array };

export type ParsedTipGrants = {
  encoding: 'utf-8' | 'windows-1252';
  /** SHA-256 of the bytes read, hex; recorded with the import run. */
  sha256: string;
  rows: TipGrantRow[];
  problems: ImportProblem[];
};

function openBytes(source: TipGrantsSource): Readable {
  if ('filePath' in source) return createReadStream(source.filePath, { highWaterMark: 64 * 1024 });
  const bytes = typeof source.content === 'string' ? Buffer.from(source.content, 'utf8') : Buffer.from(source.content);
  return Readable.from([bytes]);
}

/**
 * Decides the encoding in one streaming pass: UTF-8 (with or without BOM) when every byte
 * sequence is valid UTF-8, otherwise Windows-1252, the encoding spreadsheets on Windows save.
 */
async function sniffEncoding(
  source: TipGrantsSource,
): Promise<{ encoding: ParsedTipGrants['encoding']; bytes: number; blank: boolean; sha256: string }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const hash = createHash('sha256');
  let bytes = 0;
  let blank = true;
  let valid = true;
  for await (const chunk of openBytes(source) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    hash.update(chunk);
    if (!valid) continue;
    try {
      const text = decoder.decode(chunk, { stream: true });
      if (blank && /[^\s\uFEFF]/.test(text)) blank = false;
    } catch {
      valid = false;
      blank = false;
    }
  }
  if (valid) {
    try {
      decoder.decode();
    } catch {
      valid = false;
    }
  }
  return { encoding: valid ? 'utf-8' : 'windows-1252', bytes, blank, sha256: hash.digest('hex') };
}

function checkHeader(header: string[]): Map<TipGrantColumn, number> {
  checkColumnCount(header, 'the TIP grant listing layout');
  const names = header.map((name) => name.trim().toLowerCase());
  // Sets, not array scans: linear in the header's width.
  const present = new Set(names);
  const known = new Set<string>(tipGrantColumns);
  const missing = tipGrantColumns.filter((column) => !present.has(column));
  const unexpected = header.filter((_name, index) => !known.has(names[index]!));
  const seen = new Set<string>();
  const repeated = names.filter((name) => name !== '' && (seen.has(name) || (seen.add(name), false)));
  if (missing.length || unexpected.length || repeated.length) {
    const parts = [
      missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `'${name}'`).join(', ')}` : '',
      unexpected.length ? `unexpected column${unexpected.length > 1 ? 's' : ''} ${unexpected.map((name) => `'${name}'`).join(', ')}` : '',
      repeated.length ? `repeated column${repeated.length > 1 ? 's' : ''} ${repeated.map((name) => `'${name}'`).join(', ')}` : '',
    ].filter(Boolean);
    throw new AppError({
      code: 'INVALID_FILE',
      message: `This is not the TIP grant listing layout: ${parts.join('; ')}. Expected the columns ${tipGrantColumns.join(', ')}`,
      details: parts.map((message) => ({ line: 1, field: 'header', message })),
    });
  }
  return new Map(tipGrantColumns.map((column) => [column, names.indexOf(column)]));
}

/** The first line's bytes as Latin-1 (enough to count commas), reading at most one line guard's worth. */
async function readFirstLine(source: TipGrantsSource): Promise<string> {
  const stream = openBytes(source);
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const end = chunk.indexOf(10);
    parts.push(end === -1 ? chunk : chunk.subarray(0, end));
    length += chunk.length;
    if (end !== -1 || length > defaultMaxLineChars) break;
  }
  stream.destroy();
  return Buffer.concat(parts).toString('latin1');
}

/**
 * Reads the grant listing: detects the encoding, checks the header, and returns every data
 * row with its line number. Only a file that cannot be read as the listing at all (empty,
 * unknown layout, malformed CSV) throws INVALID_FILE; everything about single rows is left to
 * the importer, which reports it as problems.
 */
export async function parseTipGrantsFile(source: TipGrantsSource): Promise<ParsedTipGrants> {
  const sniffed = await sniffEncoding(source).catch((error: NodeJS.ErrnoException) => {
    if (!error.code || !('filePath' in source)) throw error;
    throw new AppError({
      code: 'INVALID_FILE',
      message: `Cannot read ${source.filePath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
      cause: error,
    });
  });
  if (sniffed.bytes === 0 || sniffed.blank) {
    throw new AppError({ code: 'INVALID_FILE', message: 'The file is empty: expected the TIP grant listing header and rows' });
  }
  // An absurdly wide header is refused before csv-parse spends seconds splitting it.
  checkColumnCount((await readFirstLine(source)).replace(/"[^"]*"/g, '').split(','), 'the TIP grant listing layout');
  const problems: ImportProblem[] = [];
  let text: NodeJS.ReadableStream = openBytes(source);
  if (sniffed.encoding === 'windows-1252') {
    problems.push({
      line: 1,
      field: 'file',
      message: 'The file is not valid UTF-8; it was read as Windows-1252. Check accented names in the result',
      severity: 'warning',
    });
    text = text.pipe(iconv.decodeStream('windows-1252'));
  }
  const parser = text.pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false, max_record_size: defaultMaxLineChars }),
  );
  const rows: TipGrantRow[] = [];
  let columns: Map<TipGrantColumn, number> | undefined;
  let header: string[] = [];
  try {
    for await (const { line, record } of numberLines(parser)) {
      if (!columns) {
        columns = checkHeader(record);
        header = record;
        continue;
      }
      // PostgreSQL stores no NUL in text: refuse the file naming the line, before anything is written.
      const nulAt = record.findIndex((value) => value.includes('\u0000'));
      if (nulAt !== -1) {
        throw new AppError({
          code: 'INVALID_FILE',
          message: `line ${line} contains a NUL character (column ${nulAt + 1}), which no field may hold: the file is broken or not this format`,
          details: [{ line, field: header[nulAt]?.trim() || 'file', message: 'contains a NUL character' }],
        });
      }
      const fields = Object.fromEntries(
        tipGrantColumns.map((column) => [column, record[columns!.get(column)!] ?? '']),
      ) as TipGrantRow['fields'];
      rows.push({ line, fields });
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvErrorToAppError(error);
    throw error;
  }
  if (!columns) throw new AppError({ code: 'INVALID_FILE', message: 'The file is empty: expected the TIP grant listing header and rows' });
  return { encoding: sniffed.encoding, sha256: sniffed.sha256, rows, problems };
}
