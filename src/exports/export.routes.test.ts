import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedDatabase } from '../imports/ctip-csv/testing/ctip-csv-fixture.ts';
import { createProgram } from '../programs/program.service.ts';
import { buildApp } from '../app/app.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { validateIatiXml } from './validate-iati.ts';

const apiToken = 'test-token-0123456789abcdefghijklmnop';
const auth = { authorization: `Bearer ${apiToken}` };
const today = new Date().toISOString().slice(0, 10);

describeEachDatabase('download API', { prepare: ({ db }) => seedDatabase(db) }, (database) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildApp({
      db: database.db,
      config: { bodyLimit: 65_536, apiToken, logLevel: 'silent' as const, rateLimit: rateLimitOff },
      logger: false,
    });
    await createProgram({
      db: database.db,
      actor: testActor,
      input: buildProgramInput({ title: 'Nepal shelters', assistanceTypes: ['shelters'] }),
    });
    await createProgram({
      db: database.db,
      actor: testActor,
      input: buildProgramInput({
        title: 'India hotline',
        places: [{ countryCode: 'IND' }],
        obligations: [{ fiscalYear: 2005, amountCents: 100, amountNote: null }],
      }),
    });
    await createProgram({
      db: database.db,
      actor: testActor,
      input: buildProgramInput({ title: 'Secret proposal', visibility: 'restricted' }),
    });
  });
  after(async () => app?.close());

  it('sends each format as an attachment named after today, with its content type', async () => {
    for (const [extension, type] of [
      ['csv', 'text/csv; charset=utf-8; header=present'],
      ['json', 'application/json; charset=utf-8'],
      ['xml', 'application/xml; charset=utf-8'],
    ] as const) {
      const response = await app.inject(`/api/exports/programs.${extension}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['content-type'], type);
      assert.equal(response.headers['content-disposition'], `attachment; filename="ctip-programs-${today}.${extension}"`);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.doesNotMatch(response.body, /Secret proposal/, `${extension} hides restricted programs from the public`);
    }
  });

  it('applies the program filters, and shows restricted programs to the token holder', async () => {
    const nepal = await app.inject('/api/exports/programs.json?country=npl');
    assert.deepEqual(
      nepal.json().programs.map((program: { title: string }) => program.title),
      ['Nepal shelters'],
    );
    assert.deepEqual(nepal.json().filters, { country: 'NPL', sort: 'id' });
    const csv = await app.inject({ url: '/api/exports/programs.csv?fiscalYear=2004', headers: auth });
    assert.equal(csv.body.split('\r\n').filter(Boolean).length, 3, 'header, Nepal shelters, Secret proposal');
    assert.match(csv.body, /Secret proposal/);
  });

  it('serves IATI XML that validates, with vocabulary URIs pointing at this API', async () => {
    const response = await app.inject({ url: '/api/exports/programs.xml', headers: { host: 'ctip.example.gov' } });
    assert.deepEqual(validateIatiXml(response.body).errors, []);
    assert.match(
      response.body,
      /<sector vocabulary="99" vocabulary-uri="http:\/\/ctip.example.gov\/api\/assistance-types" code="shelters" percentage="100">/,
    );
    const oddHost = await app.inject({ url: '/api/exports/programs.xml', headers: { host: 'evil"><x' } });
    assert.match(oddHost.body, /vocabulary-uri="urn:ctip:assistance-types"/, 'a Host header that is not a host name is not echoed');
  });

  it('answers a bad filter with the one JSON error shape, not a broken file', async () => {
    for (const url of [
      '/api/exports/programs.csv?country=Narnia',
      '/api/exports/programs.xml?fiscalYearFrom=2010&fiscalYearTo=2001',
      '/api/exports/programs.json?limit=5',
    ]) {
      const response = await app.inject(url);
      if (url.includes('limit')) {
        assert.equal(response.statusCode, 200, 'limit is not an export parameter and is ignored');
        continue;
      }
      assert.equal(response.statusCode, 400, url);
      assert.equal(response.json().error.code, 'VALIDATION_FAILED');
    }
    const wrongToken = await app.inject({ url: '/api/exports/programs.csv', headers: { authorization: 'Bearer nope' } });
    assert.equal(wrongToken.statusCode, 401);
  });

  it('is described in the OpenAPI document', async () => {
    const openapi = (await app.inject('/openapi.json')).json();
    for (const path of ['/api/exports/programs.csv', '/api/exports/programs.json', '/api/exports/programs.xml'])
      assert.ok(openapi.paths[path], path);
  });
});
