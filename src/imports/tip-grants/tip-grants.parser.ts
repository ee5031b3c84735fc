import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../../shared/errors.ts';
import { csvErrorToAppError, numberLines } from '../shared/csv-reader.ts';
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
async function sniffEncoding(source: TipGrantsSource): Promise<{ encoding: ParsedTipGrants['encoding']; bytes: number; blank: boolean; sha256: string }> {
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
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = tipGrantColumns.filter((column) => !names.includes(column));
  const unexpected = header.filter((_name, index) => !(tipGrantColumns as readonly string[]).includes(names[index]!));
  const repeated = names.filter((name, index) => name !== '' && names.indexOf(name) !== index);
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

/**
 * Reads the grant listing: detects the encoding, checks the header, and returns every data
 * row with its line number. Only a file that cannot be read as the listing at all (empty,
 * unknown layout, malformed CSV) throws INVALID_FILE; everything about single rows is left to
 * the importer, which reports it as problems.
 */
export async function parseTipGrantsFile(source: TipGrantsSource): Promise<ParsedTipGrants> {
  const sniffed = await sniffEncoding(source).catch((error: NodeJS.ErrnoException) => {
    if (!error.code || !('filePath' in source)) throw error;
    throw new AppError({ code: 'INVALID_FILE', message: `Cannot read ${source.filePath}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, cause: error });
  });
  if (sniffed.bytes === 0 || sniffed.blank) {
    throw new AppError({ code: 'INVALID_FILE', message: 'The file is empty: expected the TIP grant listing header and rows' });
  }
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
  const parser = text.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false }));
  const rows: TipGrantRow[] = [];
  let columns: Map<TipGrantColumn, number> | undefined;
  try {
    for await (const { line, record } of numberLines(parser)) {
      if (!columns) {
        columns = checkHeader(record);
        continue;
      }
      const fields = Object.fromEntries(tipGrantColumns.map((column) => [column, record[columns!.get(column)!] ?? ''])) as TipGrantRow['fields'];
      rows.push({ line, fields });
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvErrorToAppError(error);
    throw error;
  }
  if (!columns) throw new AppError({ code: 'INVALID_FILE', message: 'The file is empty: expected the TIP grant listing header and rows' });
  return { encoding: sniffed.encoding, sha256: sniffed.sha256, rows, problems };
}
