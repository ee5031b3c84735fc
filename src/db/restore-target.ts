import { existsSync, fsyncSync, mkdirSync, openSync, closeSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { AppError } from '../shared/errors.ts';
import { openDatabase } from './database.ts';

/** One database session a restore runs in: the same shape over node-postgres and PGlite. */
export type RestoreSession = {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
};

/** Where a restore writes: a PostgreSQL server's database, a PGlite data directory, or a PGlite in memory (checks). */
export type RestoreTarget = { databaseUrl: string } | { dataDir: string };

/** An opened, verified-empty target: run the restore in `session`, then `finish` (after COMMIT) or `abandon`. */
export type OpenedTarget = {
  kind: 'pglite' | 'postgres';
  session: RestoreSession;
  /** Makes the restored database the target's (PGlite: moves the finished directory into place). */
  finish: () => Promise<void>;
  /** Closes and removes whatever the restore wrote. */
  abandon: () => Promise<void>;
};

/** A restore session on an embedded database's client. */
export function sessionOfPglite(client: PGlite): RestoreSession {
  return {
    query: async (sql, params) => {
      const result = await client.query<Record<string, unknown>>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
  };
}

/** The names of what a database already holds besides extensions' objects (empty when it is empty). */
const userObjectsSql = `
  SELECT n.nspname || '.' || c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e')
  UNION ALL
  SELECT n.nspname || '.' || p.proname || '()' FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'schema ' || nspname FROM pg_catalog.pg_namespace
   WHERE nspname NOT IN ('public', 'pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
  LIMIT 5`;

/** What the database of `session` already holds (at most five names), for the refusal message. */
export async function listUserObjects(session: RestoreSession): Promise<string[]> {
  const { rows } = await session.query(userObjectsSql);
  return rows.map((row) => String(row.name));
}

function refuseNonEmpty(where: string, holds: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `${where} is not empty (${holds}): restore only into an empty database or a new data directory; nothing was changed`,
  });
}

/**
 * Opens the restore's target after checking it is empty: a database on a PostgreSQL server with
 * no tables, sequences, views, functions or schemas of its own; or a PGlite data directory that
 * does not exist yet or is an empty folder. A PGlite restore is written to a new folder beside the
 * target and moved into place only once committed, so a killed restore leaves the target as it
 * was (a leftover `.NAME.restoring-PID` folder is removed by the next restore).
 */
export async function openRestoreTarget(target: RestoreTarget): Promise<OpenedTarget> {
  if ('databaseUrl' in target) return openServerTarget(target.databaseUrl);
  if (target.dataDir.startsWith('memory://')) return openPgliteTarget(target.dataDir, undefined);
  const dataDir = path.resolve(target.dataDir);
  if (existsSync(dataDir)) {
    if (!statSync(dataDir).isDirectory()) throw refuseNonEmpty(`The data directory ${dataDir}`, 'it is a file');
    const entries = readdirSync(dataDir);
    if (entries.length > 0) {
      throw refuseNonEmpty(
        `The data directory ${dataDir}`,
        existsSync(path.join(dataDir, 'PG_VERSION')) ? 'it holds a database' : `it holds ${entries.slice(0, 3).join(', ')}`,
      );
    }
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  removeAbandonedRestores(dataDir);
  const workDir = path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.restoring-${process.pid}`);
  rmSync(workDir, { recursive: true, force: true });
  return openPgliteTarget(workDir, dataDir);
}

async function openServerTarget(databaseUrl: string): Promise<OpenedTarget> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new AppError({
      code: 'INTERNAL',
      message: `Cannot connect to the PostgreSQL server of DATABASE_URL: ${(error as Error).message}`,
      cause: error,
    });
  }
  const session: RestoreSession = {
    query: async (sql, params) => {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
  };
  const holds = await listUserObjects(session);
  if (holds.length) {
    await client.end();
    throw refuseNonEmpty('The database of DATABASE_URL', `it holds ${holds.join(', ')}`);
  }
  const end = async () => {
    await client.end().catch(() => {});
  };
  return { kind: 'postgres', session, finish: end, abandon: end };
}

async function openPgliteTarget(workDir: string, dataDir: string | undefined): Promise<OpenedTarget> {
  const handle = await openDatabase({ dataDir: workDir });
  const session = sessionOfPglite(handle.pglite!);
  const cleanUp = () => {
    if (dataDir) rmSync(workDir, { recursive: true, force: true });
  };
  return {
    kind: 'pglite',
    session,
    finish: async () => {
      await handle.close();
      if (!dataDir) return;
      // rename(2) replaces an empty directory and is atomic: the target is whole or untouched.
      try {
        renameSync(workDir, dataDir);
      } catch (error) {
        cleanUp();
        throw refuseNonEmpty(
          `The data directory ${dataDir}`,
          `something was written to it during the restore: ${(error as Error).message}`,
        );
      }
      syncDirectory(path.dirname(dataDir));
    },
    abandon: async () => {
      await handle.close().catch(() => {});
      cleanUp();
    },
  };
}

/** Removes work folders of restores into `dataDir` whose process is gone (killed midway). */
function removeAbandonedRestores(dataDir: string): void {
  const prefix = `.${path.basename(dataDir)}.restoring-`;
  for (const name of readdirSync(path.dirname(dataDir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
    rmSync(path.join(path.dirname(dataDir), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncDirectory(folder: string): void {
  const descriptor = openSync(folder, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
