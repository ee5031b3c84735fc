import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { createShutdown } from './shutdown.ts';

/** A server with one route that answers only when the test says so. */
async function startSlowServer() {
  const app = Fastify({ logger: false });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const inFlight = new Promise<void>((resolve) => (arrived = resolve));
  app.get('/slow', async () => {
    arrived();
    await released;
    return { finished: true };
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, baseUrl, release, inFlight };
}

test('SIGTERM: no new connections, the request in flight finishes, then the database closes and the exit code is 0', async () => {
  const { app, baseUrl, release, inFlight } = await startSlowServer();
  const events: string[] = [];
  const slow = fetch(`${baseUrl}/slow`).then(async (response) => {
    events.push(`answered ${response.status}`);
    return response.json();
  });
  await inFlight;
  const exited = new Promise<number>((resolve) => {
    const shutdown = createShutdown({
      app,
      timeoutMs: 60_000,
      log: () => {},
      closeDatabase: async () => void events.push('database closed'),
      exit: resolve,
    });
    void shutdown('SIGTERM');
    void shutdown('SIGTERM'); // a second signal changes nothing
  });
  // Closing has begun: the port takes no new connection.
  for (let attempt = 0; ; attempt += 1) {
    const refused = await fetch(`${baseUrl}/slow`, { signal: AbortSignal.timeout(2_000) }).then(
      () => false,
      () => true,
    );
    if (refused) break;
    assert.ok(attempt < 50, 'the server stops accepting connections');
  }
  assert.deepEqual(events, [], 'nothing closes while a request is in flight');
  release();
  assert.deepEqual(await slow, { finished: true });
  assert.equal(await exited, 0);
  assert.deepEqual(events, ['answered 200', 'database closed']);
});

test('a request that outlives the shutdown timeout is cut, the database still closes, exit code 1', async () => {
  const { app, baseUrl, release, inFlight } = await startSlowServer();
  const slow = fetch(`${baseUrl}/slow`).then(
    () => 'answered',
    () => 'cut',
  );
  await inFlight;
  let databaseClosed = false;
  const code = await new Promise<number>((resolve) => {
    void createShutdown({ app, timeoutMs: 100, log: () => {}, closeDatabase: async () => void (databaseClosed = true), exit: resolve })(
      'SIGTERM',
    );
  });
  assert.equal(code, 1);
  assert.equal(databaseClosed, true);
  assert.equal(await slow, 'cut');
  release();
});
