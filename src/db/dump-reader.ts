import { AppError } from '../shared/errors.ts';

/** One step of a plain-format pg_dump, in file order. */
export type DumpItem =
  | { kind: 'statement'; sql: string; line: number }
  /** A `COPY … FROM stdin` block: the rows decoded from COPY's text format (null for `\N`). */
  | { kind: 'copy'; table: string; columns: string[]; rows: (string | null)[][]; line: number }
  /** A psql meta-command line such as `\restrict KEY`. */
  | { kind: 'meta'; command: string; line: number };

export type Dump = {
  items: DumpItem[];
  /** The "Dumped from database version" line, e.g. "18.7" (PGlite) or "15.18". */
  sourceVersion: string | undefined;
};

const header = '-- PostgreSQL database dump';
const trailer = '-- PostgreSQL database dump complete';

function invalidDump(message: string, line?: number): AppError {
  return new AppError({ code: 'INVALID_FILE', message, ...(line !== undefined ? { details: [{ line, message }] } : {}) });
}

/**
 * Reads a plain-format dump (pg_dump's SQL output) into statements, COPY blocks and psql
 * meta-commands, without running anything. Refuses a file that is not a dump, and a dump cut
 * short (pg_dump's closing line missing, a string, COPY block or statement left open), so a
 * restore never starts on half a backup.
 */
export function readDump(text: string): Dump {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const opening = body.slice(0, 4096);
  if (body.includes('\u0000') || !opening.split(/\r?\n/).some((line) => line.trimEnd() === header)) {
    throw invalidDump(
      'The file is not a PostgreSQL dump in plain SQL format (it does not start with pg_dump\'s "-- PostgreSQL database dump" header); use a file written by ctip backup or pg_dump --format=plain',
    );
  }
  if (!/^-- PostgreSQL database dump complete\s*$/m.test(body.slice(-4096))) {
    throw invalidDump(`The dump is incomplete (truncated?): it does not end with pg_dump's "${trailer}" line; nothing was restored`);
  }
  const items = splitDump(body);
  const sourceVersion = /^-- Dumped from database version (\S+)/m.exec(opening)?.[1];
  return { items, sourceVersion };
}

const identifier = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const copyPattern = new RegExp(
  String.raw`^COPY\s+(${identifier}(?:\.${identifier})?)\s*\(((?:\s*${identifier}\s*,)*\s*${identifier}\s*)\)\s+FROM\s+stdin;$`,
  'i',
);

