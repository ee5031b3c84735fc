import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type DatabaseHandle } from '../src/db/database.ts';
import { prepareDatabase } from '../src/app/prepare-database.ts';
import { createServerDatabase } from '../src/testing/server-database.ts';

export type BackendName = 'pglite' | 'postgres';

/** What the parent started for a backend; `url` reaches the PostgreSQL cluster. */
export type BackendServer = { name: BackendName; url?: string; stop: () => Promise<void> };

/** The part of scripts/postgres-cluster.mjs used here; that file is plain JS without types. */
type ClusterScript = {
  findPostgresBinaries: () => string | undefined;
  startPostgresCluster: () => Promise<{ url: string; stop: () => Promise<void> }>;
};

// A computed specifier keeps TypeScript from looking for declarations the script does not ship.
const clusterScriptPath: string = '../scripts/postgres-cluster.mjs';
const { findPostgresBinaries, startPostgresCluster } = (await import(clusterScriptPath)) as ClusterScript;

/** Which backends to run: BENCH_BACKENDS=pglite,postgres (the default is both). */
export function listRequestedBackends(): BackendName[] {
  const requested = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((name) => name.trim());
  return (['pglite', 'postgres'] as const).filter((name) => requested.includes(name));
}

/** Tells why a backend cannot run here, or undefined when it can. */
export function explainUnavailable(name: BackendName): string | undefined {
  if (name === 'postgres' && !findPostgresBinaries()) return 'no PostgreSQL server binaries in /usr/lib/postgresql/*/bin';
  return undefined;
}

/** Starts what a backend needs outside the measuring processes: nothing for PGlite, a cluster for PostgreSQL. */
export async function startBackendServer(name: BackendName): Promise<BackendServer> {
  if (name === 'pglite') return { name, stop: async () => {} };
  const cluster = await startPostgresCluster();
  return { name, url: cluster.url, stop: () => cluster.stop() };
}

/**
 * Opens a fresh database prepared like `npm start` prepares one (migrations, reference data,
 * organizations): a new in-memory PGlite, or a new database on the cluster, dropped on close.
 */
export async function openFreshDatabase(name: BackendName, clusterUrl: string | undefined): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (name === 'pglite') {
    handle = await openDatabase({ dataDir: 'memory://' });
  } else {
    if (!clusterUrl) throw new Error('The PostgreSQL backend needs the cluster URL');
    const database = await createServerDatabase({ adminUrl: clusterUrl, prefix: 'ctip_bench' });
    const opened = await openDatabase({ databaseUrl: database.url });
    handle = {
      ...opened,
      close: async () => {
        await opened.close();
        await database.drop();
      },
    };
  }
  try {
    await prepareDatabase({ handle });
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

type Rows<T> = { rows: T[] };

/** The server's version string, for the results. */
export async function readVersion(db: Database): Promise<string> {
  const result = (await db.execute(sql`select version() as version`)) as unknown as Rows<{ version: string }>;
  return result.rows[0]?.version.split(' on ')[0] ?? 'unknown';
}

/**
 * The PostgreSQL server's memory is not in this process's RSS: this reads the peak resident
 * size (VmHWM) of the server processes serving this database, the largest of them. Undefined
 * when /proc is not readable (another OS, another user without access).
 */
export async function readServerPeakRssBytes(db: Database): Promise<number | undefined> {
  const result = (await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)) as unknown as Rows<{
    pid: number;
  }>;
  let peak: number | undefined;
  for (const { pid } of result.rows) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peak = Math.max(peak ?? 0, Number(match[1]) * 1024);
    } catch {
      // The process ended between the query and the read, or /proc is not ours to read.
    }
  }
  return peak;
}
