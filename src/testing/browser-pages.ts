import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';

/** The WCAG levels every page must meet: 2.0 and 2.1, A and AA. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails, naming each rule and element, when axe-core finds a serious or critical violation on the page. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`), [], what);
}

/** Signs in through the sign-in form, as a person would, and returns the page it went back to. */
export async function signInThroughTheForm(options: { context: BrowserContext; baseUrl: string; email: string; password: string; returnTo: string }): Promise<Page> {
  const page = await options.context.newPage();
  await page.goto(`${options.baseUrl}/sign-in?returnTo=${encodeURIComponent(options.returnTo)}`);
  await page.getByLabel('Email address').fill(options.email);
  await page.getByLabel('Password').fill(options.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${options.baseUrl}${options.returnTo}`);
  return page;
}