/** Splits the dump's text into items, keeping the line each starts on for error messages. */
function splitDump(text: string): DumpItem[] {
  const items: DumpItem[] = [];
  const cursor = { position: 0, line: 1 };
  const advanceTo = (position: number) => {
    for (let index = cursor.position; index < position; index += 1) if (text.charCodeAt(index) === 10) cursor.line += 1;
    cursor.position = position;
  };
  for (;;) {
    advanceTo(skipSpaceAndComments(text, cursor.position, cursor.line));
    if (cursor.position >= text.length) return items;
    const line = cursor.line;
    if (text[cursor.position] === '\\') {
      const end = lineEnd(text, cursor.position);
      items.push({ kind: 'meta', command: text.slice(cursor.position, end).trimEnd(), line });
      advanceTo(end);
      continue;
    }
    const end = statementEnd(text, cursor.position, line);
    const sql = text.slice(cursor.position, end);
    advanceTo(end);
    const copy = copyPattern.exec(sql);
    if (!copy) {
      items.push({ kind: 'statement', sql, line });
      continue;
    }
    // The COPY data starts on the line after the statement and ends at a line holding `\.`
    // (a data line cannot start with it: COPY writes a backslash as `\\`).
    const dataStart = lineEnd(text, cursor.position) + 1;
    const terminator = dataStart > text.length ? -1 : text.indexOf('\n\\.', dataStart - 1);
    if (terminator < 0)
      throw invalidDump(
        `The dump is incomplete: the COPY data for ${copy[1]} that starts on line ${line} never ends (no "\\." line)`,
        line,
      );
    const block = terminator < dataStart ? '' : text.slice(dataStart, terminator);
    const columns = copy[2]!.split(',').map((column) => column.trim());
    items.push({ kind: 'copy', table: copy[1]!, columns, rows: decodeCopyRows(block, columns.length, line + 1), line });
    advanceTo(lineEnd(text, terminator + 1));
  }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Skips whitespace, `--` comments and (nested) block comments between statements. */
function skipSpaceAndComments(text: string, from: number, line: number): number {
  let index = from;
  for (;;) {
    while (index < text.length && /\s/.test(text[index]!)) index += 1;
    if (text.startsWith('--', index)) index = lineEnd(text, index);
    else if (text.startsWith('/*', index)) index = blockCommentEnd(text, index, line);
    else return index;
  }
}

function blockCommentEnd(text: string, from: number, line: number): number {
  let depth = 0;
  for (let index = from; index < text.length - 1; index += 1) {
    if (text.startsWith('/*', index)) {
      depth += 1;
      index += 1;
    } else if (text.startsWith('*/', index)) {
      depth -= 1;
      index += 1;
      if (depth === 0) return index + 1;
    }
  }
  throw invalidDump(`The dump is incomplete: a comment that starts near line ${line} never ends`, line);
}

/**
 * The position just after the `;` that ends the statement starting at `from`, stepping over
 * quoted strings, quoted identifiers, dollar-quoted bodies and comments.
 */
function statementEnd(text: string, from: number, line: number): number {
  const unterminated = (what: string) => invalidDump(`The dump is incomplete: ${what} in the statement on line ${line} never ends`, line);
  let index = from;
  while (index < text.length) {
    const char = text[index]!;
    if (char === ';') return index + 1;
    if (char === "'") {
      const escapes = /[Ee]/.test(text[index - 1] ?? '') && !/[A-Za-z0-9_$]/.test(text[index - 2] ?? '');
      index = quotedEnd(text, index, "'", escapes);
      if (index < 0) throw unterminated('a quoted string');
    } else if (char === '"') {
      index = quotedEnd(text, index, '"', false);
      if (index < 0) throw unterminated('a quoted name');
    } else if (char === '$' && !/[A-Za-z0-9_$]/.test(text[index - 1] ?? '')) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(index, index + 64))?.[0];
      if (!tag) {
        index += 1;
        continue;
      }
      const close = text.indexOf(tag, index + tag.length);
      if (close < 0) throw unterminated(`a ${tag}-quoted body`);
      index = close + tag.length;
    } else if (text.startsWith('--', index)) {
      index = lineEnd(text, index);
    } else if (text.startsWith('/*', index)) {
      index = blockCommentEnd(text, index, line);
    } else {
      index += 1;
    }
  }
  throw invalidDump(`The dump is incomplete: the statement on line ${line} has no closing ";"`, line);
}

/** The position after the closing quote of the quoted text opening at `from`, or -1. */
function quotedEnd(text: string, from: number, quote: string, backslashEscapes: boolean): number {
  let index = from + 1;
  while (index < text.length) {
    const char = text[index]!;
    if (backslashEscapes && char === '\\') index += 2;
    else if (char === quote) {
      if (text[index + 1] === quote) index += 2;
      else return index + 1;
    } else index += 1;
  }
  return -1;
}

const simpleEscapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Decodes COPY's text format: tab-separated fields, `\N` for null, backslash escapes. */
function decodeCopyRows(block: string, columnCount: number, firstLine: number): (string | null)[][] {
  if (block === '') return [];
  return block.split('\n').map((row, index) => {
    const fields = row
      .replace(/\r$/, '')
      .split('\t')
      .map((field) => (field === '\\N' ? null : decodeCopyField(field)));
    if (fields.length !== columnCount) {
      throw invalidDump(
        `The dump is damaged: line ${firstLine + index} of COPY data has ${fields.length} fields, expected ${columnCount}`,
        firstLine + index,
      );
    }
    return fields;
  });
}

function decodeCopyField(field: string): string {
  if (!field.includes('\\')) return field;
  return field.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)/g, (_match, escape: string) => {
    if (escape[0] === 'x' && escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return simpleEscapes[escape] ?? escape;
  });
}
