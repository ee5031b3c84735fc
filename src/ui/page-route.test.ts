import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { h } from 'preact';
import { AppError } from '../shared/errors.ts';
import { htmlErrorHandler, pageRoute, redirectAfterPost } from './page-route.ts';

/** The one HTML route helper, on a bare Fastify app: every answer is HTML, whatever went wrong. */
describe('pageRoute', () => {
  let app: FastifyInstance;
  before(async () => {
    app = Fastify({ logger: false, bodyLimit: 100 });
    app.get(
      '/fails',
      pageRoute(async () => {
        throw new Error('secret internal detail');
      }),
    );
    app.get(
      '/busy',
      pageRoute(async () => {
        throw new AppError({ code: 'RATE_LIMITED', message: 'Too many requests; wait a little.', retryAfterSeconds: 7 });
      }),
    );
    app.get(
      '/private',
      pageRoute(async () => h('p', null, 'about you'), { private: true }),
    );
    app.post(
      '/form',
      pageRoute(
        async () => {
          throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in to send this form.' });
        },
        { postsToItsPage: true },
      ),
    );
    app.post(
      '/saved',
      pageRoute(async (_request, reply) => redirectAfterPost(reply, '/done')),
    );
    await app.register(async (forms) => {
      forms.setErrorHandler(htmlErrorHandler);
      forms.post(
        '/small',
        pageRoute(async () => h('p', null, 'never reached')),
      );
    });
  });
  after(async () => app?.close());

  test('a 5xx is an HTML error page that shows no internal detail', async () => {
    const response = await app.inject('/fails');
    assert.equal(response.statusCode, 500);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(response.body, /The page could not be shown/);
    assert.doesNotMatch(response.body, /secret internal detail/);
  });

  test('the wait of a 429 comes from the error as data: the Retry-After header and the page agree', async () => {
    const response = await app.inject('/busy');
    assert.equal(response.statusCode, 429);
    assert.equal(response.headers['retry-after'], '7');
    assert.match(response.body, /Try again in 7 seconds/);
  });

  test('a private page is never cached; a redirect after a post is a 303', async () => {
    const page = await app.inject('/private');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /about you/);
    const saved = await app.inject({ method: 'POST', url: '/saved' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/done');
  });

  test('a refused post of a form with its own page signs in and comes back to that page', async () => {
    const response = await app.inject({ method: 'POST', url: '/form' });
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /href="\/sign-in\?returnTo=%2Fform"/);
  });

  test('an error raised before the handler (a body too large) is an HTML page too', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/small',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(500) }),
    });
    assert.equal(response.statusCode, 413);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-store');
  });
});
