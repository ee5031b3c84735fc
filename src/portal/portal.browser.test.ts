import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { DatabaseHandle } from '../db/database.ts';
import { validateIatiXml } from '../exports/validate-iati.ts';
import { isChromiumInstalled, launchBrowser } from '../testing/browser.ts';
import { assertAccessible } from '../testing/browser-pages.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import {
  buildPortalApp,
  demoDataPath,
  hostileTitle,
  preparePortalDatabase,
  restrictedTitle,
  type PortalFixture,
} from '../testing/portal-fixture.ts';

const screenshotFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
// Screenshots are kept in the repository; refresh them with CTIP_UPDATE_SCREENSHOTS=1 npm test.
const updateScreenshots = process.env.CTIP_UPDATE_SCREENSHOTS === '1';

/** CI must run these; a developer without Chromium is told how to get it. */
const skip = !isChromiumInstalled() && !process.env.CI ? 'Chromium is not installed: run scripts/install-system-packages.sh' : false;

describe('portal in a real browser', { skip }, () => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let baseUrl: string;
  let fixture: PortalFixture;
  let pageTypes: { name: string; path: string }[];

  before(async () => {
    handle = await createTestDatabase({ kind: 'pglite' });
    // The real demo data, so pages, charts and screenshots look as a newcomer sees them.
    fixture = await preparePortalDatabase(handle.db, { dataFile: demoDataPath });
    app = await buildPortalApp(handle.db);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, close: closeBrowser } = await launchBrowser());
    const firstProgram = (await (await fetch(`${baseUrl}/api/programs?limit=1&country=AFG`)).json()) as { items: { id: number }[] };
    const partner = (await (await fetch(`${baseUrl}/api/organizations?q=IOM&limit=1`)).json()) as { items: { id: number }[] };
    pageTypes = [
      { name: 'home', path: '/' },
      { name: 'programs-search', path: '/programs?fiscalYearFrom=2004&fiscalYearTo=2010' },
      { name: 'program-detail', path: `/programs/${firstProgram.items[0]!.id}` },
      { name: 'programs-search-names', path: '/programs?q=Burma+shelter&partner=IOM' },
      { name: 'countries', path: '/countries' },
      { name: 'countries-year', path: '/countries?fiscalYear=2004' },
      { name: 'country', path: '/countries/AFG' },
      { name: 'regions', path: '/regions' },
      { name: 'region', path: '/regions/ctip-state-eap' },
      { name: 'agencies', path: '/agencies' },
      { name: 'agency', path: '/agencies/state-tip' },
      { name: 'partner', path: `/partners/${partner.items[0]!.id}` },
      { name: 'about', path: '/about' },
    ];
  });

  after(async () => {
    await closeBrowser?.();
    await app?.close();
    await handle?.close();
  });

  async function openPage(options: { path: string; width?: number }): Promise<Page> {
    // axe-core's Playwright integration needs a page from an explicit context.
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
    const page = await context.newPage();
    page.on('close', () => void context.close().catch(() => {}));
    const response = await page.goto(`${baseUrl}${options.path}`);
    assert.equal(response?.status(), 200, `${options.path} answers 200`);
    return page;
  }

  test('every page type has no serious or critical accessibility violation (axe-core, WCAG 2.1 AA)', async () => {
    if (updateScreenshots) mkdirSync(screenshotFolder, { recursive: true });
    for (const pageType of pageTypes) {
      const page = await openPage({ path: pageType.path });
      await assertAccessible(page, `${pageType.name} (${pageType.path})`);
      if (updateScreenshots) await page.screenshot({ path: path.join(screenshotFolder, `${pageType.name}.png`), fullPage: true });
      await page.close();
    }
  });

  test('every page type is usable at 375 px: no horizontal scrolling of the page', async () => {
    for (const pageType of pageTypes) {
      const page = await openPage({ path: pageType.path, width: 375 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${pageType.name} scrolls sideways by ${overflow}px at 375 px`);
      if (updateScreenshots && ['home', 'programs-search', 'program-detail'].includes(pageType.name)) {
        await page.screenshot({ path: path.join(screenshotFolder, `${pageType.name}-375.png`), fullPage: true });
      }
      await page.close();
    }
  });

  test('search results show money without sideways scrolling at 1280 px and at 375 px, results before the filters', async () => {
    const wide = await openPage({ path: '/programs?country=NPL&fiscalYear=2004' });
    assert.equal(await wide.title(), 'Programs in Nepal, FY2004 · ctip');
    const header = await wide.locator('.ctip-program-table-wide th', { hasText: 'Obligated' }).boundingBox();
    assert.ok(header && header.x + header.width <= 1280, 'the Obligated column is on screen at 1280 px');
    assert.ok(await wide.locator('.ctip-search-total').isVisible(), 'the total for the filters');
    const download = await wide.locator('#downloads').boundingBox();
    const table = await wide.locator('.ctip-program-table-wide').boundingBox();
    assert.ok(download && table && download.y < table.y, 'the downloads are above the results');
    await wide.close();

    const phone = await openPage({ path: '/programs?country=NPL&fiscalYear=2004', width: 375 });
    assert.equal(await phone.locator('.ctip-program-table-wide').isVisible(), false, 'no wide table on a phone');
    const amount = await phone.locator('.ctip-program-card-amount').first().boundingBox();
    assert.ok(amount && amount.x >= 0 && amount.x + amount.width <= 375, 'the first card’s amount is on screen');
    const results = await phone.locator('#results').boundingBox();
    const filters = await phone.locator('#filters-heading').boundingBox();
    assert.ok(results && filters && results.y < filters.y, 'results come before the filters');
    await assertAccessible(phone, 'search at 375 px');
    await phone.close();

    const countries = await openPage({ path: '/countries' });
    await countries.selectOption('#countries-year', '2004');
    await countries.click('.ctip-year-filter button[type=submit]');
    await countries.waitForURL(/fiscalYear=2004/);
    assert.equal(await countries.locator('h1').textContent(), 'Countries, FY2004');
    await countries.close();
  });

  test('the keyboard reaches the skip link first, it is visible when focused, and it moves to the content', async () => {
    const page = await openPage({ path: '/' });
    await page.keyboard.press('Tab');
    // USWDS slides the skip link in with a short transition.
    await page.waitForTimeout(400);
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return { text: element.textContent?.trim(), visible: box.width > 0 && box.height > 0 && box.top >= 0, outline: style.outlineStyle };
    });
    assert.match(focused.text ?? '', /skip/i);
    assert.ok(focused.visible, 'the focused skip link is on screen');
    assert.notEqual(focused.outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    assert.match(page.url(), /#main-content$/);
    await page.close();
  });

  test('search, filter, open a program, and download each format of the search', async () => {
    const page = await openPage({ path: '/programs' });
    await page.fill('#filter-q', 'IOM');
    await page.click('button[type=submit]');
    await page.waitForURL(/q=IOM/);
    const afterText = await page.locator('h1').textContent();
    assert.ok(afterText, 'results page has a heading');
    await page.selectOption('#filter-country', 'AFG');
    await page.click('button[type=submit]');
    await page.waitForURL(/country=AFG/);
    const rows = page.locator('table.ctip-results tbody tr, table tbody tr');
    assert.ok((await rows.count()) > 0, 'the filtered search finds programs');

    const csv = await downloadFrom(page, 'CSV');
    assert.ok(csv.startsWith('\uFEFF'), 'CSV starts with a byte-order mark for spreadsheets');
    assert.match(csv, /\r\n/);
    const json = JSON.parse(await downloadFrom(page, 'JSON')) as { programs: { places: { countryCode: string | null }[] }[] };
    assert.ok(json.programs.length > 0);
    assert.ok(json.programs.every((program) => program.places.some((place) => place.countryCode === 'AFG')));
    const xml = await downloadFrom(page, 'IATI');
    assert.deepEqual(validateIatiXml(xml).errors, []);

    await page.locator('main a[href^="/programs/"]').first().click();
    await page.waitForURL(/\/programs\/\d+$/);
    assert.match((await page.locator('h1').textContent()) ?? '', /\S/);
    await page.close();
  });

  test('hostile text stays text, and restricted programs are nowhere in the browser', async () => {
    const page = await openPage({ path: `/programs/${fixture.hostileId}` });
    assert.equal(await page.evaluate(() => (window as unknown as { alerted?: boolean }).alerted), undefined);
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    await page.reload();
    assert.equal(dialogs, 0, 'no script from data ran');
    assert.match((await page.locator('h1').textContent()) ?? '', /<script>alert\(1\)<\/script>/);
    assert.ok(hostileTitle.length > 0);
    const search = await openPage({ path: `/programs?q=${encodeURIComponent('zanzibarian')}` });
    assert.doesNotMatch(await search.content(), new RegExp(restrictedTitle));
    const detailContext = await browser.newContext();
    const detail = await detailContext.newPage();
    const response = await detail.goto(`${baseUrl}/programs/${fixture.restrictedId}`);
    assert.equal(response?.status(), 404);
    await Promise.all([page.close(), search.close(), detailContext.close()]);
  });

  test('the print stylesheet hides navigation and forms', async () => {
    const page = await openPage({ path: '/programs' });
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() => {
      const form = document.querySelector('form.ctip-filters');
      return form ? getComputedStyle(form).display === 'none' : true;
    });
    assert.ok(hidden, 'the filter form is not printed');
    await page.close();
  });
});

/** Clicks the download link whose text starts with `label` and returns the file's text. */
async function downloadFrom(page: Page, label: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`a:has-text("${label}")`).first().click()]);
  const filePath = await download.path();
  return readFileSync(filePath, 'utf8');
}
