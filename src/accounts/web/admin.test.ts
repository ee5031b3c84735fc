import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { assertPageBasics } from '../../testing/portal-fixture.ts';
import { listAuditTrail } from '../audit.service.ts';
import { listUsers } from '../users.service.ts';
import {
  buildAccountsTestApp,
  createTestUser,
  postForm,
  postSignIn,
  signInAs,
  testPassword,
  type Session,
} from '../../testing/web-session.ts';
import { systemViewer } from '../../shared/actor.ts';

describeEachDatabase(
  'user and token administration pages',
  {
    prepare: async ({ db }) => {
      await seedReferenceData({ db });
      await seedOrganizations({ db });
    },
  },
  (database) => {
    let app: FastifyInstance;
    let admin: Session;
    before(async () => {
      app = await buildAccountsTestApp(database.db);
      const user = await createTestUser(database.db, { role: 'admin', name: 'Alan Admin' });
      admin = await signInAs(app, user.email);
    });
    after(async () => app?.close());

    const findUser = async (email: string) =>
      (await listUsers({ db: database.db, viewer: systemViewer })).find((user) => user.email === email);

    test('only administrators: the public gets 401 with a sign-in link, other roles 403, admins 200', async () => {
      const pages = ['/admin/users', '/admin/tokens', '/admin/users/1'];
      for (const url of pages) {
        const response = await app.inject(url);
        assert.equal(response.statusCode, 401, url);
        assert.match(response.body, new RegExp(`href="/sign-in\\?returnTo=${encodeURIComponent(url)}"`));
      }
      for (const role of ['coordinator', 'agency_editor', 'agency_viewer'] as const) {
        const session = await signInAs(app, (await createTestUser(database.db, { role })).email);
        for (const url of pages) {
          const response = await app.inject({ url, headers: { cookie: session.cookie } });
          assert.equal(response.statusCode, 403, `${role} ${url}`);
          assert.match(response.body, /Your role may not administer users and API tokens/);
        }
        const post = await postForm(app, session, '/admin/users', {
          email: `sneaky-${role}@example.org`,
          name: 'Sneaky',
          role: 'admin',
          password: testPassword,
        });
        assert.equal(post.statusCode, 403);
        assert.equal(await findUser(`sneaky-${role}@example.org`), undefined);
      }
      for (const url of ['/admin/users', '/admin/tokens']) {
        const response = await app.inject({ url, headers: { cookie: admin.cookie } });
        assert.equal(response.statusCode, 200, url);
        assertPageBasics(response.body, assert);
      }
      const home = await app.inject({ url: '/', headers: { cookie: admin.cookie } });
      assert.match(home.body, /<a href="\/admin\/users">Admin<\/a>/);
    });

    test('adding a user: problems named by field, nothing half-written; then added with the web door in the audit trail', async () => {
      const bad = await postForm(app, admin, '/admin/users', {
        email: 'not-an-email',
        name: '',
        role: 'agency_editor',
        agencyId: '',
        organizationId: 'twelve',
        password: 'short',
      });
      assert.equal(bad.statusCode, 400);
      for (const id of ['new-email', 'new-name', 'new-organization']) assert.match(bad.body, new RegExp(`id="${id}-error"`), id);
      const fields = {
        email: 'Nora.New@Example.org',
        name: 'Nora New',
        role: 'agency_editor',
        agencyId: '',
        organizationId: '',
        password: testPassword,
      };
      const noAgency = await postForm(app, admin, '/admin/users', fields);
      assert.equal(noAgency.statusCode, 400);
      assert.match(noAgency.body, /id="new-agency-error">required for agency roles</);
      assert.match(noAgency.body, /value="Nora New"/, 'the form keeps what was typed');
      assert.doesNotMatch(noAgency.body, new RegExp(testPassword), 'but never the password');
      assert.equal(await findUser('nora.new@example.org'), undefined);

      const without = await postForm(app, admin, '/admin/users', { ...fields, agencyId: 'state-tip' }, false);
      assert.equal(without.statusCode, 403, 'no form token, no user');
      assert.equal(await findUser('nora.new@example.org'), undefined);

      const created = await postForm(app, admin, '/admin/users', { ...fields, agencyId: 'state-tip' });
      assert.equal(created.statusCode, 303);
      const user = await findUser('nora.new@example.org');
      assert.equal(user?.role, 'agency_editor');
      assert.equal(created.headers.location, `/admin/users/${user!.id}?done=created`);
      const trail = await listAuditTrail({ db: database.db, viewer: systemViewer, entityType: 'user', entityId: String(user!.id) });
      assert.equal(trail[0]?.action, 'create');
      assert.equal(trail[0]?.door, 'web');
      const duplicate = await postForm(app, admin, '/admin/users', { ...fields, agencyId: 'state-tip' });
      assert.equal(duplicate.statusCode, 400);
      assert.match(duplicate.body, /id="new-email-error">A user with this email exists already</);
      assert.equal(
        (await postSignIn(app, { email: 'nora.new@example.org', password: testPassword, remoteAddress: '10.5.0.1' })).statusCode,
        303,
      );
    });

    test('changing a role and disabling an account (with confirmation)', async () => {
      const user = await createTestUser(database.db, { role: 'agency_viewer' });
      const theirs = await signInAs(app, user.email);
      const page = await app.inject({ url: `/admin/users/${user.id}`, headers: { cookie: admin.cookie } });
      assert.equal(page.statusCode, 200);
      assertPageBasics(page.body, assert);
      const changed = await postForm(app, admin, `/admin/users/${user.id}/role`, { role: 'coordinator', agencyId: '', organizationId: '' });
      assert.equal(changed.statusCode, 303);
      assert.equal((await findUser(user.email))?.role, 'coordinator');
      assert.equal((await app.inject({ url: '/account', headers: { cookie: theirs.cookie } })).statusCode, 401, 'their sessions ended');
      const unconfirmed = await postForm(app, admin, `/admin/users/${user.id}/disable`, {});
      assert.equal(unconfirmed.statusCode, 400);
      assert.match(unconfirmed.body, /id="confirm-error">Tick the box/);
      assert.equal((await findUser(user.email))?.disabled, false);
      const disabled = await postForm(app, admin, `/admin/users/${user.id}/disable`, { confirm: 'yes' });
      assert.equal(disabled.statusCode, 303);
      assert.equal((await findUser(user.email))?.disabled, true);
      assert.equal((await postSignIn(app, { email: user.email, password: testPassword, remoteAddress: '10.5.0.2' })).statusCode, 401);
      const trail = await listAuditTrail({ db: database.db, viewer: systemViewer, entityType: 'user', entityId: String(user.id) });
      assert.deepEqual(
        trail
          .filter((entry) => entry.door === 'web' && entry.actor !== user.email)
          .map((entry) => entry.action)
          .sort(),
        ['disable', 'update'],
      );
      assert.equal((await app.inject({ url: '/admin/users/999999', headers: { cookie: admin.cookie } })).statusCode, 404);
    });

    test('a token created on the page works as a bearer token on /api/programs until it is revoked', async () => {
      const owner = await createTestUser(database.db, { role: 'agency_editor', name: 'Token Owner' });
      const bad = await postForm(app, admin, '/admin/tokens', { userEmail: '', name: '', expiresInDays: '0' });
      assert.equal(bad.statusCode, 400);
      for (const id of ['token-user', 'token-name', 'token-scopes', 'token-days'])
        assert.match(bad.body, new RegExp(`id="${id}-error"`), id);
      const response = await postForm(app, admin, '/admin/tokens', {
        userEmail: owner.email,
        name: 'nightly import',
        scopes: ['read', 'write'],
        expiresInDays: '30',
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['cache-control'], 'no-store');
      const secret = /<code id="new-token" class="ctip-secret">(ctip_[A-Za-z0-9_-]+)<\/code>/.exec(response.body)?.[1];
      assert.ok(secret, 'the secret is shown in a code element');
      const api = await app.inject({ url: '/api/programs?limit=1', headers: { authorization: `Bearer ${secret}` } });
      assert.equal(api.statusCode, 200);
      const list = await app.inject({ url: '/admin/tokens', headers: { cookie: admin.cookie } });
      assert.ok(!list.body.includes(secret), 'the secret is shown only once');
      assert.match(list.body, /nightly import/);
      const id = /action="\/admin\/tokens\/(\d+)\/revoke"/.exec(list.body.slice(list.body.indexOf('nightly import')))?.[1];
      assert.ok(id);
      assert.equal((await postForm(app, admin, `/admin/tokens/${id}/revoke`, {}, false)).statusCode, 403, 'no form token, no revoke');
      assert.equal((await app.inject({ url: '/api/programs?limit=1', headers: { authorization: `Bearer ${secret}` } })).statusCode, 200);
      const revoked = await postForm(app, admin, `/admin/tokens/${id}/revoke`, {});
      assert.equal(revoked.statusCode, 303);
      assert.equal((await app.inject({ url: '/api/programs?limit=1', headers: { authorization: `Bearer ${secret}` } })).statusCode, 401);
      const after = await app.inject({ url: '/admin/tokens?done=revoked', headers: { cookie: admin.cookie } });
      assert.match(after.body, /The token was revoked/);
      assert.match(after.body, /<td>Revoked<\/td>/);
      const trail = await listAuditTrail({ db: database.db, viewer: systemViewer, entityType: 'api-token', entityId: id });
      assert.deepEqual(
        trail.map((entry) => `${entry.action}/${entry.door}`),
        ['revoke/web', 'create/web'],
      );
    });
  },
);
