import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Database, DatabaseHandle } from '../db/database.ts';
import { isChromiumInstalled, launchBrowser } from './browser.ts';
import { createTestDatabase } from './test-database.ts';

/** The WCAG levels every page must meet: 2.0 and 2.1, A and AA. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails, naming each rule and element, when axe-core finds a serious or critical violation on the page. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  assert.deepEqual(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    [],
    what,
  );
}

/** Signs in through the sign-in form, as a person would, and returns the page it went back to. */
export async function signInThroughTheForm(options: {
  context: BrowserContext;
  baseUrl: string;
  email: string;
  password: string;
  returnTo: string;
}): Promise<Page> {
  const page = await options.context.newPage();
  await page.goto(`${options.baseUrl}/sign-in?returnTo=${encodeURIComponent(options.returnTo)}`);
  await page.getByLabel('Email address').fill(options.email);
  await page.getByLabel('Password').fill(options.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${options.baseUrl}${options.returnTo}`);
  return page;
}

/** What a browser test runs against: its own database, the whole app on a loopback port, Chromium. */
export type BrowserTestWorld = {
  handle: DatabaseHandle;
  app: FastifyInstance;
  browser: Browser;
  baseUrl: string;
  close: () => Promise<void>;
};

/**
 * Starts a browser test's world: a fresh embedded database prepared by `prepare`, the app built
 * by `buildApp` listening on a free loopback port, and headless Chromium. `close()` ends all three.
 */
export async function startBrowserTestWorld(options: {
  prepare: (db: Database) => Promise<unknown>;
  buildApp: (db: Database) => Promise<FastifyInstance>;
}): Promise<BrowserTestWorld> {
  const handle = await createTestDatabase({ kind: 'pglite' });
  await options.prepare(handle.db);
  const app = await options.buildApp(handle.db);
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const { browser, close: closeBrowser } = await launchBrowser();
  return {
    handle,
    app,
    browser,
    baseUrl,
    close: async () => {
      await closeBrowser();
      await app.close();
      await handle.close();
    },
  };
}

/** Browser tests skip without Chromium on a developer's machine; CI must run them. */
export const skipWithoutChromium =
  !isChromiumInstalled() && !process.env.CI ? 'Chromium is not installed: run scripts/install-system-packages.sh' : false;

const screenshotFolder = path.resolve(import.meta.dirname, '../../docs/screenshots');

/**
 * Keeps a screenshot of the page in docs/screenshots as `name`.png, only when asked
 * (CTIP_UPDATE_SCREENSHOTS=1 npm test): the kept pictures change only on purpose.
 */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.CTIP_UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(screenshotFolder, { recursive: true });
  await page.screenshot({ path: path.join(screenshotFolder, `${name}.png`), fullPage: true });
}
