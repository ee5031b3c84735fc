import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import {
  assertAccessible,
  signInThroughTheForm as signInAs,
  skipWithoutChromium,
  startBrowserTestWorld,
  type BrowserTestWorld,
} from '../../testing/browser-pages.ts';
import { buildAccountsTestApp, createTestUser, testPassword } from '../../testing/web-session.ts';

const screenshotFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');
// Screenshots are kept in the repository; refresh them with CTIP_UPDATE_SCREENSHOTS=1 npm test.
const updateScreenshots = process.env.CTIP_UPDATE_SCREENSHOTS === '1';

describe('account pages in a real browser', { skip: skipWithoutChromium }, () => {
  let world: BrowserTestWorld;
  let browser: Browser;
  let baseUrl: string;
  let adminEmail: string;

  before(async () => {
    world = await startBrowserTestWorld({
      prepare: async (db) => {
        await seedReferenceData({ db });
        await seedOrganizations({ db });
        adminEmail = (await createTestUser(db, { role: 'admin', name: 'Ada Administrator' })).email;
        await createTestUser(db, { role: 'agency_editor', name: 'Eli Editor' });
      },
      buildApp: buildAccountsTestApp,
    });
    ({ browser, baseUrl } = world);
  });
  after(async () => world?.close());

  const signInThroughTheForm = (context: BrowserContext, returnTo: string) =>
    signInAs({ context, baseUrl, email: adminEmail, password: testPassword, returnTo });

  test('sign in through the form, see your name in the header, sign out', async () => {
    const context = await browser.newContext();
    const page = await signInThroughTheForm(context, '/countries');
    const header = page.locator('nav[aria-label="Account"]');
    assert.match((await header.textContent()) ?? '', /Signed in as Ada Administrator \(administrator\)/);
    const cookies = await context.cookies();
    assert.equal(cookies.find((cookie) => cookie.name === 'ctip_session')?.httpOnly, true);
    await header.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/`);
    assert.match((await page.locator('nav[aria-label="Account"]').textContent()) ?? '', /Sign in/);
    assert.equal(
      (await context.cookies()).find((cookie) => cookie.name === 'ctip_session'),
      undefined,
    );
    const response = await page.goto(`${baseUrl}/account`);
    assert.equal(response?.status(), 401, 'signed out');
    await context.close();
  });

  test('sign-in, account and administration pages have no serious or critical accessibility violation', async () => {
    if (updateScreenshots) mkdirSync(screenshotFolder, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const anonymous = await context.newPage();
    await anonymous.goto(`${baseUrl}/sign-in`);
    // The refused form too: its error summary and inline messages must be accessible.
    await anonymous.getByRole('button', { name: 'Sign in' }).click();
    await anonymous.waitForSelector('.usa-error-message');
    await assertAccessible(anonymous, '/sign-in (with errors)');
    await anonymous.goto(`${baseUrl}/sign-in`);
    await assertAccessible(anonymous, '/sign-in');
    if (updateScreenshots) await anonymous.screenshot({ path: path.join(screenshotFolder, 'sign-in.png'), fullPage: true });
    const page = await signInThroughTheForm(context, '/account');
    for (const url of ['/account', '/admin/users', '/admin/tokens']) {
      const response = await page.goto(`${baseUrl}${url}`);
      assert.equal(response?.status(), 200, url);
      await assertAccessible(page, url);
      if (updateScreenshots && url === '/admin/users')
        await page.screenshot({ path: path.join(screenshotFolder, 'admin-users.png'), fullPage: true });
    }
    await context.close();
  });
});
