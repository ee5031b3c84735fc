import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createProgram } from '../programs/program.service.ts';
import { buildApp } from '../app/app.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { ilabTurkeyDraft, prepareCoordinationData } from './testing/coordination-fixture.ts';

const apiToken = 'test-token-0123456789abcdefghijklmnop';
const auth = { authorization: `Bearer ${apiToken}` };

describeEachDatabase('coordination API and page', { prepare: ({ db }) => prepareCoordinationData(db) }, (database) => {
  let app: FastifyInstance;
  let restrictedId: number;
  before(async () => {
    app = await buildApp({
      db: database.db,
      config: { bodyLimit: 65_536, apiToken, logLevel: 'silent' as const, rateLimit: rateLimitOff },
      logger: false,
    });
    const input = buildProgramInput({ title: 'Pre-decisional shelter award in Nepal', visibility: 'restricted' });
    restrictedId = (await createProgram({ db: database.db, actor: testActor, input })).id;
  });
  after(async () => app?.close());

  test('POST /api/coordination/check takes a create body and returns ranked matches with reasons, for the public too', async () => {
    const before = (await app.inject('/api/programs?limit=1')).json().total;
    const response = await app.inject({ method: 'POST', url: '/api/coordination/check', payload: await ilabTurkeyDraft(database.db) });
    assert.equal(response.statusCode, 200, response.body);
    const { matches } = response.json();
    assert.ok(matches.length > 0);
    for (const match of matches) {
      assert.equal(typeof match.programId, 'number');
      assert.ok(match.score >= 0 && match.score <= 1);
      assert.ok(Array.isArray(match.reasons) && match.reasons.every((reason: unknown) => typeof reason === 'string'));
    }
    assert.match(matches[0].reasons.join(' '), /funded by another agency/);
    assert.equal((await app.inject('/api/programs?limit=1')).json().total, before, 'the draft is not stored');
  });

  test('a public check never reveals restricted programs; the token holder sees them', async () => {
    const draft = buildProgramInput({ title: 'Pre-decisional shelter award in Nepal' });
    const publicResponse = await app.inject({ method: 'POST', url: '/api/coordination/check', payload: draft });
    assert.equal(publicResponse.statusCode, 200, publicResponse.body);
    const asPublic = publicResponse.json();
    assert.ok(!asPublic.matches.some((match: { programId: number }) => match.programId === restrictedId));
    const asOperator = (await app.inject({ method: 'POST', url: '/api/coordination/check?limit=3', payload: draft, headers: auth })).json();
    assert.equal(asOperator.matches[0].programId, restrictedId);
    assert.ok(asOperator.matches.length <= 3);
  });

  test('a bad body gets 400 in the one error shape, naming the fields', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/coordination/check',
      payload: { ...buildProgramInput(), title: 42, obligations: [{ fiscalYear: 'soon', amountCents: 1.5 }] },
    });
    assert.equal(wrong.statusCode, 400);
    const body = wrong.json();
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.match(
      body.error.details.map((detail: { field: string }) => detail.field).join(' '),
      /body\.title.*body\.obligations\.0\.fiscalYear/s,
    );
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/coordination/check',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, 'VALIDATION_FAILED');
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/coordination/check',
      payload: buildProgramInput({ fundingAgencyId: 'ministry-of-magic' }),
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.message, /unknown agency 'ministry-of-magic'/);
  });

  test('the overlap report as JSON, CSV and an accessible page', async () => {
    const json = await app.inject('/api/coordination/overlap?from=2003&to=2005');
    assert.equal(json.statusCode, 200, json.body);
    const report = json.json();
    assert.equal(report.fiscalYearFrom, 2003);
    assert.ok(Array.isArray(report.duplication) && Array.isArray(report.overlap) && Array.isArray(report.fragmentation));
    const csv = await app.inject('/api/coordination/overlap.csv?from=2003&to=2005');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(csv.body, /^\uFEFFfinding,/);
    const page = await app.inject('/coordination/overlap?from=2003&to=2005');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<h1>Overlap report, FY2003–FY2005<\/h1>/);
    assert.match(page.body, /<form[^>]+method="get"[^>]+action="\/coordination\/overlap"/);
    assert.match(page.body, /<caption>Findings by country or region/);
    assert.match(page.body, /<th scope="col">/);
    const empty = await app.inject('/coordination/overlap');
    assert.equal(empty.statusCode, 200);
  });

  test('a bad range is refused clearly on every door', async () => {
    const reversed = await app.inject('/api/coordination/overlap?from=2005&to=2003');
    assert.equal(reversed.statusCode, 400);
    assert.match(reversed.json().error.message, /from must not be after to/);
    const words = await app.inject('/api/coordination/overlap.csv?from=last&to=2003');
    assert.equal(words.statusCode, 400);
    const page = await app.inject('/coordination/overlap?from=2005&to=1800');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /usa-alert--error/);
    assert.match(page.body, /2100|1990/);
  });
});
