import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { importCtipCsv } from '../imports/ctip-csv/ctip-csv.importer.ts';
import { seedDatabase } from '../imports/ctip-csv/testing/ctip-csv-fixture.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { buildApp } from '../app/app.ts';
import { buildProgramInput } from '../testing/fixtures.ts';
import { createTestDatabase, listTestDatabaseKinds } from '../testing/test-database.ts';

const apiToken = 'test-token-0123456789abcdefghijklmnop';
const auth = { authorization: `Bearer ${apiToken}` };
/** 2^53 − 1: the largest safe integer. Two of them add up past what a double holds exactly. */
const largestSafe = '9007199254740991';
/** 2^53 + 1: a JSON number of this value reads back as 9007199254740992. */
const beyondDouble = '9007199254740993';

for (const kind of listTestDatabaseKinds()) {
  describe(`money is exact beyond 2^53 cents [${kind}]`, () => {
    let database: DatabaseHandle;
    let fresh: DatabaseHandle;
    let app: FastifyInstance;
    before(async () => {
      [database, fresh] = await Promise.all([createTestDatabase({ kind }), createTestDatabase({ kind })]);
      await seedDatabase(database.db);
      await seedDatabase(fresh.db);
      app = await buildApp({
        db: database.db,
        config: { bodyLimit: 65_536, apiToken, logLevel: 'silent' as const, rateLimit: rateLimitOff },
        logger: false,
      });
    });
    after(async () => {
      await app?.close();
      await Promise.all([database?.close(), fresh?.close()]);
    });

    const create = async (payload: unknown) =>
      app.inject({ method: 'POST', url: '/api/programs', headers: auth, payload: payload as object });

    it('sums two obligations of 9,007,199,254,740,991 cents exactly in /api/stats/summary', async () => {
      for (const title of ['First large program', 'Second large program']) {
        const created = await create(
          buildProgramInput({
            title,
            places: [{ countryCode: 'KEN' }],
            obligations: [{ fiscalYear: 2041, amountCents: largestSafe, amountNote: null }],
          }),
        );
        assert.equal(created.statusCode, 201, created.body);
      }
      const response = await app.inject('/api/stats/summary?fy=2041');
      assert.equal(response.statusCode, 200);
      const summary = response.json();
      assert.equal(summary.obligatedCents, '18014398509481982');
      assert.equal(summary.international.obligatedCents, '18014398509481982');
      assert.equal(summary.domestic.obligatedCents, '0');
      assert.equal(typeof summary.obligatedUsd, 'number', 'dollars stay a number, for display');
      assert.match(response.body, /"obligatedCents":"18014398509481982"/, 'the JSON text carries the exact digits');
      const byAgency = (await app.inject('/api/stats/by/agency?fy=2041')).json();
      assert.equal(byAgency.totalCents, '18014398509481982');
      assert.equal(byAgency.rows[0].obligatedCents, '18014398509481982');
    });

    it('round-trips a decimal-string amount beyond 2^53 through GET, JSON, CSV and IATI export and CSV re-import', async () => {
      const created = await create(
        buildProgramInput({
          title: 'Beyond double precision',
          places: [{ countryCode: 'NPL' }],
          obligations: [{ fiscalYear: 2042, amountCents: beyondDouble, amountNote: null }],
        }),
      );
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().obligatedCents, beyondDouble);

      const read = await app.inject(`/api/programs/${created.json().id}`);
      assert.equal(read.json().obligations[0].amountCents, beyondDouble);
      assert.equal(read.json().obligatedCents, beyondDouble);
      const listed = (await app.inject('/api/programs?fiscalYear=2042')).json();
      assert.equal(listed.items[0].obligatedCents, beyondDouble);

      const json = await app.inject('/api/exports/programs.json?fiscalYear=2042');
      assert.equal(json.statusCode, 200);
      assert.match(json.body, new RegExp(`"amountCents":"${beyondDouble}"`));

      const csv = await app.inject('/api/exports/programs.csv?fiscalYear=2042');
      assert.equal(csv.statusCode, 200);
      const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
      assert.deepEqual(
        rows.map((row) => row.obligation_usd),
        ['90071992547409.93'],
      );

      const iati = await app.inject('/api/exports/programs.xml?fiscalYear=2042');
      assert.equal(iati.statusCode, 200);
      assert.match(iati.body, /<value currency="USD" value-date="2041-10-01">90071992547409\.93<\/value>/);

      const actor = { name: 'test', door: 'import' } as const;
      const same = await importCtipCsv({ db: database.db, content: csv.body, actor, fileName: 'export.csv' });
      assert.deepEqual(
        same.problems.filter((problem) => problem.severity === 'error'),
        [],
      );
      assert.deepEqual(
        same.programs,
        { created: 0, updated: 0, unchanged: 1, rejected: 0 },
        'the exported amount reads back as the stored one',
      );

      // Into another database, without the id (which names a program of the first one).
      const withoutId = csv.body.replace(/^(\d+),\d+,/m, '$1,,');
      const report = await importCtipCsv({ db: fresh.db, content: withoutId, actor, fileName: 'export.csv' });
      assert.deepEqual(
        report.problems.filter((problem) => problem.severity === 'error'),
        [],
      );
      assert.equal(report.programs.created, 1);
      const stored = await selectRows<{ cents: string }>(
        fresh.db,
        sql`SELECT amount_cents::text AS cents FROM program_obligations WHERE fiscal_year = 2042`,
      );
      assert.deepEqual(
        stored.map((row) => row.cents),
        [beyondDouble],
      );
    });

    it('sorts and pages by obligated amount above 2^53 without losing a program', async () => {
      // 2^53 sorts right after 2^53 + 1; a cursor holding the amount as a double (2^53 + 1 → 2^53) would skip it.
      const exactly = await create(
        buildProgramInput({
          title: 'Exactly two to the 53rd',
          obligations: [{ fiscalYear: 2043, amountCents: '9007199254740992', amountNote: null }],
        }),
      );
      assert.equal(exactly.statusCode, 201, exactly.body);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: number }[]; nextCursor: string | null } = (
          await app.inject(`/api/programs?sort=-obligated&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(seen.length, new Set(seen).size);
      assert.equal(seen.length, (await app.inject('/api/programs?limit=100')).json().total);
      assert.ok(seen.includes(exactly.json().id));
    });

    it('refuses an unsafe integer or a fraction of a cent with a 400 naming the field', async () => {
      const unsafe = await app.inject({
        method: 'POST',
        url: '/api/programs',
        headers: { ...auth, 'content-type': 'application/json' },
        // Written by hand: a JSON number this large has already lost its last digit when parsed.
        payload: JSON.stringify(buildProgramInput({ title: 'Unsafe amount' })).replace(
          '"amountCents":25000000',
          `"amountCents":${beyondDouble}`,
        ),
      });
      assert.equal(unsafe.statusCode, 400);
      const error = unsafe.json().error;
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        error.details.map((detail: { field: string }) => detail.field),
        ['body.obligations.0.amountCents'],
      );
      assert.match(
        error.message,
        /obligations\.0\.amountCents must be a whole number of cents no larger than 9007199254740991; send larger amounts as a decimal string/,
      );

      for (const amountCents of [12.5, '12.5', '-3', '1e6', true]) {
        const response = await create({
          ...buildProgramInput({ title: 'Bad amount' }),
          obligations: [{ fiscalYear: 2004, amountCents, amountNote: null }],
        });
        assert.equal(response.statusCode, 400, String(amountCents));
        assert.match(response.json().error.message, /obligations\.0\.amountCents must/, String(amountCents));
        assert.doesNotMatch(response.json().error.message, /Invalid input/);
      }
      const tooLarge = await create({
        ...buildProgramInput({ title: 'Too large' }),
        obligations: [{ fiscalYear: 2004, amountCents: '9223372036854775808', amountNote: null }],
      });
      assert.equal(tooLarge.statusCode, 400);
      assert.match(tooLarge.json().error.message, /amountCents must be at most 9223372036854775807 cents/);
      assert.equal((await app.inject('/api/programs?q=amount')).json().total, 0, 'nothing was written');
    });
  });
}
