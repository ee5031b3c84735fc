import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { programCsvColumns, type ProgramCsvColumn } from '../../exports/program-csv.format.ts';
import { AppError } from '../../shared/errors.ts';
import { csvErrorToAppError, numberLines } from '../shared/csv-reader.ts';
import type { ImportProblem } from '../shared/import-report.ts';

export type { ImportProblem, ImportProblemSeverity } from '../shared/import-report.ts';

/** One data row as written, with the line it starts on (a quoted cell may span lines). */
export type CtipCsvRow = { line: number; fields: Record<ProgramCsvColumn, string> };

export type CtipCsvSource = { filePath: string } | { content: string | Uint8Array };

export type ParsedCtipCsv = { encoding: 'utf-8' | 'windows-1252'; sha256: string; rows: CtipCsvRow[]; problems: ImportProblem[] };

async function readBytes(source: CtipCsvSource): Promise<Buffer> {
  if (!('filePath' in source)) return typeof source.content === 'string' ? Buffer.from(source.content, 'utf8') : Buffer.from(source.content);
  try {
    return await readFile(source.filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError({ code: 'INVALID_FILE', message: `Cannot read ${source.filePath}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, cause: error });
  }
}

/** UTF-8 when every byte sequence is valid UTF-8; otherwise Windows-1252, what Excel on Windows saves. */
function decode(bytes: Buffer): { text: string; encoding: ParsedCtipCsv['encoding'] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}

/** Checks the header names the ctip columns, each once, in any order; otherwise INVALID_FILE naming them. */
function checkHeader(header: string[]): Map<ProgramCsvColumn, number> {
  const names = header.map((name) => name.trim().toLowerCase());
  const known: readonly string[] = programCsvColumns;
  const missing = programCsvColumns.filter((column) => !names.includes(column));
  const unexpected = header.filter((_name, index) => !known.includes(names[index]!));
  const repeated = names.filter((name, index) => known.includes(name) && names.indexOf(name) !== index);
  const parts = [
    missing.length ? `missing ${missing.map((name) => `'${name}'`).join(', ')}` : '',
    unexpected.length ? `unexpected ${unexpected.map((name) => `'${name}'`).join(', ')}` : '',
    repeated.length ? `repeated ${repeated.map((name) => `'${name}'`).join(', ')}` : '',
  ].filter(Boolean);
  if (parts.length) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: `This is not the ctip program CSV layout: ${parts.join('; ')}. Expected the columns ${programCsvColumns.join(', ')} (ctip template csv prints them)`,
      details: parts.map((message) => ({ line: 1, field: 'header', message })),
    });
  }
  return new Map(programCsvColumns.map((column) => [column, names.indexOf(column)]));
}

/**
 * Reads a ctip program CSV: encoding, header, and every data row with its line number. Only a
 * file that cannot be read as the layout at all throws INVALID_FILE; row problems are the importer's.
 */
export async function parseCtipCsv(source: CtipCsvSource): Promise<ParsedCtipCsv> {
  const bytes = await readBytes(source);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { text, encoding } = decode(bytes);
  if (!/[^\s\uFEFF]/.test(text)) throw new AppError({ code: 'INVALID_FILE', message: 'The file is empty: expected the ctip CSV header and rows' });
  const problems: ImportProblem[] = [];
  if (encoding === 'windows-1252') {
    problems.push({ line: 1, field: 'file', message: 'The file is not valid UTF-8; it was read as Windows-1252. Check accented names in the result', severity: 'warning' });
  }
  const parser = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false });
  const rows: CtipCsvRow[] = [];
  let columns: Map<ProgramCsvColumn, number> | undefined;
  try {
    for await (const { line, record } of numberLines(parser)) {
      if (!columns) columns = checkHeader(record);
      else rows.push({ line, fields: Object.fromEntries(programCsvColumns.map((column) => [column, record[columns!.get(column)!] ?? ''])) as CtipCsvRow['fields'] });
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvErrorToAppError(error);
    throw error;
  }
  return { encoding, sha256, rows, problems };
}
