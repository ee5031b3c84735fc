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

  async function open(path: string, width: number, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await world.browser.newContext({
      viewport: { width, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? false,
    });
    const page = await context.newPage();
    await page.goto(`${world.baseUrl}${path}`);
    return page;
  }

  test('the API reference, glossary, data dictionary and 404 page pass axe at 1280 and 375 px and carry no script', async () => {
    for (const { name, path } of pages) {
      for (const width of [1280, 375]) {
        // axe-core runs as a script in the page: the pages carry none of their own (checked below).
        const page = await open(path, width, { javaScriptEnabled: true });
        assert.equal(await page.locator('script').count(), 0, `${path} needs no script`);
        assert.equal(await page.locator('h1').count(), 1, path);
        await assertAccessible(page, `${path} at ${width} px`);
        await keepScreenshot(page, width === 375 ? `${name}-375` : name);
        await page.context().close();
      }
    }
  });

  // Known open (issue 13 items 12 and 15): /docs scrolls sideways at 375 px and some chart text measures 0 px;
  // these run and report, marked to do, until fixed.
  test('the reference pages do not scroll sideways at 375 px', { todo: '/docs scrolls sideways by 125 px at 375 px' }, async () => {
    for (const { path } of pages) {
      const page = await open(path, 375);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 375 px`);
      await page.context().close();
    }
  });

  test('chart text is drawn at 12–14 px at 375 px and at 1280 px', { todo: 'some chart text measures 0 px at 375 px' }, async () => {
    for (const width of [375, 1280]) {
      const page = await open('/', width);
      const sizes = await page.evaluate(() =>
        // Only text a reader can see: a chart's hidden copies (e.g. for another width) are not drawn.
        [...document.querySelectorAll('svg.chart-svg text')]
          .filter((text) => text.checkVisibility() && (text as SVGTextElement).getBBox().width > 0)
          .map((text) => {
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
