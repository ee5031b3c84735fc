import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { assertPageBasics } from '../../testing/portal-fixture.ts';
import { hashToken } from '../sessions.service.ts';
import { disableUser } from '../users.service.ts';
import { safeReturnTo } from '../../http/return-to.ts';
import {
  buildAccountsTestApp,
  cookieOf,
  createTestUser,
  formBody,
  openSignInForm,
  postForm,
  postSignIn,
  signInAs,
  testPassword,
} from '../../testing/web-session.ts';

test('returnTo keeps local paths only', () => {
  assert.equal(safeReturnTo('/programs?country=NPL#list'), '/programs?country=NPL#list');
  for (const bad of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'evil.example',
    '/\t/evil.example',
    ' /x',
    '',
    undefined,
    42,
    '/sign-in',
    '/sign-out',
  ]) {
    assert.equal(safeReturnTo(bad), '/', String(bad));
  }
});

describeEachDatabase(
  'sign-in and sign-out pages',
  {
    prepare: async ({ db }) => {
      await seedReferenceData({ db });
      await seedOrganizations({ db });
    },
  },
  (database) => {
    let app: FastifyInstance;
    before(async () => {
      app = await buildAccountsTestApp(database.db);
    });
    after(async () => app?.close());

    test('the sign-in page is a labelled USWDS form with a login-CSRF cookie echoed in a hidden field', async () => {
      const { response, formToken } = await openSignInForm(app, '?returnTo=%2Fprograms');
      assert.equal(response.statusCode, 200);
      assertPageBasics(response.body, assert);
      assert.match(response.body, /<input type="hidden" name="returnTo" value="\/programs"/);
      const cookie = cookieOf(response, 'ctip_form')!;
      assert.equal(cookie.value, formToken);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.ok(cookie.maxAge! > 0 && cookie.maxAge! <= 3600, 'short-lived');
      assert.equal(response.headers['cache-control'], 'no-store');
    });

    test('signing in sets the session cookie with its flags and returns to the page asked for', async () => {
      const user = await createTestUser(database.db, { role: 'agency_editor', name: 'Ada Editor' });
      const response = await postSignIn(app, {
        email: user.email.toUpperCase(),
        password: testPassword,
        returnTo: '/programs?country=NPL',
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/programs?country=NPL');
      const session = cookieOf(response, 'ctip_session')!;
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, 'Lax');
      assert.equal(session.path, '/');
      assert.equal(session.maxAge, 8 * 60 * 60);
      assert.equal(session.secure, undefined, 'no Secure flag over plain HTTP');
      assert.equal(cookieOf(response, 'ctip_form')?.value, '', 'the form cookie is cleared');
      const home = await app.inject({ url: '/', headers: { cookie: `ctip_session=${session.value}` } });
      assert.match(home.body, /Signed in as Ada Editor \(agency editor\)/);
      assert.match(home.body, /<a href="\/account">Account<\/a>/);
      assert.doesNotMatch(home.body, /href="\/admin\/users"/, 'no Admin link for an editor');
      assert.match(home.body, /<form method="post" action="\/sign-out"[^>]*><input type="hidden" name="_csrf" value="[^"]+"/);
    });

    test('over HTTPS (request.protocol stubbed) both cookies are Secure', async () => {
      const user = await createTestUser(database.db, { role: 'coordinator' });
      const form = await app.inject({ url: '/sign-in', headers: { 'x-test-https': '1' } });
      assert.equal(cookieOf(form, 'ctip_form')!.secure, true);
      const response = await postSignIn(app, { email: user.email, password: testPassword, headers: { 'x-test-https': '1' } });
      assert.equal(cookieOf(response, 'ctip_session')!.secure, true);
    });

    test('the public header links to sign-in and back to the page', async () => {
      const page = await app.inject('/countries');
      assert.match(page.body, /<nav aria-label="Account"/);
      assert.match(page.body, /<a href="\/sign-in\?returnTo=%2Fcountries">Sign in<\/a>/);
    });

    test('unknown email, wrong password and disabled account get the same answer', async () => {
      const user = await createTestUser(database.db, { role: 'agency_viewer' });
      const disabled = await createTestUser(database.db, { role: 'agency_viewer' });
      await disableUser({ db: database.db, user: disabled.id, actor: { name: 'test', door: 'system' } });
      const attempts = [
        { email: 'nobody-at-all@example.org', password: testPassword },
        { email: user.email, password: 'wrong password entirely' },
        { email: disabled.email, password: testPassword },
      ];
      const answers = [];
      for (const [index, attempt] of attempts.entries()) {
        const response = await postSignIn(app, { ...attempt, remoteAddress: `10.1.0.${index}` });
        assert.equal(cookieOf(response, 'ctip_session'), undefined, 'no session');
        // The email is echoed into the form and each form gets a fresh token; all else must be equal.
        const normalized = response.body.replaceAll(attempt.email, 'EMAIL').replace(/name="_form" value="[^"]+"/, '');
        answers.push({ status: response.statusCode, body: normalized });
      }
      assert.equal(answers[0]!.status, 401);
      assert.match(answers[0]!.body, /The email or the password is not correct/);
      assert.deepEqual(answers[1], answers[0]);
      assert.deepEqual(answers[2], answers[0]);
    });

    test('empty fields are named inline', async () => {
      const response = await postSignIn(app, { email: '', password: '', remoteAddress: '10.1.1.1' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /<span class="usa-error-message" id="email-error">Enter your email address<\/span>/);
      assert.match(response.body, /<span class="usa-error-message" id="password-error">Enter your password<\/span>/);
      assert.match(response.body, /id="email"[^>]*aria-describedby="email-error" aria-invalid="true"/);
    });

    test('after five free failures the sixth blocks that address: the next attempt gets a 429 page with the wait, even with the right password', async () => {
      const user = await createTestUser(database.db, { role: 'agency_viewer' });
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        const response = await postSignIn(app, { email: user.email, password: `wrong ${attempt}`, remoteAddress: '10.2.0.1' });
        assert.equal(response.statusCode, 401, `failure ${attempt}`);
      }
      const blocked = await postSignIn(app, { email: user.email, password: testPassword, remoteAddress: '10.2.0.1' });
      assert.equal(blocked.statusCode, 429);
      assert.match(blocked.body, /Try again in 1 second/);
      assert.equal(blocked.headers['retry-after'], '1');
      assert.equal(cookieOf(blocked, 'ctip_session'), undefined);
      // Failures from one address do not lock the person out elsewhere (README, sign-in back-off).
      const elsewhere = await postSignIn(app, { email: user.email, password: testPassword, remoteAddress: '10.2.0.2' });
      assert.equal(elsewhere.statusCode, 303, 'the right password from an address that did not fail signs in');
    });

    test('a form token that does not match its cookie is refused and nobody is signed in', async () => {
      const user = await createTestUser(database.db, { role: 'agency_viewer' });
      const form = await openSignInForm(app);
      const post = (cookie: string | undefined, token: string) =>
        app.inject({
          method: 'POST',
          url: '/sign-in',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
          payload: formBody({ email: user.email, password: testPassword, _form: token }),
        });
      for (const response of [
        await post(form.cookie, 'forged-value'),
        await post(undefined, form.formToken),
        await post(form.cookie, ''),
      ]) {
        assert.equal(response.statusCode, 403);
        assert.match(response.body, /The sign-in form expired or did not come from ctip/);
        assert.equal(cookieOf(response, 'ctip_session'), undefined);
      }
    });

    test('returnTo cannot send anyone to another site', async () => {
      const user = await createTestUser(database.db, { role: 'agency_viewer' });
      for (const returnTo of ['//evil.example', 'https://evil.example/path', '/\\evil.example']) {
        const response = await postSignIn(app, { email: user.email, password: testPassword, returnTo, remoteAddress: '10.3.0.1' });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/', returnTo);
      }
      const page = await app.inject('/sign-in?returnTo=%2F%2Fevil.example');
      assert.match(page.body, /<input type="hidden" name="returnTo" value="\/"/);
    });

    test('an expired session is treated as the public', async () => {
      const user = await createTestUser(database.db, { role: 'coordinator', name: 'Expiring Coordinator' });
      const session = await signInAs(app, user.email);
      const token = session.cookie.split('=')[1]!;
      await database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = ${hashToken(token)}`);
      const account = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
      assert.equal(account.statusCode, 401);
      assert.match(account.body, /href="\/sign-in\?returnTo=%2Faccount"/);
      assert.doesNotMatch(account.body, /Expiring Coordinator/);
    });

    test('sign-out needs the form token, then ends the session: the old cookie no longer works', async () => {
      const user = await createTestUser(database.db, { role: 'coordinator' });
      const session = await signInAs(app, user.email);
      const forged = await postForm(app, session, '/sign-out', {}, false);
      assert.equal(forged.statusCode, 403);
      assert.match(forged.headers['content-type'] as string, /text\/html/);
      assert.equal((await app.inject({ url: '/account', headers: { cookie: session.cookie } })).statusCode, 200, 'still signed in');
      const response = await postForm(app, session, '/sign-out', {});
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/');
      assert.equal(cookieOf(response, 'ctip_session')?.value, '');
      const after = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
      assert.equal(after.statusCode, 401);
    });
  },
);
