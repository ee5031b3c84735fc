import assert from 'node:assert/strict';
import { it } from 'node:test';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { programCsvColumns } from '../exports/program-csv.format.ts';
import { assertPageBasics, describePortal } from '../testing/portal-fixture.ts';
import { glossaryTerms } from './glossary.page.tsx';
import { operationId } from './api-reference.page.tsx';

describePortal('API reference, glossary, data dictionary and site files', (context) => {
  it('/docs is a readable reference of every API operation in the site layout, without script', async () => {
    const page = await context.app.inject('/docs');
    assert.equal(page.statusCode, 200);
    assertPageBasics(page.body, assert);
    assert.doesNotMatch(page.body, /<script/);
    const openapi = (await context.app.inject('/openapi.json')).json();
    for (const [path, item] of Object.entries(openapi.paths as Record<string, Record<string, unknown>>))
      for (const method of Object.keys(item)) assert.match(page.body, new RegExp(`id="${operationId(method, path)}"`), `${method} ${path}`);
    assert.match(page.body, /id="fiscal-year"/);
    assert.match(page.body, /href="\/docs\/console"/);
    assert.equal((await context.app.inject('/docs/console/json')).statusCode, 200);
  });

  it('the glossary defines the terms; the data dictionary lists every column of every download', async () => {
    const glossary = await context.app.inject('/glossary');
    assertPageBasics(glossary.body, assert);
    for (const id of ['obligation', 'disbursement', 'fiscal-year', 'pillar', 'regional-program', 'restricted', 'clearance'])
      assert.ok(glossaryTerms.some((term) => term.id === id) && glossary.body.includes(`id="${id}"`), id);
    const dictionary = await context.app.inject('/data-dictionary');
    assertPageBasics(dictionary.body, assert);
    for (const column of programCsvColumns) assert.match(dictionary.body, new RegExp(`<code>${column}</code>`), column);
    for (const column of ['scope', 'unknown_amount_programs', 'kind', 'method'])
      assert.match(dictionary.body, new RegExp(`<code>${column}</code>`));
  });

  it('every page links the API reference, glossary and data dictionary from the footer', async () => {
    const home = (await context.app.inject('/')).body;
    for (const href of ['/docs', '/glossary', '/data-dictionary']) assert.match(home, new RegExp(`href="${href}"`));
  });

  it('an unknown address is an HTML page for a browser and JSON for an API client', async () => {
    const browser = await context.app.inject({
      url: '/no/such/page?x=<b>',
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    assert.equal(browser.statusCode, 404);
    assert.match(String(browser.headers['content-type']), /^text\/html/);
    assertPageBasics(browser.body, assert);
    assert.match(browser.body, /Page not found/);
    const client = await context.app.inject({ url: '/no/such/page', headers: { accept: 'application/json' } });
    assert.equal(client.statusCode, 404);
    assert.equal(client.json().error.code, 'NOT_FOUND');
    const api = await context.app.inject({ url: '/api/nothing', headers: { accept: 'text/html' } });
    assert.equal(api.json().error.code, 'NOT_FOUND');
  });

  it('robots.txt, sitemap.xml and the favicon', async () => {
    const robots = await context.app.inject({ url: '/robots.txt', headers: { host: 'ctip.example.org' } });
    assert.match(robots.body, /^User-agent: \*$/m);
    assert.match(robots.body, /^Sitemap: http:\/\/ctip\.example\.org\/sitemap\.xml$/m);
    const sitemap = await context.app.inject({ url: '/sitemap.xml', headers: { host: 'ctip.example.org' } });
    assert.match(String(sitemap.headers['content-type']), /^application\/xml/);
    assert.match(sitemap.body, /<loc>http:\/\/ctip\.example\.org\/glossary<\/loc>/);
    assert.match(sitemap.body, /<loc>http:\/\/ctip\.example\.org\/countries\/AFG<\/loc>/);
    // Nepal has only the restricted program here: a sitemap is public, so it is not listed.
    assert.doesNotMatch(sitemap.body, /countries\/NPL/);
    assert.doesNotMatch(sitemap.body, /\/countries\/region/);
    const icon = await context.app.inject('/favicon.ico');
    assert.equal(icon.statusCode, 200);
  });

  it('compresses pages, JSON and downloads with brotli or gzip, as the client accepts', async () => {
    const plain = await context.app.inject('/glossary');
    const brotli = await context.app.inject({ url: '/glossary', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.match(String(brotli.headers.vary), /Accept-Encoding/);
    assert.equal(brotliDecompressSync(brotli.rawPayload).toString(), plain.body);
    const gzip = await context.app.inject({ url: '/api/stats/by/country', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.ok(JSON.parse(gunzipSync(gzip.rawPayload).toString()).rows.length > 0);
    const download = await context.app.inject({ url: '/api/exports/programs.csv', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(download.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(download.rawPayload).toString(), /^\uFEFFprogram_key,/);
    const refused = await context.app.inject({ url: '/glossary', headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    assert.equal(refused.headers['content-encoding'], undefined);
  });
});
