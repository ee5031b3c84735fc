import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { assertPageBasics } from '../../testing/portal-fixture.ts';
import { listAuditTrail } from '../audit.service.ts';
import { buildAccountsTestApp, createTestUser, postForm, postSignIn, signInAs, testPassword } from '../../testing/web-session.ts';
import { systemViewer } from '../../shared/actor.ts';

const newPassword = 'a brand new passphrase';

describeEachDatabase(
  'account page',
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

    test('the public is asked to sign in and come back', async () => {
      const response = await app.inject('/account');
      assert.equal(response.statusCode, 401);
      assertPageBasics(response.body, assert);
      assert.match(response.body, /<h1>Sign in to continue<\/h1>/);
      assert.match(response.body, /href="\/sign-in\?returnTo=%2Faccount"/);
    });

    test('shows who you are, your role and your agency', async () => {
      const user = await createTestUser(database.db, { role: 'agency_editor', name: 'Grace Editor', agencyId: 'state-tip' });
      const session = await signInAs(app, user.email);
      const response = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
      assert.equal(response.statusCode, 200);
      assertPageBasics(response.body, assert);
      assert.match(response.body, /<dd>Grace Editor<\/dd>/);
      assert.match(response.body, /<dd>agency editor<\/dd>/);
      assert.match(response.body, /<dd>[^<]*Trafficking[^<]*<\/dd>/, 'the agency by name');
      assert.equal(response.headers['cache-control'], 'no-store');
    });

    test('password change problems are named beside each field and nothing changes', async () => {
      const user = await createTestUser(database.db, { role: 'agency_viewer' });
      const session = await signInAs(app, user.email);
      const cases = [
        {
          fields: { currentPassword: 'not my password', newPassword, confirmPassword: newPassword },
          field: 'current-password',
          text: /not correct/,
        },
        {
          fields: { currentPassword: testPassword, newPassword, confirmPassword: 'something else' },
          field: 'confirm-password',
          text: /not the same/,
        },
        {
          fields: { currentPassword: testPassword, newPassword: 'short', confirmPassword: 'short' },
          field: 'new-password',
          text: /at least 12 characters/,
        },
        {
          fields: { currentPassword: '', newPassword: '', confirmPassword: '' },
          field: 'current-password',
          text: /Enter your current password/,
        },
      ];
      for (const { fields, field, text } of cases) {
        const response = await postForm(app, session, '/account/password', fields);
        assert.equal(response.statusCode, 400, field);
        assert.match(response.body, new RegExp(`<span class="usa-error-message" id="${field}-error">[^<]+</span>`), field);
        assert.match(response.body.match(new RegExp(`id="${field}-error">([^<]+)<`))![1]!, text);
        assert.match(response.body, /The password was not changed/);
      }
      assert.equal(
        (await postSignIn(app, { email: user.email, password: testPassword, remoteAddress: '10.4.0.1' })).statusCode,
        303,
        'old password still works',
      );
    });

    test('without the form token a password change is refused and nothing changes', async () => {
      const user = await createTestUser(database.db, { role: 'agency_viewer' });
      const session = await signInAs(app, user.email);
      const fields = { currentPassword: testPassword, newPassword, confirmPassword: newPassword };
      for (const csrf of [false, 'wrong-token'] as const) {
        const response = await postForm(app, session, '/account/password', fields, csrf);
        assert.equal(response.statusCode, 403);
        assert.match(response.body, /This form has expired or did not come from ctip/);
      }
      assert.equal(
        (await postSignIn(app, { email: user.email, password: testPassword, remoteAddress: '10.4.0.2' })).statusCode,
        303,
        'old password still works',
      );
    });

    test('a password change keeps this session, ends the others, and is in the audit trail', async () => {
      const user = await createTestUser(database.db, { role: 'coordinator' });
      const here = await signInAs(app, user.email);
      const elsewhere = await signInAs(app, user.email);
      const response = await postForm(app, here, '/account/password', {
        currentPassword: testPassword,
        newPassword,
        confirmPassword: newPassword,
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/account?changed=1');
      const page = await app.inject({ url: '/account?changed=1', headers: { cookie: here.cookie } });
      assert.equal(page.statusCode, 200, 'this session goes on');
      assert.match(page.body, /Your password was changed/);
      assert.equal(
        (await app.inject({ url: '/account', headers: { cookie: elsewhere.cookie } })).statusCode,
        401,
        'the other session ended',
      );
      assert.equal(
        (await postSignIn(app, { email: user.email, password: testPassword, remoteAddress: '10.4.0.3' })).statusCode,
        401,
        'old password refused',
      );
      assert.equal(
        (await postSignIn(app, { email: user.email, password: newPassword, remoteAddress: '10.4.0.3' })).statusCode,
        303,
        'new password works',
      );
      const trail = await listAuditTrail({ db: database.db, viewer: systemViewer, entityType: 'user', entityId: String(user.id) });
      const change = trail.find((entry) => entry.action === 'change-password');
      assert.equal(change?.door, 'web');
      assert.equal(change?.actor, user.email);
    });
  },
);
