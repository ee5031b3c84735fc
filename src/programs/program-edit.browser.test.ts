import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { DatabaseHandle } from '../db/database.ts';
import { isChromiumInstalled, launchBrowser } from '../testing/browser.ts';
import { assertAccessible } from '../testing/browser-pages.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { buildPortalApp, preparePortalDatabase } from '../testing/portal-fixture.ts';
import { signedInUser, type Session } from '../testing/program-form.ts';

const screenshotFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
// Refresh the kept screenshots with CTIP_UPDATE_SCREENSHOTS=1.
const updateScreenshots = process.env.CTIP_UPDATE_SCREENSHOTS === '1';
const skip = !isChromiumInstalled() && !process.env.CI ? 'Chromium is not installed: run scripts/install-system-packages.sh' : false;

describe('program form in a real browser', { skip }, () => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let baseUrl: string;
  let editor: Session;
  let colleague: Session;

  before(async () => {
    handle = await createTestDatabase({ kind: 'pglite' });
    await preparePortalDatabase(handle.db);
    editor = await signedInUser(handle.db, {
      email: 'browser-editor@example.org',
      name: 'Browser editor',
      role: 'agency_editor',
      agencyId: 'state-tip',
    });
    colleague = await signedInUser(handle.db, {
      email: 'colleague@example.org',
      name: 'Colleague',
      role: 'agency_editor',
      agencyId: 'state-tip',
    });
    app = await buildPortalApp(handle.db);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, close: closeBrowser } = await launchBrowser());
    if (updateScreenshots) mkdirSync(screenshotFolder, { recursive: true });
  });

  after(async () => {
    await closeBrowser?.();
    await app?.close();
    await handle?.close();
  });

  /** A page of a browser that holds the session cookie, as after signing in. */
  async function signedInPage(session: Session): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(Object.entries(session.cookies).map(([name, value]) => ({ name, value, url: baseUrl })));
    const page = await context.newPage();
    page.on('close', () => void context.close().catch(() => {}));
    return page;
  }

  async function save(page: Page): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
  }

  test('create a program through the form, then edit it', async () => {
    const page = await signedInPage(editor);
    await page.goto(`${baseUrl}/programs`);
    await Promise.all([page.waitForURL(/\/programs\/new$/), page.click('a[href="/programs/new"]')]);
    await assertAccessible(page, 'the new-program form');
    await page.fill('#field-title', 'Browser-made shelter program');
    await page.fill('#field-description', 'Made by clicking through the form.');
    await page.fill('#field-partners-0-name', 'International Organization for Migration');
    await page.selectOption('#field-places-0-country', 'NPL');
    await page.fill('#field-obligations-0-fiscalYear', '2025');
    await page.fill('#field-obligations-0-amount', '1,234.56');
    // USWDS draws its own boxes and moves the native ones off-screen: people click the labels.
    await page.click('label[for="field-pillars-protection"]');
    await page.click('label[for="field-visibility-public"]');
    assert.ok(await page.isChecked('#field-pillars-protection'));
    if (updateScreenshots) await page.screenshot({ path: path.join(screenshotFolder, 'program-form.png'), fullPage: true });
    await save(page);
    assert.match(page.url(), /\/programs\/\d+\?saved=1$/);
    assert.match((await page.locator('.usa-alert--success').textContent()) ?? '', /Saved\. This is version 1/);
    assert.match((await page.locator('main').textContent()) ?? '', /\$1,234\.56/);

    await Promise.all([page.waitForURL(/\/edit$/), page.click('text=Edit program')]);
    await assertAccessible(page, 'the edit form');
    assert.equal(await page.inputValue('#field-obligations-0-amount'), '1,234.56');
    await page.fill('#field-title', 'Browser-edited shelter program');
    await save(page);
    assert.equal(await page.locator('h1').textContent(), 'Browser-edited shelter program');
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /Version 2: Changed title by browser-editor@example\.org through the web/,
    );
    await page.close();
  });

  test('an error is shown inline and in the summary; the typed values stay', async () => {
    const page = await signedInPage(editor);
    await page.goto(`${baseUrl}/programs/new`);
    await page.fill('#field-title', 'Program with a bad amount');
    await page.fill('#field-obligations-0-fiscalYear', '2025');
    await page.fill('#field-obligations-0-amount', '12.345');
    await save(page);
    assert.match((await page.locator('#error-summary').textContent()) ?? '', /more than two digits/);
    assert.equal(await page.inputValue('#field-obligations-0-amount'), '12.345');
    await page.click('#error-summary a');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-obligations-0-amount');
    await assertAccessible(page, 'the form with errors');
    await page.close();
  });

  test('two pages editing the same program: the second save shows the conflict, then saves on purpose', async () => {
    const first = await signedInPage(editor);
    await first.goto(`${baseUrl}/programs/new`);
    await first.fill('#field-title', 'Program edited twice');
    await first.selectOption('#field-places-0-country', 'KHM');
    await save(first);
    const programUrl = first.url().replace(/\?saved=1$/, '');
    const second = await signedInPage(colleague);
    await first.goto(`${programUrl}/edit`);
    await second.goto(`${programUrl}/edit`);
    await first.fill('#field-title', 'Title from the first page');
    await save(first);
    await second.fill('#field-title', 'Title from the second page');
    await second.fill('#field-obligations-0-fiscalYear', '2026');
    await second.fill('#field-obligations-0-amount', '500');
    await save(second);
    assert.match(
      (await second.locator('#conflict h2').textContent()) ?? '',
      /Someone else changed this program since you opened it \(version 1 → 2\)/,
    );
    assert.match((await second.locator('#conflict table').textContent()) ?? '', /TitleTitle from the second pageTitle from the first page/);
    assert.equal(await second.inputValue('#field-title'), 'Title from the second page');
    await assertAccessible(second, 'the conflict state');
    if (updateScreenshots) await second.screenshot({ path: path.join(screenshotFolder, 'program-conflict.png'), fullPage: true });
    await save(second);
    assert.equal(await second.locator('h1').textContent(), 'Title from the second page');
    await Promise.all([first.close(), second.close()]);
  });
});
