import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../shared/errors.ts';
import type { ImportProblem } from './import-report.ts';
import { openTextStream, type TextSource } from './text-stream.ts';

/** One data record: the line it starts on, and its values in file order. */
export type CsvRecord = {
  line: number;
  values: string[];
  /** Set when the record does not have as many fields as the header; the importer rejects it. */
  problem?: ImportProblem;
};

/** An opened CSV file whose header was checked; iterate `records` once. */
export type CsvFile = {
  text: TextSource;
  header: string[];
  /** Column name (as given in `expected`) → index in `values`. */
  columns: Map<string, number>;
  records: AsyncIterable<CsvRecord>;
  /** The value of a column in a record ('' when absent). */
  get(record: CsvRecord, column: string): string;
};

const otherDelimiters = [';', '\t', '|'] as const;

function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

/**
 * The delimiter a header line seems to use when it is not the expected one: a header read as a
 * single field that contains ';', tab or '|' several times.
 */
export function sniffDelimiter(header: string[], expected = ','): string | undefined {
  if (header.length > 1) return undefined;
  const text = header.join(expected);
  const counts = otherDelimiters.map((delimiter) => [delimiter, text.split(delimiter).length - 1] as const);
  const [best, count] = counts.reduce((left, right) => (right[1] > left[1] ? right : left));
  return count >= 1 ? best : undefined;
}

/** Throws INVALID_FILE naming the delimiter when a header uses another one than ','. */
function checkDelimiter(header: string[], layoutName: string): void {
  const delimiter = sniffDelimiter(header);
  if (delimiter) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: `The file uses ${delimiterName(delimiter)} as delimiter where ',' is expected (${layoutName} is comma-separated); save it as CSV with commas`,
      details: [{ line: 1, field: 'header', message: `delimiter ${delimiterName(delimiter)} found, ',' expected` }],
    });
  }
}

/** No layout ctip reads has more columns than this; a wider header is broken or hostile. */
export const maxHeaderColumns = 1000;

/** Throws INVALID_FILE when a header has an absurd number of columns, before anything looks at them. */
export function checkColumnCount(header: readonly string[], layoutName: string): void {
  if (header.length <= maxHeaderColumns) return;
  throw new AppError({
    code: 'INVALID_FILE',
    message: `Unknown layout: the header has more than ${maxHeaderColumns} columns (no layout ctip reads has as many); this is not ${layoutName}`,
    details: [{ line: 1, field: 'header', message: `more than ${maxHeaderColumns} columns` }],
  });
}

/**
 * Checks a header against the expected columns (case and surrounding spaces ignored). Throws
 * INVALID_FILE naming the layout expected, the delimiter found when it is another one, and the
 * missing, unexpected and repeated columns. `optional` columns may be absent.
 */
export function checkHeader(options: {
  header: string[];
  expected: readonly string[];
  layoutName: string;
  optional?: readonly string[];
}): Map<string, number> {
  const { header, expected, layoutName } = options;
  checkColumnCount(header, layoutName);
  checkDelimiter(header, layoutName);
  const names = header.map((name) => name.trim().toLowerCase());
  const optional = new Set(options.optional ?? []);
  // Sets, not array scans: a header of many columns must cost linear time, not quadratic.
  const present = new Set(names);
  const lower = new Set(expected.map((column) => column.toLowerCase()));
  const missing = expected.filter((column) => !present.has(column.toLowerCase()) && !optional.has(column));
  const unexpected = header.filter((_name, index) => !lower.has(names[index]!));
  const seen = new Set<string>();
  const repeated = names.filter((name) => {
    if (name === '') return false;
    if (seen.has(name)) return true;
    seen.add(name);
    return false;
  });
  if (missing.length || unexpected.length || repeated.length) {
    const list = (label: string, items: string[]) =>
      items.length
        ? `${label} ${items
            .slice(0, 8)
            .map((name) => `'${name}'`)
            .join(', ')}${items.length > 8 ? ` and ${items.length - 8} more` : ''}`
        : '';
    const parts = [list('missing columns', missing), list('unexpected columns', unexpected), list('repeated columns', repeated)].filter(
      Boolean,
    );
    throw new AppError({
      code: 'INVALID_FILE',
      message: `Unknown layout: this is not ${layoutName} (${parts.join('; ')})`,
      details: parts.map((message) => ({ line: 1, field: 'header', message })),
    });
  }
  const positions = new Map(names.map((name, index) => [name, index] as const));
  return new Map(
    expected.flatMap((column) => (positions.has(column.toLowerCase()) ? [[column, positions.get(column.toLowerCase())!] as const] : [])),
  );
}

/** The INVALID_FILE a csv-parse error means, with the line it happened on. */
export function csvErrorToAppError(error: CsvError): AppError {
  const line = (error as CsvError & { lines?: number }).lines;
  const reasons: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (is the file truncated?)',
    CSV_INVALID_CLOSING_QUOTE: 'a quote closes a field in the middle of a value',
    CSV_MAX_RECORD_SIZE: 'a record is longer than the longest allowed',
    // Only for readers that refuse the whole file on a short or long row (relax_column_count off).
    CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has a different number of fields than the header',
  };
  const reason = reasons[error.code] ?? error.message;
  return new AppError({
    code: 'INVALID_FILE',
    message: `The file is not valid CSV${line !== undefined ? ` at line ${line}` : ''}: ${reason}`,
    details: [{ ...(line !== undefined ? { line } : {}), message: reason }],
    cause: error,
  });
}

