import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiToken } from '../accounts/tokens.service.ts';
import { createUser } from '../accounts/users.service.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { prepareDatabase } from './prepare-database.ts';
import { createRandom } from '../shared/seeded-random.ts';
import { testActor } from '../testing/fixtures.ts';
import { createServerDatabase } from '../testing/server-database.ts';
import { listTestDatabaseKinds } from '../testing/test-database.ts';
import { checkAfterKill } from './testing/crash-checks.ts';
import { formatKillFigures, writeKillFigures, type KillFigures } from './testing/reliability-report.ts';
import { startServerProcess, stopServerProcess } from './testing/server-process.ts';
import { createRoundLog, runWriteStream, type StreamTargets, type StreamTokens } from './testing/write-stream.ts';

/**
 * SIGKILL of the real server at seeded random points of a stream of API writes, on PGlite and
 * on PostgreSQL. After each kill the database is reopened and checked (every acknowledged write
 * there with its values, nothing there in part), then the server restarts on it and must be
 * ready. `npm test` runs 20 kill points per engine; `npm run test:soak` 200 and writes the
 * figures into docs/reliability.md.
 */
const killPoints = Number(process.env.CTIP_TEST_KILL_POINTS ?? 20);
const baseSeed = Number(process.env.CTIP_TEST_KILL_SEED ?? 11_2026);
const reportFile = process.env.CTIP_RELIABILITY_REPORT;
const folder = mkdtempSync(path.join(tmpdir(), 'ctip-crash-'));
const figures: KillFigures[] = [];

after(() => {
  rmSync(folder, { recursive: true, force: true });
  if (figures.length === 0) return;
  const command = `CTIP_TEST_KILL_POINTS=${killPoints} CTIP_TEST_KILL_SEED=${baseSeed} node scripts/run-tests.mjs src/app/crash-safety.test.ts`;
  console.log(formatKillFigures(figures, command));
  if (reportFile)
    writeKillFigures({ file: reportFile, figures, command: killPoints === 200 && baseSeed === 11_2026 ? 'npm run test:soak' : command });
});

async function openTarget(
  kind: string,
): Promise<{ open: () => Promise<DatabaseHandle>; server: { dataDir?: string; databaseUrl?: string }; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = path.join(folder, 'pglite');
    return { open: () => openDatabase({ dataDir }), server: { dataDir }, drop: async () => {} };
  }
  const database = await createServerDatabase({ adminUrl: process.env.CTIP_TEST_POSTGRES_URL!, prefix: 'ctip_crash' });
  return { open: () => openDatabase({ databaseUrl: database.url }), server: { databaseUrl: database.url }, drop: database.drop };
}

/** Reference data, and one person per writer with an API token. */
async function prepareWriters(handle: DatabaseHandle): Promise<StreamTokens> {
  await prepareDatabase({ handle });
  const people = [
    { key: 'editor', email: 'crash-editor@example.org', role: 'agency_editor', agencyId: 'state-tip' },
    { key: 'member', email: 'crash-member@example.org', role: 'agency_editor', agencyId: 'dol-ilab' },
    { key: 'coordinator', email: 'crash-spog@example.org', role: 'coordinator' },
  ] as const;
  const tokens = {} as StreamTokens;
  for (const person of people) {
    await createUser({
      db: handle.db,
      input: { email: person.email, name: person.key, role: person.role, ...('agencyId' in person ? { agencyId: person.agencyId } : {}) },
      password: 'a long enough test password',
      actor: testActor,
    });
    tokens[person.key] = (
      await createApiToken({
        db: handle.db,
        userEmail: person.email,
        name: 'kill test',
        scopes: ['read', 'write'],
        expiresInDays: 30,
        actor: testActor,
      })
    ).token;
  }
  return tokens;
}

describe('the server killed with SIGKILL in the middle of API writes loses no acknowledged write', () => {
  for (const [index, kind] of listTestDatabaseKinds().entries()) {
    it(`on ${kind}: ${killPoints} kill points`, { timeout: 120_000 + killPoints * 60_000 }, async () => {
      const seed = baseSeed + index;
      const random = createRandom(seed);
      const target = await openTarget(kind);
      const row: KillFigures = { engine: kind, killPoints, survived: 0, acknowledged: 0, lost: 0, torn: 0, unanswered: 0, seed };
      figures.push(row);
      try {
        let handle = await target.open();
        const tokens = await prepareWriters(handle);
        await handle.close(); // PGlite: one process at a time on a data directory
        let targets: StreamTargets = { programs: new Map(), proposals: [], reviews: [] };
        for (let round = 1; round <= killPoints; round += 1) {
          const server = await startServerProcess(target.server);
          const ready = await fetch(`${server.baseUrl}/readyz`);
          assert.equal(ready.status, 200, `round ${round}: the restarted server is ready (${await ready.text()})`);
          // The kill point: after a seeded number of answered writes, a seeded few milliseconds
          // later, while the other writers' requests are somewhere in the server.
          const killAfterAnswers = Math.floor(random() * 12);
          const killDelayMs = Math.floor(random() * 30);
          let stopped = false;
          const log = createRoundLog();
          const stream = runWriteStream({
            baseUrl: server.baseUrl,
            tokens,
            targets,
            random,
            round,
            writers: 3,
            stopped: () => stopped,
            log,
          });
          for (let waited = 0; log.answered < killAfterAnswers; waited += 5) {
            assert.ok(
              waited < 120_000,
              `round ${round}: ${log.answered} writes answered in 120 s (${log.refused} refused)\n${server.output()}`,
            );
            await sleep(5);
          }
          await sleep(killDelayMs);
          // No new writes from here: what is in flight when the signal lands stays unanswered.
          stopped = true;
          const ended = await stopServerProcess(server, 'SIGKILL');
          await stream;
          assert.equal(ended.signal, 'SIGKILL', `round ${round}: killed, not ended otherwise`);
          row.unanswered += log.unanswered;
          handle = await target.open();
          try {
            const check = await checkAfterKill({ db: handle.db, log });
            row.acknowledged += check.acknowledged;
            row.lost += check.lost.length;
            row.torn += check.torn.length;
            assert.deepEqual([...check.lost, ...check.torn], [], `seed ${seed}, kill point ${round}: nothing lost, nothing in part`);
            targets = check.targets;
            row.survived += 1;
          } finally {
            await handle.close();
          }
        }
        // The last restart also stops cleanly: SIGTERM, exit 0, and the database holds its writes.
        const server = await startServerProcess(target.server);
        assert.equal((await fetch(`${server.baseUrl}/readyz`)).status, 200);
        assert.deepEqual(await stopServerProcess(server, 'SIGTERM'), { code: 0, signal: null });
        assert.ok(row.acknowledged >= killPoints, `the stream had writes acknowledged before the kills (${row.acknowledged})`);
      } finally {
        await target.drop();
      }
    });
  }
});
