import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertAccessible,
  keepScreenshot,
  skipWithoutChromium,
  startBrowserTestWorld,
  type BrowserTestWorld,
} from '../testing/browser-pages.ts';
import { buildPortalApp, preparePortalDatabase } from '../testing/portal-fixture.ts';

const pages = [
  { name: 'api-reference', path: '/docs' },
  { name: 'glossary', path: '/glossary' },
  { name: 'data-dictionary', path: '/data-dictionary' },
  { name: 'not-found', path: '/no/such/page' },
];

describe('reference pages and charts in a real browser', { skip: skipWithoutChromium }, () => {
  let world: BrowserTestWorld;
  before(async () => {
    world = await startBrowserTestWorld({ prepare: (db) => preparePortalDatabase(db), buildApp: buildPortalApp });
  });
  after(async () => world?.close());

  async function open(path: string, width: number): Promise<Page> {
    const context = await world.browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${world.baseUrl}${path}`);
    return page;
  }

  test('the API reference, glossary, data dictionary and 404 page pass axe at 1280 and 375 px, without JavaScript', async () => {
    for (const { name, path } of pages) {
      for (const width of [1280, 375]) {
        const page = await open(path, width);
        assert.equal(await page.locator('h1').count(), 1, path);
        await assertAccessible(page, `${path} at ${width} px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at ${width} px`);
        await keepScreenshot(page, width === 375 ? `${name}-375` : name);
        await page.context().close();
      }
    }
  });

  test('chart text is drawn at 12–14 px at 375 px and at 1280 px', async () => {
    for (const width of [375, 1280]) {
      const page = await open('/', width);
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('svg.chart-svg text')].map((text) => {
          const element = text as SVGTextElement;
          const scale = element.getScreenCTM()?.a ?? 1;
          return parseFloat(getComputedStyle(element).fontSize) * scale;
        }),
      );
      assert.ok(sizes.length > 0, `charts with text at ${width} px`);
      for (const size of sizes) assert.ok(size >= 12 && size <= 14, `chart text of ${size.toFixed(1)} px at ${width} px`);
      await page.context().close();
    }
  });

  test('every class the pages use is in the served stylesheet', async () => {
    const stylesheet = await (await fetch(`${world.baseUrl}/assets/uswds/css/uswds.min.css`)).text();
    const page = await open('/', 1280);
    const served = await page.evaluate(() => {
      const link = document.querySelector('link[rel="stylesheet"]') as HTMLLinkElement;
      return link.href;
    });
    const trimmed = await (await fetch(served)).text();
    for (const path of ['/', '/programs', '/countries', '/docs', '/data-dictionary', '/assessment']) {
      await page.goto(`${world.baseUrl}${path}`);
      const classes = await page.evaluate(() => [
        ...new Set([...document.querySelectorAll('[class]')].flatMap((element) => [...element.classList])),
      ]);
      for (const name of classes) {
        const selector = `.${name.replace(/:/g, '\\:')}`;
        // A class the full USWDS stylesheet styles on its own must still be styled.
        if (new RegExp(`${selector.replace(/[.\\\\]/g, '\\$&')}[{,:]`).test(stylesheet))
          assert.ok(trimmed.includes(selector), `${path}: class ${name} kept`);
      }
    }
    await page.context().close();
  });
});
