import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { installErrorHandler } from './error-handler.ts';
import { installQueryParameterRules, queryKeysOf, suggestParameter } from './query-parameters.ts';

async function buildTestApp() {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installQueryParameterRules(app);
  const schema = { querystring: z.object({ fiscalYear: z.coerce.number().optional(), country: z.string().optional() }) };
  app.get('/api/things', { schema }, async (request) => request.query);
  app.get('/api/hsds/services', async (request) => request.query);
  app.get('/page', async (request) => request.query);
  return app;
}

describe('query parameter rules', () => {
  it('reads the keys of objects, transforms and pipes', () => {
    assert.deepEqual(queryKeysOf(z.object({ a: z.string(), b: z.string() })), ['a', 'b']);
    assert.deepEqual(queryKeysOf(z.object({ a: z.string() }).transform((value) => value)), ['a']);
    assert.deepEqual(queryKeysOf(undefined), []);
  });

  it('suggests the name people meant', () => {
    assert.equal(suggestParameter('year', ['fiscalYear', 'country']), 'fiscalYear');
    assert.equal(suggestParameter('fiscal_year', ['fiscalYear']), 'fiscalYear');
    assert.equal(suggestParameter('contry', ['fiscalYear', 'country']), 'country');
    assert.equal(suggestParameter('utm_source', ['fiscalYear', 'country']), undefined);
  });

  it('API: unknown names are a 400, fy is read as fiscalYear with a Deprecation header', async () => {
    const app = await buildTestApp();
    const unknown = await app.inject('/api/things?year=2005');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.message, /^unknown parameter year; did you mean fiscalYear\?/);
    const old = await app.inject('/api/things?fy=2005');
    assert.equal(old.statusCode, 200);
    assert.deepEqual(old.json(), { fiscalYear: 2005 });
    assert.ok(old.headers.deprecation);
  });

  it('/api/hsds/ accepts every parameter; pages ignore unknown ones and redirect fy', async () => {
    const app = await buildTestApp();
    const hsds = await app.inject('/api/hsds/services?page=2&per_page=10&anything=x');
    assert.equal(hsds.statusCode, 200);
    assert.deepEqual(hsds.json(), { page: '2', per_page: '10', anything: 'x' });
    assert.equal((await app.inject('/page?utm_source=mail')).statusCode, 200);
    const old = await app.inject('/page?fy=2004');
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/page?fiscalYear=2004');
  });
});
