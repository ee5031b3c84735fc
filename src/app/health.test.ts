import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { readJournal } from '../db/migration-status.ts';
import { prepareDatabase } from './prepare-database.ts';
import { isAppError } from '../shared/errors.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { buildApp } from './app.ts';
import { excerptPath, prepareAssessmentDatabase } from '../assessment/testing/assessment-fixture.ts';

const expected = readJournal().length;
/** A migration a newer ctip would have applied: later than every entry of this code's journal. */
const futureMillis = Math.max(...readJournal().map((entry) => entry.when)) + 86_400_000;

// The Assessment PDF test needs a year with programs: the excerpt of the real listing gives FY2004.
describeEachDatabase('health and readiness', { prepare: ({ db }) => prepareAssessmentDatabase(db, excerptPath) }, (database) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildApp({
      db: database.db,
      config: { bodyLimit: 65_536, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff },
      logger: false,
    });
  });
  after(async () => app?.close());

  test('/healthz is alive; /readyz is ready with every migration applied', async () => {
    const health = await app.inject('/healthz');
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok' });
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', database: 'ok', migrations: { applied: expected, expected } });
    assert.equal(ready.headers['cache-control'], 'no-store');
  });

  test('a migration missing: 503 with the same fields and what is wrong', async () => {
    const [last] = await selectRows<{ id: number; hash: string; created_at: string }>(
      database.db,
      sql`SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
    );
    await database.db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE id = ${last!.id}`);
    try {
      const response = await app.inject('/readyz');
      assert.equal(response.statusCode, 503);
      const body = response.json();
      assert.equal(body.status, 'not_ready');
      assert.equal(body.database, 'ok');
      assert.deepEqual(body.migrations, { applied: expected - 1, expected });
      assert.equal(body.error.code, 'UNAVAILABLE');
      assert.match(body.error.message, new RegExp(`${expected - 1} of the ${expected} migrations`));
    } finally {
      await database.db.execute(
        sql`INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES (${last!.id}, ${last!.hash}, ${last!.created_at})`,
      );
    }
    assert.equal((await app.inject('/readyz')).statusCode, 200);
  });

  test('a database migrated by a newer ctip: not ready, and preparing it is refused before anything is written', async () => {
    await database.db.execute(
      sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-ctip', ${futureMillis})`,
    );
    try {
      const response = await app.inject('/readyz');
      assert.equal(response.statusCode, 503);
      assert.deepEqual(response.json().migrations, { applied: expected + 1, expected });
      assert.match(response.json().error.message, /1 migration\(s\) newer than this version/);
      const countries = async () =>
        Number((await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM countries`))[0]!.n);
      const before = await countries();
      await assert.rejects(prepareDatabase({ handle: database.handle }), (error: unknown) => {
        assert.ok(isAppError(error));
        assert.equal(error.code, 'UNAVAILABLE');
        assert.equal(error.exitCode, 8);
        assert.match(error.message, /newer than this version of ctip/);
        return true;
      });
      assert.equal(await countries(), before, 'the reference data was not loaded into the refused database');
    } finally {
      await database.db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE hash = 'from-a-newer-ctip'`);
    }
  });

  test('an Assessment PDF without Chromium: 503 naming no server path, the HTML still served', async () => {
    const withoutChromium = await buildApp({
      db: database.db,
      config: {
        bodyLimit: 65_536,
        apiToken: undefined,
        logLevel: 'silent',
        rateLimit: rateLimitOff,
        chromiumPath: '/nonexistent/chromium',
      },
      logger: false,
    });
    try {
      const pdf = await withoutChromium.inject('/assessment/2004.pdf');
      assert.equal(pdf.statusCode, 503);
      assert.match(pdf.body, /not available on this server right now/);
      assert.doesNotMatch(pdf.body, /nonexistent/);
      assert.equal((await withoutChromium.inject('/assessment/2004.html')).statusCode, 200);
    } finally {
      await withoutChromium.close();
    }
  });
});

test('a database that cannot be reached: /readyz 503 with database unavailable, /healthz still alive', async () => {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await handle.close();
  const app = await buildApp({
    db: handle.db,
    config: { bodyLimit: 65_536, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff },
    logger: false,
  });
  try {
    const response = await app.inject('/readyz');
    assert.equal(response.statusCode, 503);
    const body = response.json();
    assert.deepEqual(
      { ...body, error: undefined },
      { status: 'not_ready', database: 'unavailable', migrations: { applied: null, expected }, error: undefined },
    );
    assert.equal(body.error.code, 'UNAVAILABLE');
    assert.equal(body.error.message, 'The database cannot be reached; the reason is in the server log');
    assert.equal((await app.inject('/healthz')).statusCode, 200);
  } finally {
    await app.close();
  }
});
