import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium for the server (PDF and chart images of the Assessment) and for the browser
 * tests, launched from the path the configuration names (CTIP_CHROMIUM_PATH). Playwright's own
 * browser download is never used: the Debian package `chromium` is.
 */

/** Whether an executable exists at `executablePath`. */
export function isChromiumAvailable(executablePath: string): boolean {
  try {
    accessSync(executablePath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Launches headless Chromium with flags that keep it off the network (the machines here have
 * none but loopback) and in a throwaway profile. Close it with `close()`.
 */
export async function launchChromium(options: { executablePath: string }): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // Playwright gives every launch a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: options.executablePath,
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      // Chromium's sandbox cannot start as root (CI runs as root).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  return { browser, close: () => browser.close() };
}
