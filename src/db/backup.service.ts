import { spawn } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { protocol, type PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { AppError } from '../shared/errors.ts';
import type { DatabaseHandle } from './database.ts';

/** What a backup wrote. */
export type BackupReport = { file: string; bytes: number; engine: DatabaseHandle['kind'] };

/**
 * Writes a consistent logical dump of the database (pg_dump's plain SQL format, which either
 * engine can restore) to `outPath`. It goes to a temporary file beside it first and is renamed
 * into place once complete and synced, so `outPath` never holds half a backup. An existing file
 * is kept unless `overwrite`.
 */
export async function backupDatabase(options: {
  handle: DatabaseHandle;
  databaseUrl: string | undefined;
  outPath: string;
  overwrite?: boolean;
}): Promise<BackupReport> {
  const outPath = path.resolve(options.outPath);
  if (existsSync(outPath) && !options.overwrite) {
    throw new AppError({ code: 'CONFLICT', message: `${outPath} exists already: choose a new file name (or pass --force to replace it)` });
  }
  if (!existsSync(path.dirname(outPath)) || !statSync(path.dirname(outPath)).isDirectory()) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `Cannot write ${outPath}: the folder ${path.dirname(outPath)} does not exist`,
    });
  }
  const partial = path.join(path.dirname(outPath), `.${path.basename(outPath)}.partial-${process.pid}`);
  try {
    if (options.handle.kind === 'pglite') {
      if (!options.handle.pglite) throw new Error('the PGlite client is not available on this database handle');
      writeFileSync(partial, await dumpPglite(options.handle.pglite));
    } else {
      if (!options.databaseUrl) throw new Error('the PostgreSQL server database has no URL');
      await runPgDump({ databaseUrl: options.databaseUrl, file: partial });
    }
    syncFile(partial);
    renameSync(partial, outPath);
    syncFile(path.dirname(outPath));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { file: outPath, bytes: statSync(outPath).size, engine: options.handle.kind };
}

/**
 * Dumps the embedded database with PGlite's pg_dump (WebAssembly). It shares the one database
 * session with the rest of the process, so it runs holding PGlite's transaction lock: no
 * transaction or query of the server runs between pg_dump's start and the restoring of the
 * session's search_path and the end of pg_dump's transaction. pgDump's own queries go straight
 * to the protocol, the lock being held.
 */
async function dumpPglite(client: PGlite): Promise<string> {
  return client._runExclusiveTransaction(async () => {
    const unlocked = Object.assign(Object.create(client) as PGlite, {
      query: async (text: string) => ({ rows: await simpleQuery(client, text) }),
      exec: async (text: string) => {
        await simpleQuery(client, text);
        return [];
      },
      execProtocolRawStream: client.execProtocolRawStream.bind(client),
    });
    const searchPath = (await simpleQuery(client, 'SHOW search_path'))[0]?.search_path ?? 'public';
    try {
      const file = await pgDump({ pg: unlocked, args: ['--no-owner', '--no-privileges', '--rows-per-insert=500'] });
      return await file.text();
    } finally {
      // pg_dump leaves its read-only snapshot transaction open on the shared session (there is no
      // disconnect to end it): every write after it would fail. Ending it brings back the empty
      // search_path pg_dump set before it began, so the server's own is set again (the value is
      // the session's, read above, quoted as a literal: this path has no bind parameters).
      await simpleQuery(client, 'ROLLBACK');
      await simpleQuery(client, `SELECT pg_catalog.set_config('search_path', '${searchPath.replaceAll("'", "''")}', false)`);
    }
  });
}

/** Runs one statement over the simple query protocol without taking PGlite's locks; rows as text. */
async function simpleQuery(client: PGlite, text: string): Promise<Record<string, string | null>[]> {
  const { messages } = await client.execProtocol(protocol.serialize.query(text));
  let names: string[] = [];
  const rows: Record<string, string | null>[] = [];
  for (const message of messages) {
    if (message instanceof protocol.messages.RowDescriptionMessage) names = message.fields.map((field) => field.name);
    if (message instanceof protocol.messages.DataRowMessage)
      rows.push(Object.fromEntries(names.map((name, index) => [name, message.fields[index] ?? null])));
  }
  return rows;
}

/** The pg_dump of the newest PostgreSQL on this machine (/usr/lib/postgresql/N/bin), else the one on PATH. */
export function findPgDump(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(path.join(root, name, 'bin', 'pg_dump')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length ? path.join(root, versions[0]!, 'bin', 'pg_dump') : 'pg_dump';
}

/**
 * Runs pg_dump against the server: plain SQL, without owners and privileges (the restoring role
 * owns what it creates), in pg_dump's own consistent snapshot. The password goes through the
 * environment, not the command line other users can read.
 */
async function runPgDump(options: { databaseUrl: string; file: string }): Promise<void> {
  const url = new URL(options.databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const binary = findPgDump();
  const args = ['--format=plain', '--no-owner', '--no-privileges', `--file=${options.file}`, `--dbname=${url.toString()}`];
  const environment: NodeJS.ProcessEnv = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const { code, stderr, missing } = await new Promise<{ code: number | null; stderr: string; missing: boolean }>((resolve) => {
    const child = spawn(binary, args, { env: environment, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stderr: error.message, missing: error.code === 'ENOENT' }));
    child.on('close', (exitCode) => resolve({ code: exitCode, stderr: output, missing: false }));
  });
  if (missing) {
    throw new AppError({
      code: 'INTERNAL',
      message:
        "pg_dump was not found (looked in /usr/lib/postgresql/*/bin and on PATH): install the PostgreSQL client tools of the server's version (Debian: postgresql-client) to back up a PostgreSQL server",
    });
  }
  if (code !== 0) {
    throw new AppError({
      code: 'INTERNAL',
      message: `pg_dump (${binary}) failed: ${stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${code}`}`,
    });
  }
}

function syncFile(target: string): void {
  const descriptor = openSync(target, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
