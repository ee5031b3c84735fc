// The server process of the HTTP suite: one database of one size on one backend, prepared and
// loaded the way `ctip serve` does it, served by the real app (buildApp) on a loopback port,
// and beside it a plain Fastify instance with one bare route, the baseline. It listens until
// the suite says stop (or goes away), then closes everything and exits.
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../src/db/database.ts';
import { importTipGrants } from '../src/imports/tip-grants/tip-grants.importer.ts';
import { buildApp } from '../src/app/app.ts';
import { rateLimitOff } from '../src/http/rate-limit.ts';
import { openFreshDatabase, readVersion, type BackendName } from './backends.ts';

/** What the suite asks one server process to serve (passed as JSON in BENCH_HTTP_SERVER). */
export type ServerJob = { backend: BackendName; clusterUrl?: string; size: string; filePath: string };

/** The server's messages to the suite. */
export type ServerMessage =
  | {
      type: 'ready';
      appPort: number;
      barePort: number;
      version: string;
      programs: number;
      importMs: number;
      imported: number;
      rejected: number;
    }
  | { type: 'failed'; message: string }
  | { type: 'cpu'; user: number; system: number };

/** The suite's messages to the server. */
export type SuiteMessage = { type: 'cpu' } | { type: 'stop' };

/** Nothing here should outlive a stuck suite by much. */
const maxLifetimeMs = 30 * 60_000;

function send(message: ServerMessage): void {
  process.send?.(message);
}

/** The baseline: the smallest thing Fastify can serve, with the same JSON serializer path. */
async function startBareServer(): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ status: 'ok', n: 42 }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return bare;
}

function portOf(server: FastifyInstance): number {
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  return address.port;
}

async function countPrograms(handle: DatabaseHandle): Promise<number> {
  const result = (await handle.db.execute(sql`SELECT count(*)::int AS count FROM programs`)) as unknown as { rows: { count: number }[] };
  return Number(result.rows[0]?.count ?? 0);
}

/** Opens, prepares and loads the database, starts both servers, and reports ready. */
async function serve(job: ServerJob): Promise<() => Promise<void>> {
  const handle = await openFreshDatabase(job.backend, job.clusterUrl);
  const closers: (() => Promise<unknown>)[] = [() => handle.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };
  try {
    const started = performance.now();
    const report = await importTipGrants({
      db: handle.db,
      filePath: job.filePath,
      fundingAgencyId: 'state-tip',
      actor: { name: 'bench', door: 'system' },
    });
    const importMs = Math.round(performance.now() - started);
    // The same options `ctip serve` passes, with the request log off and no rate limit: the bench
    // sends thousands of requests from one address, and neither logging nor limits are measured.
    const app = await buildApp({
      db: handle.db,
      config: { bodyLimit: 1_048_576, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff },
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    const bare = await startBareServer();
    closers.push(() => bare.close());
    send({
      type: 'ready',
      appPort: portOf(app),
      barePort: portOf(bare),
      version: await readVersion(handle.db),
      programs: await countPrograms(handle),
      importMs,
      imported: report.imported,
      rejected: report.rejected,
    });
    return closeAll;
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function runFromEnvironment(job: ServerJob): Promise<void> {
  const lifetime = setTimeout(() => process.exit(2), maxLifetimeMs);
  lifetime.unref();
  let close: (() => Promise<void>) | undefined;
  const stop = async () => {
    await close?.();
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('message', (message: SuiteMessage) => {
    if (message.type === 'stop') void stop();
    if (message.type === 'cpu') send({ type: 'cpu', ...process.cpuUsage() });
  });
  try {
    close = await serve(job);
  } catch (error) {
    send({ type: 'failed', message: (error instanceof Error ? error.message : String(error)).slice(0, 300) });
    process.exit(1);
  }
}

if (process.env.BENCH_HTTP_SERVER) await runFromEnvironment(JSON.parse(process.env.BENCH_HTTP_SERVER) as ServerJob);
