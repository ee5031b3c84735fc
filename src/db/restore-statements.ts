import { AppError } from '../shared/errors.ts';

/** What a restore does with one statement of a dump. */
export type StatementAction = { action: 'run' } | { action: 'skip'; why: string };

/**
 * Decides, for one statement of a dump, whether the restore runs it. Skipped: settings the
 * target's PostgreSQL does not know (a PostgreSQL 17+ dump's `SET transaction_timeout` on a 15
 * server), ownership and privileges (the restoring role owns what it creates; the source's roles
 * need not exist on the target), comments on extensions and the public schema (they need their
 * owner), and PGlite's own column versions (`pg_attver`, which PGlite sets itself and a server
 * refuses). Refused: statements that would break the one-transaction restore or a single
 * database's dump (`CREATE DATABASE`, transaction control).
 */
export function planStatement(options: { sql: string; line: number; knownSettings: ReadonlySet<string> }): StatementAction {
  const sql = options.sql.trim();
  const setting = /^SET\s+(?:SESSION\s+|LOCAL\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*(?:=|TO\b)/i.exec(sql)?.[1];
  if (setting) {
    return options.knownSettings.has(setting.toLowerCase())
      ? { action: 'run' }
      : { action: 'skip', why: `setting ${setting} unknown to this PostgreSQL` };
  }
  if (/^ALTER\s+[\s\S]+\s+OWNER\s+TO\s+(?:"(?:[^"]|"")+"|\S+)\s*;$/i.test(sql)) return { action: 'skip', why: 'ownership' };
  if (/^(?:GRANT|REVOKE)\s/i.test(sql) || /^ALTER\s+DEFAULT\s+PRIVILEGES\s/i.test(sql)) return { action: 'skip', why: 'privileges' };
  if (/^SECURITY\s+LABEL\s/i.test(sql)) return { action: 'skip', why: 'security label' };
  if (/^COMMENT\s+ON\s+EXTENSION\s/i.test(sql) || /^COMMENT\s+ON\s+SCHEMA\s+public\s/i.test(sql))
    return { action: 'skip', why: 'comment owned by another role' };
  if (/^CREATE\s+SCHEMA\s+public\s*;$/i.test(sql)) return { action: 'skip', why: 'the public schema exists already' };
  if (/^ALTER\s+TABLE\s+ONLY\s+\S+\s+ALTER\s+COLUMN\s+\S+\s+SET\s+\(pg_attver=\d+\)\s*;$/i.test(sql))
    return { action: 'skip', why: 'PGlite column version' };
  if (/^CREATE\s+DATABASE\s/i.test(sql) || /^DROP\s+DATABASE\s/i.test(sql)) {
    throw refuse(
      options.line,
      'The dump creates or drops a database (made with pg_dump --create or --clean): make it without those options, as ctip backup does',
    );
  }
  if (/^(?:BEGIN|COMMIT|ROLLBACK|END|START\s+TRANSACTION|SAVEPOINT|RELEASE)\b/i.test(sql)) {
    throw refuse(
      options.line,
      'The dump contains transaction control, which would break the one-transaction restore; use a file written by ctip backup or pg_dump --format=plain',
    );
  }
  return { action: 'run' };
}

/**
 * Decides what to do with a psql meta-command line: `\restrict` and `\unrestrict` (newer
 * pg_dump's guard for psql) mean nothing here; any other one (`\connect` of pg_dumpall) is refused.
 */
export function planMetaCommand(options: { command: string; line: number }): StatementAction {
  if (/^\\(?:un)?restrict\b/.test(options.command)) return { action: 'skip', why: 'psql restrict guard' };
  if (/^\\(?:connect|c)\b/.test(options.command)) {
    throw refuse(
      options.line,
      "The dump switches databases (\\connect): it is a dump of a whole cluster (pg_dumpall); restore one database's dump, as ctip backup writes",
    );
  }
  throw refuse(options.line, `The dump uses the psql command ${options.command.split(/\s/)[0]}, which a restore cannot run`);
}

function refuse(line: number, message: string): AppError {
  return new AppError({ code: 'INVALID_FILE', message, details: [{ line, message }] });
}
