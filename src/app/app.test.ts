import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { buildProgramInput } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildApp } from './app.ts';
import { rateLimitOff } from '../http/rate-limit.ts';

const apiToken = 'test-token-0123456789abcdefghijklmnop';
const auth = { authorization: `Bearer ${apiToken}` };

describeEachDatabase(
  'REST API',
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
        config: { bodyLimit: 65_536, apiToken, logLevel: 'silent' as const, rateLimit: rateLimitOff },
        logger: false,
      });
    });
    after(async () => app?.close());

    test('health and OpenAPI 3.1 description of every route', async () => {
      assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
      const openapi = (await app.inject('/openapi.json')).json();
      assert.equal(openapi.openapi, '3.1.0');
      for (const path of [
        '/api/programs',
        '/api/programs/{id}',
        '/api/stats/summary',
        '/api/agencies',
        '/api/countries',
        '/api/regions',
        '/api/assistance-types',
        '/api/pillars',
        '/api/organizations',
      ]) {
        assert.ok(openapi.paths[path], `${path} is documented`);
      }
      const docs = await app.inject('/docs');
      assert.ok([200, 302].includes(docs.statusCode));
    });

    test('unknown routes and ids answer in the one error shape', async () => {
      const missing = await app.inject('/api/nothing-here');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'NOT_FOUND');
      const program = await app.inject('/api/programs/987654');
      assert.equal(program.statusCode, 404);
      assert.match(program.json().error.message, /Program 987654 does not exist/);
    });

    test('writes need the token; a wrong token is refused', async () => {
      const anonymous = await app.inject({ method: 'POST', url: '/api/programs', payload: buildProgramInput() });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, 'UNAUTHORIZED');
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/programs',
        payload: buildProgramInput(),
        headers: { authorization: 'Bearer nope' },
      });
      assert.equal(wrong.statusCode, 401);
    });

    test('a body with wrong types is refused with every field named, and nothing is written', async () => {
      const before = (await app.inject('/api/programs?q=wrongtypes')).json().total;
      const response = await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: auth,
        payload: {
          ...buildProgramInput({ title: 'wrongtypes' }),
          status: 'flourishing',
          obligations: [{ fiscalYear: '2004', amountCents: -5 }],
        },
      });
      assert.equal(response.statusCode, 400);
      const body = response.json();
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      const fields = body.error.details.map((detail: { field: string }) => detail.field).join(' ');
      assert.match(fields, /status/);
      assert.match(fields, /obligations\.0\.fiscalYear/);
      assert.match(fields, /obligations\.0\.amountCents/);
      assert.equal((await app.inject('/api/programs?q=wrongtypes')).json().total, before);
    });

    test('malformed JSON, a wrong content type and an oversized body get clear 4xx errors', async () => {
      const malformed = await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: { ...auth, 'content-type': 'application/json' },
        payload: '{"title": ',
      });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.code, 'VALIDATION_FAILED');
      const text = await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: { ...auth, 'content-type': 'application/xml' },
        payload: '<program/>',
      });
      assert.equal(text.statusCode, 415);
      const huge = await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: { ...auth, 'content-type': 'application/json' },
        payload: JSON.stringify({ ...buildProgramInput(), description: 'x'.repeat(70_000) }),
      });
      assert.equal(huge.statusCode, 413);
      assert.equal(huge.json().error.code, 'PAYLOAD_TOO_LARGE');
    });

    test('an unknown country code is refused by name', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: auth,
        payload: buildProgramInput({ places: [{ countryCode: 'QQQ' }] }),
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.json().error.message, /unknown country code 'QQQ'/);
    });

    test('create, read with history, update with If-Match, stale update 412, missing version 428, delete', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: auth,
        payload: buildProgramInput({ title: 'Victim hotline' }),
      });
      assert.equal(created.statusCode, 201);
      const program = created.json();
      assert.equal(created.headers.etag, '"v1"');
      assert.equal(created.headers.location, `/api/programs/${program.id}`);

      const read = await app.inject(`/api/programs/${program.id}`);
      assert.equal(read.json().history.length, 1);

      const update = (headers: Record<string, string>, title: string) =>
        app.inject({
          method: 'PUT',
          url: `/api/programs/${program.id}`,
          headers: { ...auth, ...headers },
          payload: buildProgramInput({ title }),
        });
      const first = await update({ 'if-match': '"v1"' }, 'Victim hotline, national');
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers.etag, '"v2"');
      const stale = await update({ 'if-match': '"v1"' }, 'Lost update');
      assert.equal(stale.statusCode, 412);
      assert.equal(stale.json().error.code, 'VERSION_MISMATCH');
      assert.equal(stale.json().error.current.title, 'Victim hotline, national');
      const noVersion = await update({}, 'No version');
      assert.equal(noVersion.statusCode, 428);

      const removed = await app.inject({ method: 'DELETE', url: `/api/programs/${program.id}`, headers: { ...auth, 'if-match': '"v2"' } });
      assert.equal(removed.statusCode, 204);
      assert.equal((await app.inject(`/api/programs/${program.id}`)).statusCode, 404);
    });

    test('restricted programs never reach the public API; the token holder sees them', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: auth,
        payload: buildProgramInput({
          title: 'Restricted quokka proposal',
          visibility: 'restricted',
          status: 'proposed',
          obligations: [{ fiscalYear: 2031, amountCents: 99_00, amountNote: null }],
        }),
      });
      const id = created.json().id;
      assert.equal((await app.inject(`/api/programs/${id}`)).statusCode, 404);
      assert.equal((await app.inject(`/api/programs/${id}/history`)).statusCode, 404);
      assert.equal((await app.inject('/api/programs?q=quokka')).json().total, 0);
      assert.equal((await app.inject('/api/stats/summary?fy=2031')).json().programs, 0);
      assert.equal((await app.inject({ url: '/api/programs?q=quokka', headers: auth })).json().total, 1);
    });

    test('summary contract and breakdowns that add up to the total', async () => {
      for (const [country, cents] of [
        ['KEN', 10_000_00],
        ['TZA', 20_000_00],
        ['USA', 7_000_00],
      ] as const) {
        await app.inject({
          method: 'POST',
          url: '/api/programs',
          headers: auth,
          payload: buildProgramInput({
            title: `Program in ${country}`,
            places: [{ countryCode: country }],
            obligations: [{ fiscalYear: 2040, amountCents: cents, amountNote: null }],
          }),
        });
      }
      await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: auth,
        payload: buildProgramInput({
          title: 'East Africa regional',
          places: [{ countryCode: 'KEN' }, { countryCode: 'UGA' }, { countryCode: 'RWA' }],
          obligations: [{ fiscalYear: 2040, amountCents: 100, amountNote: null }],
        }),
      });
      await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: auth,
        payload: buildProgramInput({
          title: 'Unknown amount',
          obligations: [{ fiscalYear: 2040, amountCents: null, amountNote: 'Not Listed' }],
        }),
      });
      const summary = (await app.inject('/api/stats/summary?fy=2040')).json();
      assert.deepEqual(
        {
          fiscalYear: summary.fiscalYear,
          programs: summary.programs,
          obligatedUsd: summary.obligatedUsd,
          countries: summary.countries,
          unknownAmountPrograms: summary.unknownAmountPrograms,
        },
        { fiscalYear: 2040, programs: 5, obligatedUsd: 37_001, countries: 6, unknownAmountPrograms: 1 },
      );
      assert.equal(summary.domestic.programs, 1);
      assert.equal(summary.domestic.obligatedCents, '700000');
      assert.equal(summary.international.programs, 4);
      assert.equal(BigInt(summary.international.obligatedCents) + BigInt(summary.domestic.obligatedCents), BigInt(summary.obligatedCents));
      const byCountry = (await app.inject('/api/stats/by/country?fy=2040')).json();
      assert.equal(byCountry.method, 'allocated');
      assert.equal(
        String(byCountry.rows.reduce((sum: bigint, row: { obligatedCents: string }) => sum + BigInt(row.obligatedCents), 0n)),
        byCountry.totalCents,
      );
      assert.equal(byCountry.rows.find((row: { key: string }) => row.key === 'KEN').obligatedCents, String(10_000_00 + 34));
      const byAgency = (await app.inject('/api/stats/by/agency?fy=2040')).json();
      assert.equal(byAgency.rows[0].key, 'state-tip');
      const kenyaByYear = (await app.inject('/api/stats/by/fiscal-year?country=KEN&fy=2040')).json();
      assert.deepEqual(
        kenyaByYear.rows.map((row: { key: string; programs: number }) => [row.key, row.programs]),
        [['2040', 2]],
      );
      assert.equal(
        kenyaByYear.totalCents,
        String(10_000_00 + 100),
        'filters select programs; a program counts whole in a fiscal-year breakdown',
      );
      const byPartner = (await app.inject('/api/stats/by/partner?fy=2040')).json();
      assert.equal(
        String(byPartner.rows.reduce((sum: bigint, row: { obligatedCents: string }) => sum + BigInt(row.obligatedCents), 0n)),
        byPartner.totalCents,
      );
      const badYear = await app.inject('/api/stats/summary?fiscalYear=twenty');
      assert.equal(badYear.statusCode, 400);
      assert.match(badYear.json().error.message, /fiscalYear must be a year such as 2004/);
    });

    test('reference lists', async () => {
      const agencies = (await app.inject('/api/agencies')).json().items;
      assert.ok(agencies.some((agency: { id: string }) => agency.id === 'state-tip'));
      const pillars = (await app.inject('/api/pillars')).json().items.map((term: { code: string }) => term.code);
      assert.deepEqual([...pillars].sort(), ['partnership', 'prevention', 'prosecution', 'protection']);
      assert.equal((await app.inject('/api/countries/NPL')).json().name, 'Nepal');
      assert.equal((await app.inject('/api/countries/QQQ')).statusCode, 404);
      assert.equal((await app.inject('/api/review/names')).statusCode, 401);
    });

    test('the home page escapes what it shows and names the latest fiscal year', async () => {
      await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: auth,
        payload: buildProgramInput({
          title: '<script>alert(1)</script>',
          obligations: [{ fiscalYear: 2041, amountCents: 5_00, amountNote: null }],
        }),
      });
      const page = await app.inject('/');
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, /Fiscal year 2041/);
      assert.doesNotMatch(page.body, /<script>alert/);
    });
  },
);
