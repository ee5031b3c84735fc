import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildAccountsTestApp, createTestUser, testPassword } from '../testing/web-session.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import {
  assertAccessible,
  keepScreenshot,
  signInThroughTheForm as signInAs,
  skipWithoutChromium,
  startBrowserTestWorld,
  type BrowserTestWorld,
} from '../testing/browser-pages.ts';
import { systemViewer } from '../shared/actor.ts';
import { listRecommendations } from './recommendations.service.ts';
import { getStrategicPlan, updateStrategicPlan } from '../strategic-plans/strategic-plans.service.ts';

describe('recommendation forms in a real browser', { skip: skipWithoutChromium }, () => {
  let world: BrowserTestWorld;
  let handle: DatabaseHandle;
  let baseUrl: string;
  let coordinatorEmail: string;

  before(async () => {
    world = await startBrowserTestWorld({
      prepare: async (db) => {
        await seedReferenceData({ db });
        await seedOrganizations({ db });
        coordinatorEmail = (await createTestUser(db, { role: 'coordinator', name: 'Sam Secretariat' })).email;
      },
      buildApp: buildAccountsTestApp,
    });
    ({ handle, baseUrl } = world);
  });
  after(async () => world?.close());

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  /** A fresh browser signed in through the sign-in form, on the page it returned to. */
  async function signInThroughTheForm(email: string, returnTo: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await world.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signInAs({ context, baseUrl, email, password: testPassword, returnTo });
    return { page, close: () => context.close() };
  }

  test('a coordinator signs in, records a recommendation and a response, by keyboard where people use it', async () => {
    const { page, close } = await signInThroughTheForm(coordinatorEmail, '/recommendations');

    // The link is reached and followed with the keyboard.
    await page.getByRole('link', { name: 'New recommendation' }).focus();
    await Promise.all([page.waitForURL(`${baseUrl}/recommendations/new`), page.keyboard.press('Enter')]);
    await assertAccessible(page, 'the new-recommendation form');

    // Submitted empty: the summary names each field and its links move the focus there.
    await page.getByRole('button', { name: 'Save recommendation' }).click();
    await page.waitForLoadState();
    assert.match((await page.locator('[role="alert"]').textContent()) ?? '', /Fiscal year: enter the fiscal year/);
    await assertAccessible(page, 'the refused form');
    await page.getByRole('link', { name: /^Owner agency:/ }).click();
    assert.equal(await focusedId(page), 'field-ownerAgencyId');

    await page.getByLabel('Fiscal year').fill('2005');
    await page.getByLabel('Owner agency').selectOption('doj');
    await page.getByLabel('Owner agency').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'field-text', 'the text follows the agency in tab order');
    await page.keyboard.type('Record the outcome of every prosecution.');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/\/recommendations\/\d+\?done=created$/), page.keyboard.press('Enter')]);
    assert.match((await page.locator('[role="status"]').textContent()) ?? '', /The recommendation was recorded/);
    await assertAccessible(page, 'the recommendation page with the response form');
    await keepScreenshot(page, 'recommendation');

    await page.getByLabel('What was done').fill('Case outcomes are now recorded monthly.');
    await page.getByLabel('Status after this response').selectOption('implemented');
    await Promise.all([page.waitForURL(/\?done=responded$/), page.getByRole('button', { name: 'Record the response' }).press('Enter')]);
    const responses = (await page.getByRole('list', { name: /^Responses to recommendation/ }).textContent()) ?? '';
    assert.ok(responses.includes(`${coordinatorEmail} (Implemented): Case outcomes are now recorded monthly.`), responses);
    assert.match((await page.locator('.usa-intro').textContent()) ?? '', /Implemented/);

    const [saved] = await listRecommendations({ db: handle.db, fiscalYear: 2005 });
    assert.deepEqual([saved?.ownerAgency.id, saved?.status, saved?.responses.length], ['doj', 'implemented', 1]);
    await close();
  });

  test('an agency editor fills in the strategic plan form, asks for more rows and saves', async () => {
    const editorEmail = (await createTestUser(handle.db, { role: 'agency_editor', name: 'Eli Editor' })).email;
    const { page, close } = await signInThroughTheForm(editorEmail, '/strategic-plans/new');
    await assertAccessible(page, 'the strategic plan form');
    await page.getByLabel('Title', { exact: true }).fill('Browser plan');
    await page.getByLabel('From fiscal year').fill('2005');
    await page.getByLabel('To fiscal year').fill('2006');
    await page.getByLabel('Goal 1: title').fill('Protect victims');
    await page.getByLabel('Goal 1, activity 1: what will be done').fill('Fund shelters');
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Add more rows' }).click()]);
    assert.equal(await page.getByLabel('Goal 1, activity 1: what will be done').inputValue(), 'Fund shelters');
    await page.getByLabel('Goal 1, activity 4: what will be done').fill('Train prosecutors');
    await Promise.all([page.waitForURL(/\/strategic-plans\/\d+\?done=created$/), page.getByRole('button', { name: 'Save plan' }).click()]);
    assert.match((await page.locator('main').textContent()) ?? '', /Fund shelters[\s\S]*Train prosecutors/);
    await assertAccessible(page, 'the plan page');
    await keepScreenshot(page, 'strategic-plan');

    // Edit: the form opens pre-filled from the plan's page; meanwhile a colleague saves first.
    const planId = Number(/\/strategic-plans\/(\d+)/.exec(page.url())![1]);
    await Promise.all([
      page.waitForURL(`${baseUrl}/strategic-plans/${planId}/edit`),
      page.getByRole('link', { name: 'Edit this plan' }).click(),
    ]);
    assert.equal(await page.getByLabel('Goal 1, activity 2: what will be done').inputValue(), 'Train prosecutors');
    await assertAccessible(page, 'the plan edit form');
    const opened = await getStrategicPlan({ db: handle.db, id: planId, viewer: systemViewer });
    const theirs = {
      agencyId: opened.agency.id,
      title: 'Colleague plan',
      fiscalYearFrom: 2005,
      fiscalYearTo: 2006,
      goals: [{ title: 'Protect victims', activities: [] }],
    };
    await updateStrategicPlan({
      db: handle.db,
      id: planId,
      input: theirs,
      expectedVersion: opened.version,
      viewer: systemViewer,
      actor: { name: 'colleague', door: 'web' },
    });
    await page.getByLabel('To fiscal year').fill('2008');
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Save plan' }).click()]);
    assert.match((await page.locator('#conflict').textContent()) ?? '', /Someone else changed this plan[\s\S]*colleague/);
    await assertAccessible(page, 'the plan conflict page');
    await Promise.all([page.waitForURL(/\?done=updated$/), page.getByRole('button', { name: 'Save plan' }).click()]);
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /The strategic plan was updated[\s\S]*FY2005–FY2008[\s\S]*Train prosecutors/,
    );
    await close();
  });
});
