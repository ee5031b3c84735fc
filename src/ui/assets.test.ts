import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assetRoutes } from './assets.routes.ts';
import { classesOfSelector, collectClassWords, trimCss } from './css-trim.ts';
import { stylesheets, uswdsRoot } from './stylesheets.ts';

describe('static assets', () => {
  let app: FastifyInstance;
  before(async () => {
    app = Fastify({ logger: false });
    await app.register(assetRoutes);
  });
  after(async () => app?.close());

  test('serves the USWDS stylesheet, fonts and images with their types and cache headers', async () => {
    const css = await app.inject('/assets/uswds/css/uswds.min.css');
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.match(String(css.headers['cache-control']), /max-age=\d+/);
    assert.match(css.body, /\.usa-header/);
    const font = await app.inject('/assets/uswds/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2');
    assert.equal(font.statusCode, 200);
    assert.equal(font.headers['content-type'], 'font/woff2');
    const image = await app.inject('/assets/uswds/img/us_flag_small.png');
    assert.equal(image.headers['content-type'], 'image/png');
    const site = await app.inject('/assets/site.css');
    assert.equal(site.statusCode, 200);
    assert.match(site.body, /@media print/);
  });

  test('refuses path traversal, directories, unknown types and missing files with 404', async () => {
    for (const url of [
      '/assets/uswds/../../package.json',
      '/assets/uswds/%2e%2e/%2e%2e/package.json',
      '/assets/uswds/css/..%2f..%2f..%2fpackage.json',
      '/assets/uswds/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fsrc%2fserver%2fapp.ts',
      '/assets/uswds/css/..%5c..%5cpackage.json',
      '/assets/uswds/css/uswds.min.css%00.png',
      '/assets/uswds/css',
      '/assets/uswds/',
      '/assets/uswds/css/nothing.css',
      '/assets/uswds/scss/stylesheets/uswds.scss',
    ]) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 404, url);
      assert.doesNotMatch(response.body, /"name"|import /, url);
    }
  });

  test('stylesheets have content-hashed names, are cached as immutable, and the old names still answer', async () => {
    const { uswds, site } = stylesheets();
    assert.match(uswds.href, /^\/assets\/uswds\/css\/uswds\.[0-9a-f]{12}\.css$/);
    for (const href of [uswds.href, site.href]) {
      const response = await app.inject(href);
      assert.equal(response.statusCode, 200, href);
      assert.match(String(response.headers['cache-control']), /max-age=31536000, immutable/);
    }
    assert.equal((await app.inject('/assets/site.000000000000.css')).statusCode, 404);
    assert.equal((await app.inject('/favicon.ico')).headers['content-type'], 'image/x-icon');
  });

  test('the USWDS stylesheet is trimmed, and keeps every class the sources name', () => {
    const full = readFileSync(path.join(uswdsRoot, 'css', 'uswds.min.css'), 'utf8');
    const { css } = stylesheets().uswds;
    assert.ok(css.length < full.length / 4, `trimmed to ${css.length} of ${full.length} bytes`);
    const sourceRoot = path.resolve(import.meta.dirname, '..');
    const classes = new Set<string>();
    const read = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) read(file);
        else if (/\.tsx$/.test(entry.name))
          for (const match of readFileSync(file, 'utf8').matchAll(/class(?:Name)?=["{`]([^"}`]+)/g))
            for (const name of match[1]!.split(/\s+/)) if (/^[a-z][\w:-]*$/.test(name)) classes.add(name);
      }
    };
    read(sourceRoot);
    assert.ok(classes.has('usa-skipnav'));
    // What the class attributes alone need, trimmed independently of the startup scan, must all be in the served file.
    const needed = trimCss(full, { words: classes, prefixes: [] });
    const served = new Set([...css.matchAll(/\.((?:\\.|[\w-])+)/g)].map((match) => match[1]));
    for (const match of needed.matchAll(/\.((?:\\.|[\w-])+)/g)) assert.ok(served.has(match[1]), `class ${match[1]} kept`);
  });

  test('trimming keeps selectors without classes, at-rules, prefixes built in code, and drops unused rules', () => {
    const css =
      'html{color:red}.a,.b{x:1}.b .c{x:2}@media (min-width:1px){.a{x:3}.d{x:4}}@media print{.d{x:5}}@font-face{font-family:x}.tablet\\:a{x:6}.a:not(.z){x:7}.alert--info{x:8}';
    const used = collectClassWords(['class="a tablet:a"', '`alert--${type}`']);
    assert.equal(
      trimCss(css, used),
      'html{color:red}.a{x:1}@media (min-width:1px){.a{x:3}}@font-face{font-family:x}.tablet\\:a{x:6}.a:not(.z){x:7}.alert--info{x:8}',
    );
    assert.deepEqual(classesOfSelector('.usa-nav .tablet\\:grid-col:not(.x)'), ['usa-nav', 'tablet:grid-col']);
  });
});
