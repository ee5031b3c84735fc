import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { signIn } from '../accounts/sessions.service.ts';
import { SignInThrottle } from '../accounts/sign-in-throttle.ts';
import { createUser } from '../accounts/users.service.ts';
import { loadConfig } from '../config/config.ts';
import type { ProxyTrust, RateLimitSettings } from '../config/limits-config.ts';
import type { Database } from '../db/database.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildApp } from '../app/app.ts';
import { clientBucket, RequestCounter } from './rate-limit.ts';

const apiToken = 'rate-limit-operator-token-0123456789';

function appWith(db: Database, rateLimit: RateLimitSettings, trustProxy: ProxyTrust = false): Promise<FastifyInstance> {
  return buildApp({ db, config: { bodyLimit: 65_536, apiToken, logLevel: 'silent', rateLimit, trustProxy }, logger: false });
}

/** Sends `count` requests from one address; returns their statuses. */
async function send(
  app: FastifyInstance,
  count: number,
  options: { url?: string; remoteAddress: string; headers?: Record<string, string> },
): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await app.inject({
      url: options.url ?? '/api/pillars',
      remoteAddress: options.remoteAddress,
      headers: options.headers,
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('request counter', () => {
  test('a key over its limit waits until its minute is over, then starts again', () => {
    let now = 1_000_000;
    const counter = new RequestCounter({ now: () => now });
    assert.equal(counter.take('a', 2), 0);
    assert.equal(counter.take('a', 2), 0);
    now += 15_000;
    assert.equal(counter.take('a', 2), 45, 'the third request waits for the rest of the minute');
    assert.equal(counter.take('b', 2), 0, 'another key has its own count');
    now += 45_000;
    assert.equal(counter.take('a', 2), 0);
  });

  test('the number of keys kept is bounded, oldest windows dropped first', () => {
    let now = 0;
    const counter = new RequestCounter({ maxKeys: 10, now: () => now });
    counter.take('first', 1);
    for (let index = 0; index < 50; index += 1) {
      now += 1;
      counter.take(`key-${index}`, 1);
    }
    assert.equal(counter.take('key-49', 1) > 0, true, 'the latest key is still counted');
    assert.equal(counter.take('first', 1), 0, 'the oldest key was dropped');
  });

  test('IPv6 clients share a bucket per /64; IPv4 addresses are their own', () => {
    assert.equal(clientBucket('2001:db8:1:2::1'), clientBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    assert.notEqual(clientBucket('2001:db8:1:2::1'), clientBucket('2001:db8:1:3::1'));
    assert.equal(clientBucket('::1'), 'network:0:0:0:0::/64');
    assert.notEqual(clientBucket('203.0.113.1'), clientBucket('203.0.113.2'));
    assert.equal(clientBucket('::ffff:203.0.113.1'), 'address:::ffff:203.0.113.1');
  });
});

describeEachDatabase('rate limits', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  let sessionCookie: string;
  before(async () => {
    const password = 'a long enough test password';
    await createUser({
      db: database.db,
      input: { email: 'staff@example.org', name: 'Staff', role: 'coordinator' },
      password,
      actor: testActor,
    });
    const session = await signIn({
      db: database.db,
      email: 'staff@example.org',
      password,
      clientAddress: '127.0.0.1',
      throttle: new SignInThrottle({ db: database.db }),
      door: 'web',
    });
    sessionCookie = `ctip_session=${session.sessionToken}`;
  });

  describe('the default: 300 requests a minute per client address, staff unlimited', () => {
    let app: FastifyInstance;
    before(async () => {
      const { rateLimit } = loadConfig({});
      assert.deepEqual(rateLimit, { perMinute: 300, staffPerMinute: 'off' });
      app = await appWith(database.db, rateLimit);
    });
    after(async () => app?.close());

    test('300 answered, the 301st refused with Retry-After in the one error shape', async () => {
      const statuses = await send(app, 300, { remoteAddress: '198.51.100.1' });
      assert.deepEqual([...new Set(statuses)], [200]);
      const refused = await app.inject({ url: '/api/pillars', remoteAddress: '198.51.100.1' });
      assert.equal(refused.statusCode, 429);
      const wait = Number(refused.headers['retry-after']);
      assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${refused.headers['retry-after']}`);
      assert.equal(refused.json().error.code, 'RATE_LIMITED');
      assert.match(refused.json().error.message, /Too many requests\. Try again in \d+ seconds?\./);
    });

    test('the search page and the downloads are limited too: an HTML page for people', async () => {
      const page = await app.inject({ url: '/programs?q=labor', remoteAddress: '198.51.100.1' });
      assert.equal(page.statusCode, 429);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.ok(Number(page.headers['retry-after']) >= 1);
      assert.match(page.body, /<h1>Too many requests<\/h1>/);
      assert.match(page.body, /Try again in \d+ seconds?/);
      const download = await app.inject({ url: '/api/exports/programs.csv', remoteAddress: '198.51.100.1' });
      assert.equal(download.statusCode, 429);
      assert.equal(download.json().error.code, 'RATE_LIMITED');
    });

    test('another address is not affected, nor are health checks and the page assets', async () => {
      assert.equal((await app.inject({ url: '/api/pillars', remoteAddress: '198.51.100.2' })).statusCode, 200);
      assert.equal((await app.inject({ url: '/healthz', remoteAddress: '198.51.100.1' })).statusCode, 200);
      assert.equal((await app.inject({ url: '/assets/site.css', remoteAddress: '198.51.100.1' })).statusCode, 200);
    });

    test('signed-in staff and API tokens are not limited by default, even from a limited address', async () => {
      const asOperator = await send(app, 5, { remoteAddress: '198.51.100.1', headers: { authorization: `Bearer ${apiToken}` } });
      assert.deepEqual(asOperator, [200, 200, 200, 200, 200]);
      const asSession = await send(app, 5, { url: '/programs', remoteAddress: '198.51.100.1', headers: { cookie: sessionCookie } });
      assert.deepEqual(asSession, [200, 200, 200, 200, 200]);
    });

    test('a session cookie that is not valid counts as the public', async () => {
      const response = await app.inject({ url: '/api/pillars', remoteAddress: '198.51.100.1', headers: { cookie: 'ctip_session=forged' } });
      assert.equal(response.statusCode, 429);
    });

    test('made-up tokens are refused 300 times a minute per address, then limited', async () => {
      const forged = { authorization: 'Bearer ctip_made-up-token' };
      const statuses = await send(app, 301, { remoteAddress: '198.51.100.9', headers: forged });
      assert.deepEqual([...new Set(statuses.slice(0, 300))], [401]);
      assert.equal(statuses[300], 429);
      // Until the minute is over, any credentials from that address wait (telling a valid token
      // from a made-up one takes the database work the limit is there to spare).
      assert.equal(
        (await app.inject({ url: '/api/pillars', remoteAddress: '198.51.100.9', headers: { authorization: `Bearer ${apiToken}` } }))
          .statusCode,
        429,
      );
      assert.equal(
        (await app.inject({ url: '/api/pillars', remoteAddress: '198.51.100.10', headers: { authorization: `Bearer ${apiToken}` } }))
          .statusCode,
        200,
        'the token works from elsewhere',
      );
    });
  });

  test('off disables the public limit', async () => {
    const app = await appWith(database.db, loadConfig({ CTIP_RATE_LIMIT: 'off' }).rateLimit);
    try {
      const statuses = await send(app, 310, { remoteAddress: '198.51.100.3' });
      assert.deepEqual([...new Set(statuses)], [200]);
    } finally {
      await app.close();
    }
  });

  test('a staff limit counts per person or token, not per address', async () => {
    const app = await appWith(database.db, loadConfig({ CTIP_RATE_LIMIT: '2', CTIP_RATE_LIMIT_STAFF: '3' }).rateLimit);
    try {
      const operator = { authorization: `Bearer ${apiToken}` };
      assert.deepEqual(await send(app, 4, { remoteAddress: '198.51.100.4', headers: operator }), [200, 200, 200, 429]);
      assert.deepEqual(
        await send(app, 1, { remoteAddress: '198.51.100.5', headers: operator }),
        [429],
        'the token is limited from any address',
      );
      assert.deepEqual(
        await send(app, 4, { url: '/programs', remoteAddress: '198.51.100.4', headers: { cookie: sessionCookie } }),
        [200, 200, 200, 429],
      );
      assert.deepEqual(
        await send(app, 3, { remoteAddress: '198.51.100.4' }),
        [200, 200, 429],
        'the public limit of the address is its own',
      );
      assert.deepEqual(await send(app, 3, { remoteAddress: '2001:db8:7:7::1' }), [200, 200, 429]);
      assert.deepEqual(await send(app, 1, { remoteAddress: '2001:db8:7:7::2' }), [429], 'the same /64 shares the bucket');
    } finally {
      await app.close();
    }
  });

  test('X-Forwarded-For names the client only when the operator trusts the proxy that sends it', async () => {
    const settings = loadConfig({ CTIP_RATE_LIMIT: '2' }).rateLimit;
    const spoofed = (app: FastifyInstance, client: string) =>
      app
        .inject({ url: '/api/pillars', remoteAddress: '10.9.0.1', headers: { 'x-forwarded-for': client } })
        .then((response) => response.statusCode);
    const direct = await appWith(database.db, settings);
    try {
      assert.deepEqual(
        [await spoofed(direct, '192.0.2.1'), await spoofed(direct, '192.0.2.2'), await spoofed(direct, '192.0.2.3')],
        [200, 200, 429],
        'a made-up header does not buy a new limit',
      );
    } finally {
      await direct.close();
    }
    const behindProxy = await appWith(database.db, settings, loadConfig({ CTIP_TRUST_PROXY: '10.9.0.1' }).trustProxy);
    try {
      assert.deepEqual(
        [await spoofed(behindProxy, '192.0.2.1'), await spoofed(behindProxy, '192.0.2.1'), await spoofed(behindProxy, '192.0.2.1')],
        [200, 200, 429],
      );
      assert.equal(await spoofed(behindProxy, '192.0.2.2'), 200, 'each client behind the trusted proxy has its own limit');
    } finally {
      await behindProxy.close();
    }
  });
});
