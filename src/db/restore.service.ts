import { readFileSync } from 'node:fs';
import { AppError, isAppError } from '../shared/errors.ts';
import { readDump, type Dump, type DumpItem } from './dump-reader.ts';
import { planMetaCommand, planStatement } from './restore-statements.ts';
import { openRestoreTarget, type RestoreSession, type RestoreTarget } from './restore-target.ts';

/** How far a restore is: dump items (statements and COPY blocks) done of the total. */
export type RestoreProgress = { done: number; total: number };

/** What a restore wrote: rows per table as loaded from the dump. */
export type RestoreReport = {
  engine: 'pglite' | 'postgres';
  /** The PostgreSQL version the dump was taken from, as pg_dump wrote it. */
  sourceVersion: string | undefined;
  tables: number;
  rows: number;
  rowsByTable: Record<string, number>;
  /** Rows of drizzle's migrations table: how many migrations the restored database has applied. */
  migrations: number;
  /** Statements left out because the target cannot or need not run them (ownership, unknown settings). */
  skipped: number;
};

/** Reads and checks a dump file; nothing is opened or written. */
export function readDumpFile(filePath: string): Dump {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError({
      code: 'INVALID_FILE',
      message: `Cannot read ${filePath}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
      cause: error,
    });
  }
  const dump = readDump(text);
  const hasMigrations = dump.items.some(
    (item) => item.kind === 'statement' && /^CREATE TABLE drizzle\.__drizzle_migrations\s*\(/.test(item.sql),
  );
  if (!hasMigrations) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: 'The dump holds no ctip database (it has no drizzle.__drizzle_migrations table): restore a file written by ctip backup',
    });
  }
  return dump;
}

/**
 * Restores a backup (a plain-format dump of a ctip database, from either engine) into the
 * configured target, which must be empty: all of it in one transaction, so a failure or a killed
 * process leaves the target empty, never half restored. The migrations table and the sequences
 * come with the dump, so the server starts on the result and new rows get new ids.
 */
export async function restoreDatabase(options: {
  filePath: string;
  target: RestoreTarget;
  onProgress?: (progress: RestoreProgress) => void;
}): Promise<RestoreReport> {
  const dump = readDumpFile(options.filePath);
  const target = await openRestoreTarget(options.target);
  try {
    const report = await loadDump({ dump, session: target.session, engine: target.kind, onProgress: options.onProgress });
    await target.finish();
    return report;
  } catch (error) {
    await target.abandon();
    throw error;
  }
}

/** Runs a dump's items in `session` in one transaction and commits; rolls back on any failure. */
export async function loadDump(options: {
  dump: Dump;
  session: RestoreSession;
  engine: RestoreReport['engine'];
  onProgress?: (progress: RestoreProgress) => void;
}): Promise<RestoreReport> {
  const { dump, session } = options;
  const settings = await session.query('SELECT name FROM pg_catalog.pg_settings');
  const knownSettings = new Set(settings.rows.map((row) => String(row.name).toLowerCase()));
  const report: RestoreReport = {
    engine: options.engine,
    sourceVersion: dump.sourceVersion,
    tables: 0,
    rows: 0,
    rowsByTable: {},
    migrations: 0,
    skipped: 0,
  };
  let current: DumpItem | undefined;
  await session.query('BEGIN');
  try {
    for (const [index, item] of dump.items.entries()) {
      current = item;
      await runItem({ item, session, knownSettings, report });
      options.onProgress?.({ done: index + 1, total: dump.items.length });
    }
    current = undefined;
    const migrations = await session.query('SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations');
    report.migrations = Number(migrations.rows[0]?.count ?? 0);
    if (report.migrations === 0)
      throw new AppError({
        code: 'INVALID_FILE',
        message:
          'The dump holds no applied migrations (drizzle.__drizzle_migrations is empty): it is not a backup of a working ctip database; nothing was restored',
      });
    await session.query('COMMIT');
  } catch (error) {
    await session.query('ROLLBACK').catch(() => {});
    if (isAppError(error)) throw error;
    const line = current?.line;
    const message = `${line !== undefined ? `Line ${line} of the dump` : 'The dump'} could not be restored into the ${options.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} database: ${(error as Error).message}; nothing was restored`;
    throw new AppError({
      code: 'INVALID_FILE',
      message,
      ...(line !== undefined ? { details: [{ line, message: (error as Error).message }] } : {}),
      cause: error,
    });
  }
  report.rows = Object.values(report.rowsByTable).reduce((sum, count) => sum + count, 0);
  return report;
}

async function runItem(options: {
  item: DumpItem;
  session: RestoreSession;
  knownSettings: ReadonlySet<string>;
  report: RestoreReport;
}): Promise<void> {
  const { item, session, report } = options;
  if (item.kind === 'meta') {
    planMetaCommand({ command: item.command, line: item.line });
    return;
  }
  if (item.kind === 'copy') {
    await insertCopyRows({ session, table: item.table, columns: item.columns, rows: item.rows });
    report.rowsByTable[item.table] = (report.rowsByTable[item.table] ?? 0) + item.rows.length;
    return;
  }
  if (planStatement({ sql: item.sql, line: item.line, knownSettings: options.knownSettings }).action === 'skip') {
    report.skipped += 1;
    return;
  }
  const result = await session.query(item.sql);
  if (/^CREATE TABLE\s/i.test(item.sql)) report.tables += 1;
  const inserted = /^INSERT INTO\s+(\S+?)\s*(?:\(|VALUES\b|OVERRIDING\b)/i.exec(item.sql)?.[1];
  if (inserted) report.rowsByTable[inserted] = (report.rowsByTable[inserted] ?? 0) + result.rowCount;
}

/** The SQL type of each column, so COPY's text values can be cast exactly as COPY would read them. */
async function columnTypes(session: RestoreSession, table: string, columns: string[]): Promise<string[]> {
  const { rows } = await session.query(
    'SELECT attname AS name, pg_catalog.format_type(atttypid, NULL) AS type FROM pg_catalog.pg_attribute WHERE attrelid = $1::text::pg_catalog.regclass AND attnum > 0 AND NOT attisdropped',
    [table],
  );
  const types = new Map(rows.map((row) => [String(row.name), String(row.type)]));
  return columns.map((column) => {
    const name = column.startsWith('"') ? column.slice(1, -1).replaceAll('""', '"') : column;
    const type = types.get(name);
    if (!type)
      throw new AppError({
        code: 'INVALID_FILE',
        message: `The dump's COPY data names a column ${column} that table ${table} does not have; nothing was restored`,
      });
    return type;
  });
}

/**
 * Loads a COPY block with multi-row INSERTs (neither driver here can stream COPY FROM STDIN):
 * every value goes as text and is cast to the column's type, the same input function COPY uses.
 * OVERRIDING SYSTEM VALUE keeps the dumped ids of identity columns.
 */
async function insertCopyRows(options: {
  session: RestoreSession;
  table: string;
  columns: string[];
  rows: (string | null)[][];
}): Promise<void> {
  if (options.rows.length === 0) return;
  const types = await columnTypes(options.session, options.table, options.columns);
  const batchSize = Math.max(1, Math.min(1000, Math.floor(30_000 / options.columns.length)));
  for (let start = 0; start < options.rows.length; start += batchSize) {
    const batch = options.rows.slice(start, start + batchSize);
    const tuples = batch.map(
      (_row, rowIndex) => `(${types.map((type, column) => `$${rowIndex * types.length + column + 1}::text::${type}`).join(', ')})`,
    );
    // Table and column names come from the dump's COPY line, checked against pg_dump's identifier
    // syntax by the reader; the values are parameters.
    await options.session.query(
      `INSERT INTO ${options.table} (${options.columns.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`,
      batch.flat(),
    );
  }
}
