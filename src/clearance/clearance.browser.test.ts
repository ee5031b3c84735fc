import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { listAuditTrail } from '../accounts/audit.service.ts';
import { buildAccountsTestApp, createTestUser, testPassword } from '../testing/web-session.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { getProgramById } from '../programs/program.service.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { systemViewer } from '../shared/actor.ts';
import {
  assertAccessible,
  keepScreenshot,
  signInThroughTheForm,
  skipWithoutChromium,
  startBrowserTestWorld,
  type BrowserTestWorld,
} from '../testing/browser-pages.ts';
import { createProposal } from './testing/clearance-fixtures.ts';

/**
 * A proposal goes through clearance in a real browser, each person signed in through the form:
 * the proposer circulates it from the program page, a member agency objects, the proposer
 * replies, the coordinator clears it. Every page on the way is checked with axe-core.
 */
describe('clearance in a real browser', { skip: skipWithoutChromium }, () => {
  let world: BrowserTestWorld;
  const emails = { proposer: '', member: '', coordinator: '' };

  before(async () => {
    world = await startBrowserTestWorld({
      prepare: async (db) => {
        await seedReferenceData({ db });
        await seedOrganizations({ db });
        emails.proposer = (await createTestUser(db, { role: 'agency_editor', agencyId: 'state-tip', name: 'Pat Proposer' })).email;
        emails.member = (await createTestUser(db, { role: 'agency_viewer', agencyId: 'hhs', name: 'Mo Member' })).email;
        emails.coordinator = (await createTestUser(db, { role: 'coordinator', name: 'Sam Secretariat' })).email;
      },
      buildApp: buildAccountsTestApp,
    });
  });
  after(async () => world?.close());

  /** A fresh browser of `email`, signed in, on `path`. */
  async function as(email: string, path: string): Promise<Page> {
    const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInThroughTheForm({ context, baseUrl: world.baseUrl, email, password: testPassword, returnTo: path });
    page.on('close', () => void context.close().catch(() => {}));
    return page;
  }

  const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  test('circulate, object, reply, clear: every step through the pages, on record', async () => {
    const programId = await createProposal(world.handle.db, 'Shelter for survivors <b>abroad</b>');

    const proposer = await as(emails.proposer, `/programs/${programId}`);
    await assertAccessible(proposer, 'the program page with its circulate form');
    await Promise.all([proposer.waitForURL(/\/clearance\/\d+/), proposer.getByRole('button', { name: 'Circulate for clearance' }).click()]);
    const clearancePath = new URL(proposer.url()).pathname;
    assert.match(await mainText(proposer), /Shelter for survivors <b>abroad<\/b>/, 'the title is shown as text, not markup');
    await assertAccessible(proposer, 'the clearance page as its proposer');

    const member = await as(emails.member, '/clearance');
    assert.match(await mainText(member), /Awaiting your agency’s response[\s\S]*Shelter for survivors/);
    await assertAccessible(member, 'the clearance queue with notifications');
    await keepScreenshot(member, 'clearance-queue');
    await Promise.all([
      member.waitForURL(`${world.baseUrl}${clearancePath}`),
      member
        .getByRole('link', { name: /Shelter for survivors/ })
        .first()
        .click(),
    ]);
    // Sent empty first: the summary names the fields, and the page stays accessible.
    await member.getByRole('button', { name: 'Record the response' }).click();
    await member.waitForLoadState();
    assert.match((await member.locator('[role="alert"]').first().textContent()) ?? '', /position|Response/);
    await assertAccessible(member, 'the refused response form');
    // USWDS draws its own radio buttons: people click the label (the input itself sits off-screen).
    await member.locator('label', { hasText: 'Objection' }).click();
    assert.ok(await member.getByLabel('Objection').isChecked());
    await member.getByRole('textbox', { name: 'Response', exact: true }).fill('Overlaps the ORR shelter grant in the same city.');
    await Promise.all([
      member.waitForURL(new RegExp(`${clearancePath}`)),
      member.getByRole('button', { name: 'Record the response' }).click(),
    ]);
    assert.match(await mainText(member), /Overlaps the ORR shelter grant in the same city\./);

    await proposer.reload();
    await proposer
      .getByRole('textbox', { name: 'Reply', exact: true })
      .fill('Ours serves survivors returning from abroad; ORR serves domestic victims.');
    await Promise.all([
      proposer.waitForURL(new RegExp(`${clearancePath}`)),
      proposer.getByRole('button', { name: 'Send the reply' }).click(),
    ]);

    const coordinator = await as(emails.coordinator, '/clearance');
    assert.match(await mainText(coordinator), /Awaiting a decision[\s\S]*Shelter for survivors/);
    await coordinator.goto(`${world.baseUrl}${clearancePath}`);
    await assertAccessible(coordinator, 'the clearance page with the decision form');
    await keepScreenshot(coordinator, 'clearance');
    await coordinator.locator('label', { hasText: /^Clear:/ }).click();
    await coordinator.getByRole('textbox', { name: 'Reasons', exact: true }).fill('The objection is answered: different beneficiaries.');
    await Promise.all([
      coordinator.waitForURL(new RegExp(`${clearancePath}`)),
      coordinator.getByRole('button', { name: 'Record the decision' }).click(),
    ]);
    assert.match(await mainText(coordinator), /cleared[\s\S]*The objection is answered: different beneficiaries\./i);
    assert.equal(
      await coordinator.getByRole('button', { name: 'Record the decision' }).count(),
      0,
      'a decided clearance offers no more forms',
    );

    await member.goto(`${world.baseUrl}/clearance`);
    await Promise.all([member.waitForLoadState(), member.getByRole('button', { name: 'Mark all as read' }).click()]);
    assert.equal(await member.getByRole('button', { name: 'Mark all as read' }).count(), 0, 'nothing left unread');

    assert.equal((await getProgramById({ db: world.handle.db, id: programId, viewer: systemViewer })).status, 'active');
    const reviewId = clearancePath.split('/').pop()!;
    const trail = await listAuditTrail({ db: world.handle.db, viewer: systemViewer, entityType: 'clearance_review', entityId: reviewId });
    assert.deepEqual(trail.map((entry) => `${entry.action} ${entry.door}`).reverse(), [
      'clearance.circulate web',
      'clearance.respond web',
      'clearance.reply web',
      'clearance.clear web',
    ]);
    for (const page of [proposer, member, coordinator]) await page.close();
  });
});