type ParsedRow = { record: string[]; info: { lines: number; empty_lines: number } };

/**
 * csv-parse's rows (parsed with `info: true`) with the line each starts on: the line after the
 * previous record's last line, plus the blank lines skipped since. `after` is where reading
 * resumes when earlier rows were taken already (the header).
 */
export async function* numberLines(
  rows: AsyncIterable<ParsedRow>,
  after: ParsedRow['info'] = { lines: 0, empty_lines: 0 },
): AsyncGenerator<{ line: number; record: string[] }> {
  let previousEnd = after.lines;
  let previousEmpty = after.empty_lines;
  for await (const { record, info } of rows) {
    yield { line: previousEnd + 1 + (info.empty_lines - previousEmpty), record };
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
  }
}

/**
 * Reads text until the end of the first line (at most 1 Mi characters) and returns it with the
 * whole text again, so the delimiter can be checked before csv-parse reads on (a ';' file
 * otherwise fails on a stray quote before its header is seen).
 */
async function peekFirstLine(chunks: AsyncIterable<string>): Promise<{ firstLine: string; chunks: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: string[] = [];
  let length = 0;
  let firstLine: string | undefined;
  while (firstLine === undefined && length < 1024 * 1024) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    length += next.value.length;
    const joined = head.join('');
    const end = joined.indexOf('\n');
    if (end !== -1) firstLine = joined.slice(0, end);
  }
  async function* replay(): AsyncGenerator<string> {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { firstLine: firstLine ?? head.join('').slice(0, 1024 * 1024), chunks: replay() };
}

/** Largest piece of text handed to csv-parse at once (see `inPieces`). */
const parserPieceChars = 16 * 1024;

/**
 * The text in pieces of at most `parserPieceChars`, never splitting a surrogate pair. csv-parse
 * turns a whole written chunk into records before backpressure can act, so a 1 MiB chunk of
 * one-character lines would become half a million records in memory at once.
 */
async function* inPieces(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    for (let start = 0; start < chunk.length;) {
      let end = Math.min(start + parserPieceChars, chunk.length);
      const last = chunk.charCodeAt(end - 1);
      if (end < chunk.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
      yield chunk.slice(start, end);
      start = end;
    }
  }
}

async function* recordsOf(chunks: AsyncIterable<string>, maxRecordChars: number): AsyncGenerator<ParsedRow> {
  const parser = parse({ info: true, skip_empty_lines: true, relax_column_count: true, max_record_size: maxRecordChars });
  const feeding = pipeline(Readable.from(inPieces(chunks), { objectMode: false }), parser).catch((error: unknown) => {
    parser.destroy(error as Error);
  });
  try {
    for await (const row of parser as AsyncIterable<ParsedRow>) yield row;
  } catch (error) {
    if (error instanceof CsvError) throw csvErrorToAppError(error);
    throw error;
  } finally {
    // Stopped early (header refused, consumer stopped): end the pipeline rather than wait on it.
    if (!parser.readableEnded) parser.destroy();
    await feeding;
  }
}

/**
 * Opens a comma-separated file of a known layout: detects the encoding (openTextStream), reads
 * and checks the header (checkHeader), and returns the data records as a stream. Broken files
 * (wrong delimiter, unknown layout, unterminated quote, over-long line) throw INVALID_FILE with
 * the line; a record with the wrong number of fields is yielded with a `problem` instead.
 */
export async function openCsv(options: {
  filePath: string;
  expected: readonly string[];
  layoutName: string;
  optional?: readonly string[];
  maxLineChars?: number;
}): Promise<CsvFile> {
  const text = await openTextStream(options.filePath, { maxLineChars: options.maxLineChars });
  const peeked = await peekFirstLine(text.chunks);
  // The header line, read naively: enough to see a file separated by something else than commas,
  // and to refuse an absurdly wide header before csv-parse spends seconds splitting it.
  const naiveHeader = peeked.firstLine.replace(/"[^"]*"/g, '').split(',');
  checkColumnCount(naiveHeader, options.layoutName);
  checkDelimiter(naiveHeader, options.layoutName);
  const rows = recordsOf(peeked.chunks, options.maxLineChars ?? 10 * 1024 * 1024);
  const first = await rows.next();
  if (first.done)
    throw new AppError({ code: 'INVALID_FILE', message: `The file is empty: expected the header and rows of ${options.layoutName}` });
  const header = first.value.record;
  let columns: Map<string, number>;
  try {
    columns = checkHeader({ header, expected: options.expected, layoutName: options.layoutName, optional: options.optional });
  } catch (error) {
    await rows.return(undefined);
    throw error;
  }
  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const { line, record } of numberLines({ [Symbol.asyncIterator]: () => rows }, first.value!.info)) {
      if (record.length === header.length) {
        yield { line, values: record };
        continue;
      }
      const message = `the record has ${record.length} fields, the header ${header.length}; rejected (a stray delimiter or an unquoted line break?)`;
      yield { line, values: record, problem: { line, field: 'row', message, severity: 'error' } };
    }
  }
  return {
    text,
    header,
    columns,
    records: records(),
    get: (record, column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (record.values[index] ?? '');
    },
  };
}
