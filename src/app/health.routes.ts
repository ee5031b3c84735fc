import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { readJournal, readMigrationStatus } from '../db/migration-status.ts';

/** A readiness probe that cannot answer in this time counts the database as down. */
const probeTimeoutMs = 5_000;

export type Readiness = {
  status: 'ready' | 'not_ready';
  database: 'ok' | 'unavailable';
  /** `applied` is null when the database could not be asked. */
  migrations: { applied: number | null; expected: number };
  /** Only when not ready: what is wrong, in the one error shape's terms. */
  error?: { code: 'UNAVAILABLE'; message: string };
};

function withTimeout<T>(work: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), probeTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Asks the database for one row and compares its migrations with the code's. */
export async function checkReadiness(options: { db: Database; onDatabaseError?: (error: unknown) => void }): Promise<Readiness> {
  let status;
  try {
    status = await withTimeout(
      (async () => {
        await options.db.execute(sql`SELECT 1`);
        return readMigrationStatus({ db: options.db });
      })(),
      `the database did not answer within ${probeTimeoutMs / 1000} s`,
    );
  } catch (error) {
    // The driver's words can name hosts and ports: they go to the log, not to the public.
    options.onDatabaseError?.(error);
    return {
      status: 'not_ready',
      database: 'unavailable',
      migrations: { applied: null, expected: readJournal().length },
      error: { code: 'UNAVAILABLE', message: 'The database cannot be reached; the reason is in the server log' },
    };
  }
  const migrations = { applied: status.applied, expected: status.expected };
  if (status.newer > 0 || status.applied !== status.expected) {
    const message =
      status.newer > 0
        ? `The database has ${status.newer} migration(s) newer than this version of ctip`
        : `The database has ${status.applied} of the ${status.expected} migrations this version of ctip needs`;
    return { status: 'not_ready', database: 'ok', migrations, error: { code: 'UNAVAILABLE', message } };
  }
  return { status: 'ready', database: 'ok', migrations };
}

/**
 * `/healthz`: the process is alive and answering (no database call, so a slow database does not
 * get a live server restarted). `/readyz`: it can serve — the database answers and holds exactly
 * the migrations this code expects; 503 with the same fields and what is wrong otherwise.
 */
export const healthRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const readiness = await checkReadiness({
      db,
      onDatabaseError: (error) => request.log.warn({ err: error }, 'readiness: the database cannot be reached'),
    });
    return reply
      .status(readiness.status === 'ready' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(readiness);
  });
};
