import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/config.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { buildProgramInput } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildApp } from '../app/app.ts';
import { exceedsJsonDepth } from './body-depth.ts';
import { rateLimitOff } from './rate-limit.ts';

const apiToken = 'abuse-limits-operator-token-0123456789';
const auth = { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' };

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

test('JSON depth is counted in one pass, brackets inside strings not counted', () => {
  assert.equal(exceedsJsonDepth(nested(32), 32), false);
  assert.equal(exceedsJsonDepth(nested(33), 32), true);
  assert.equal(exceedsJsonDepth(`{"a":"${'['.repeat(100)}"}`, 32), false);
  assert.equal(exceedsJsonDepth(`{"a":"\\"${'{'.repeat(100)}"}`, 32), false, 'an escaped quote does not end the string');
  assert.equal(exceedsJsonDepth('[{"a":[{"b":[]}]}]', 5), false);
  assert.equal(exceedsJsonDepth('[{"a":[{"b":[]}]}]', 4), true);
});

test('timeouts and trusted proxies are settings with sane defaults, every bad value named', () => {
  const defaults = loadConfig({});
  assert.deepEqual(defaults.timeouts, { requestMs: 30_000, connectionMs: 120_000 });
  assert.equal(defaults.trustProxy, false);
  assert.equal(loadConfig({ CTIP_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy, '10.0.0.1,10.1.0.0/16');
  assert.equal(loadConfig({ CTIP_TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(loadConfig({ CTIP_RATE_LIMIT: 'OFF', CTIP_RATE_LIMIT_STAFF: '600' }).rateLimit, {
    perMinute: 'off',
    staffPerMinute: 600,
  });
  assert.throws(
    () =>
      loadConfig({
        CTIP_RATE_LIMIT: '-5',
        CTIP_RATE_LIMIT_STAFF: 'lots',
        CTIP_REQUEST_TIMEOUT_SECONDS: '0',
        CTIP_CONNECTION_TIMEOUT_SECONDS: '1.5',
        CTIP_TRUST_PROXY: 'true',
      }),
    (error: Error & { problems?: string[] }) => {
      assert.equal(error.problems?.length, 5, error.message);
      assert.match(error.message, /CTIP_RATE_LIMIT: must be a number of requests per minute \(1 to 1000000\) or off, not '-5'/);
      assert.match(error.message, /CTIP_RATE_LIMIT_STAFF: must be a number of requests per minute/);
      assert.match(error.message, /CTIP_REQUEST_TIMEOUT_SECONDS: must be a whole number of seconds from 1 to 3600, not '0'/);
      assert.match(error.message, /CTIP_CONNECTION_TIMEOUT_SECONDS: must be a whole number of seconds/);
      assert.match(error.message, /CTIP_TRUST_PROXY: must be off, a number of proxy hops.*'true' is not an address/);
      return true;
    },
  );
});

describeEachDatabase(
  'abuse limits: body depth, page size, filter values, timeouts',
  {
    prepare: async ({ db }) => {
      await seedReferenceData({ db });
      await seedOrganizations({ db });
    },
  },
  (database) => {
    let app: FastifyInstance;
    before(async () => {
      app = await buildApp({
        db: database.db,
        config: { bodyLimit: 1_048_576, apiToken, logLevel: 'silent', rateLimit: rateLimitOff },
        logger: false,
      });
    });
    after(async () => app?.close());

    const post = (payload: string) => app.inject({ method: 'POST', url: '/api/programs', headers: auth, payload });

    test('a body nested deeper than 32 levels is a 400 naming the problem, however deep, and nothing is written', async () => {
      const before = (await app.inject('/api/programs?limit=1')).json().total;
      for (const depth of [33, 1000, 400_000]) {
        const response = await post(`{"title":"Deep","partners":${nested(depth)}}`);
        assert.equal(response.statusCode, 400, `depth ${depth}`);
        const { error } = response.json();
        assert.equal(error.code, 'VALIDATION_FAILED');
        assert.match(error.message, /The JSON body is nested more than 32 levels deep/);
        assert.deepEqual(error.details, [
          { field: 'body', message: 'is nested more than 32 levels deep (objects and arrays inside each other)' },
        ]);
      }
      assert.equal((await app.inject('/api/programs?limit=1')).json().total, before);
    });

    test('a normal body and brackets inside its strings are untouched; prototype poisoning is still refused', async () => {
      const created = await post(JSON.stringify(buildProgramInput({ title: `Brackets ${'[{'.repeat(200)}` })));
      assert.equal(created.statusCode, 201, created.body);
      const poisoned = await post('{"title":"x","__proto__":{"admin":true}}');
      assert.equal(poisoned.statusCode, 400);
      assert.equal(poisoned.json().error.code, 'VALIDATION_FAILED');
    });

    test('page size: above 500, below 1 or not a number is a 400 naming limit (API and search page)', async () => {
      for (const limit of ['501', '0', '1e9', 'many']) {
        const response = await app.inject(`/api/programs?limit=${limit}`);
        assert.equal(response.statusCode, 400, `limit=${limit}`);
        assert.equal(response.json().error.details[0].field, 'querystring.limit');
      }
      const page = await app.inject('/programs?limit=100000');
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /limit: /);
    });

    test('filter values: too many values, too long a value or a repeated single-valued filter is a 400 naming the parameter', async () => {
      const many = Array.from({ length: 21 }, () => 'active').join(',');
      const tooMany = await app.inject(`/api/programs?status=${many}`);
      assert.equal(tooMany.statusCode, 400);
      assert.deepEqual(tooMany.json().error.details, [{ field: 'querystring.status', message: 'may list at most 20 values' }]);
      const tooLong = await app.inject(`/api/programs?status=${'active,'.repeat(60)}`);
      assert.equal(tooLong.statusCode, 400);
      assert.deepEqual(tooLong.json().error.details, [{ field: 'querystring.status', message: 'is too long (at most 400 characters)' }]);
      for (const [name, value] of [
        ['agency', 'a'.repeat(101)],
        ['q', 'q'.repeat(501)],
        ['region', 'r'.repeat(41)],
      ] as const) {
        const response = await app.inject(`/api/programs?${name}=${value}`);
        assert.equal(response.statusCode, 400, name);
        assert.equal(response.json().error.details[0].field, `querystring.${name}`);
      }
      const repeated = await app.inject('/api/programs?agency=state-tip&agency=dol-ilab');
      assert.equal(repeated.statusCode, 400);
      assert.equal(repeated.json().error.details[0].field, 'querystring.agency');
      const page = await app.inject(`/programs?status=${many}`);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /<li>status: [^<]*may list at most 20 values<\/li>/);
      const download = await app.inject(`/api/exports/programs.csv?status=${many}`);
      assert.equal(download.statusCode, 400);
    });

    test('a client that sends its request too slowly gets 408, a silent connection is closed', async () => {
      const server = await buildApp({
        db: database.db,
        config: {
          bodyLimit: 65_536,
          apiToken,
          logLevel: 'silent',
          rateLimit: rateLimitOff,
          timeouts: { requestMs: 1000, connectionMs: 1500 },
        },
        logger: false,
      });
      try {
        await server.listen({ port: 0, host: '127.0.0.1' });
        const { port } = server.server.address() as { port: number };
        const slow = await new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => socket.write('GET /api/pillars HTTP/1.1\r\nHost: x\r\n'));
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString()));
          socket.on('close', () => resolve(answer));
        });
        assert.match(slow, /^HTTP\/1\.1 408/);
        const silent = await new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString()));
          socket.on('close', () => resolve(answer));
        });
        assert.doesNotMatch(silent, /^HTTP\/1\.1 [25]/, 'closed without an answer (or with a 408)');
      } finally {
        await server.close();
      }
    });
  },
);
