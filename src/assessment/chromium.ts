import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; scripts/install-system-packages.sh installs it. */
export const chromiumPath = '/usr/bin/chromium';

export function isChromiumInstalled(): boolean {
  return existsSync(chromiumPath);
}

/**
 * Launches headless Chromium with flags that keep it off the network (this machine has none but
 * loopback) and in a throwaway profile. Close it with `close()`.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // Playwright gives every launch a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
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
