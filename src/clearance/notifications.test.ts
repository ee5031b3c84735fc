import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildRoleWorld, injectAs, testPassword, type RoleWorld } from '../testing/role-fixtures.ts';
import { createUser } from '../accounts/users.service.ts';
import { testActor } from '../testing/fixtures.ts';
import { publicViewer, systemViewer } from '../shared/actor.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { actingAs } from './acting-user.ts';
import { listNotifications, markNotificationsRead } from './notifications.ts';
import { createOpenClearance } from './testing/clearance-fixtures.ts';

describeEachDatabase('marking notifications as read', {}, (database) => {
  let world: RoleWorld;
  before(async () => {
    world = await buildRoleWorld(database.db);
  });
  after(() => world?.app.close());
  const as = (email: string) => actingAs({ db: database.db, email, door: 'api' });

  test('the service marks only what the viewer may see, once, and says how many', async () => {
    await createOpenClearance(database.db);
    const dol = (await as('ilab@example.org')).viewer;
    const tip = (await as('editor@example.org')).viewer;
    const [mine] = await listNotifications({ db: database.db, viewer: dol });
    assert.ok(mine && mine.readAt === null);
    // Another agency's ids and unknown ids are passed over.
    assert.equal(await markNotificationsRead({ db: database.db, viewer: tip, ids: [mine.id, 2_000_000_000] }), 0);
    assert.equal(await markNotificationsRead({ db: database.db, viewer: dol, ids: [] }), 0);
    assert.equal(await markNotificationsRead({ db: database.db, viewer: dol, ids: [mine.id] }), 1);
    const readAt = (await listNotifications({ db: database.db, viewer: dol })).find((item) => item.id === mine.id)!.readAt;
    assert.ok(readAt);
    assert.equal(await markNotificationsRead({ db: database.db, viewer: dol, ids: [mine.id] }), 0, 'already read');
    assert.equal(
      (await listNotifications({ db: database.db, viewer: dol })).find((item) => item.id === mine.id)!.readAt,
      readAt,
      'readAt is set once',
    );
    assert.equal(
      await markNotificationsRead({ db: database.db, viewer: systemViewer }),
      0,
      'the operator has no agency and no notifications',
    );
    await assert.rejects(markNotificationsRead({ db: database.db, viewer: publicViewer }), { code: 'UNAUTHORIZED' });
  });

  test('each person keeps their own read state: a colleague marking all as read hides nothing from another', async () => {
    await createUser({
      db: database.db,
      input: { email: 'dol-colleague@example.org', name: 'DOL colleague', role: 'agency_viewer', agencyId: 'dol' },
      password: testPassword,
      actor: testActor,
    });
    await createOpenClearance(database.db);
    const ilab = (await as('ilab@example.org')).viewer;
    const colleague = (await as('dol-colleague@example.org')).viewer;
    const unreadOf = async (viewer: typeof ilab) =>
      (await listNotifications({ db: database.db, viewer })).filter((item) => item.readAt === null).map((item) => item.id);
    const colleagueUnread = await unreadOf(colleague);
    assert.ok(colleagueUnread.length > 0, 'the colleague has unread notifications');
    assert.ok((await markNotificationsRead({ db: database.db, viewer: ilab })) > 0);
    assert.deepEqual(await unreadOf(ilab), []);
    assert.deepEqual(await unreadOf(colleague), colleagueUnread, 'still unread for the colleague');
    assert.equal(await markNotificationsRead({ db: database.db, viewer: colleague }), colleagueUnread.length);
    assert.deepEqual(await unreadOf(colleague), []);
  });

  test('POST /api/notifications/read marks all (or the ids given) and refuses bad bodies', async () => {
    await createOpenClearance(database.db);
    const dol = world.credentials.dolEditor;
    const unread = () =>
      injectAs(world.app, dol, { url: '/api/notifications' }).then(
        (response) => response.json().items.filter((item: { readAt: string | null }) => !item.readAt).length,
      );
    const before = await unread();
    assert.ok(before > 0);
    const all = await injectAs(world.app, dol, { method: 'POST', url: '/api/notifications/read', payload: {} });
    assert.equal(all.statusCode, 200, all.body);
    assert.deepEqual(all.json(), { marked: before });
    assert.equal(await unread(), 0);
    assert.deepEqual((await injectAs(world.app, dol, { method: 'POST', url: '/api/notifications/read', payload: { ids: [1] } })).json(), {
      marked: 0,
    });
    for (const payload of [{ ids: ['x'] }, { ids: [-1] }, { ids: 5 }, { extra: true }]) {
      const response = await injectAs(world.app, dol, { method: 'POST', url: '/api/notifications/read', payload });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.json().error.code, 'VALIDATION_FAILED');
    }
    assert.equal(
      (await injectAs(world.app, world.credentials.public, { method: 'POST', url: '/api/notifications/read', payload: {} })).statusCode,
      401,
    );
    const noToken = await world.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      cookies: { ctip_session: dol.cookie! },
      payload: {},
    });
    assert.equal(noToken.statusCode, 403, 'a session write needs the form token');
  });
});
