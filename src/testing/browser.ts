import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../config/config.ts';
import { isChromiumAvailable, launchChromium } from '../assessment/chromium.ts';

/** The Chromium the tests use: the configured one (CTIP_CHROMIUM_PATH, default Debian's /usr/bin/chromium). */
export const chromiumPath = loadConfig().chromiumPath;

export function isChromiumInstalled(): boolean {
  return isChromiumAvailable(chromiumPath);
}

/** The production launcher on the configured path; close it with `close()`. */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  return launchChromium({ executablePath: chromiumPath });
}

/** Starts an app on a free loopback port and returns its base URL. */
export async function listenOnFreePort(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}
