import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { programCsvColumns, type ProgramCsvColumn } from '../../exports/program-csv.format.ts';
import { AppError } from '../../shared/errors.ts';
import { openCsv } from '../shared/csv-reader.ts';
import type { ImportProblem } from '../shared/import-report.ts';
import type { TextEncodingName } from '../shared/text-stream.ts';

export type { ImportProblem, ImportProblemSeverity } from '../shared/import-report.ts';

/** One data row as written, with the line it starts on (a quoted cell may span lines). */
export type CtipCsvRow = { line: number; fields: Record<ProgramCsvColumn, string> };

export type CtipCsvSource = { filePath: string } | { content: string | Uint8Array };

export type ParsedCtipCsv = { encoding: TextEncodingName; sha256: string; rows: CtipCsvRow[]; problems: ImportProblem[] };

const layoutName = 'the ctip program CSV layout';

/** Runs `read` on the source as a file: content given in memory goes through a private temporary file. */
async function withFile<T>(source: CtipCsvSource, read: (filePath: string) => Promise<T>): Promise<T> {
  if ('filePath' in source) return read(source.filePath);
  const folder = await mkdtemp(path.join(tmpdir(), 'ctip-csv-'));
  try {
    const filePath = path.join(folder, 'upload.csv');
    await writeFile(filePath, source.content, { mode: 0o600 });
    return await read(filePath);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Reads a ctip program CSV through the shared streaming reader: encoding, header (refused before
 * the rest is read), the 10 MiB line guard and NUL refusal, then every data row with its line
 * number. Only a file that cannot be read as the layout at all throws INVALID_FILE; row problems
 * are the importer's. The rows are kept (a program's rows may lie anywhere in the file), as
 * compact records of their cells, never the file's text.
 */
export async function parseCtipCsv(source: CtipCsvSource): Promise<ParsedCtipCsv> {
  return withFile(source, async (filePath) => {
    const csv = await openCsv({ filePath, expected: programCsvColumns, layoutName });
    const rows: CtipCsvRow[] = [];
    for await (const record of csv.records) {
      if (record.problem) {
        // A short or long row cannot be told apart from a broken file: the layout is one row per line.
        throw new AppError({
          code: 'INVALID_FILE',
          message: `The file is not valid CSV at line ${record.line}: the row has a different number of fields than the header`,
          details: [{ line: record.line, field: 'row', message: record.problem.message }],
        });
      }
      rows.push({
        line: record.line,
        fields: Object.fromEntries(programCsvColumns.map((column) => [column, csv.get(record, column)])) as CtipCsvRow['fields'],
      });
    }
    return { encoding: csv.text.encoding, sha256: csv.text.sha256, rows, problems: csv.text.problems };
  });
}
