import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { assetRoutes } from './assets.routes.ts';

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
});
