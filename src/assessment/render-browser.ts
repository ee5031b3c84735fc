import type { Browser } from 'playwright-core';
import { AppError } from '../shared/errors.ts';
import { isChromiumAvailable, launchChromium } from './chromium.ts';

/**
 * Headless Chromium for the two things a browser does best here: drawing chart SVGs as PNG
 * (the DOCX fallback image) and printing the report HTML to PDF.
 */

/**
 * Runs `work` with the headless Chromium at `chromiumPath`, closed afterwards whatever happens.
 * A missing Chromium is the operator's to fix, not a fault of the request: 503.
 */
export async function withBrowser<T>(options: { chromiumPath: string }, work: (browser: Browser) => Promise<T>): Promise<T> {
  if (!isChromiumAvailable(options.chromiumPath)) {
    throw new AppError({
      code: 'UNAVAILABLE',
      message: `This download needs Chromium, which is not installed at ${options.chromiumPath}: install it (scripts/install-system-packages.sh) or set CTIP_CHROMIUM_PATH`,
    });
  }
  const { browser, close } = await launchChromium({ executablePath: options.chromiumPath });
  try {
    return await work(browser);
  } finally {
    await close();
  }
}

/** Width, in CSS pixels, the charts are drawn at (their viewBox width). */
export const chartPixelWidth = 640;

/** The SVG's height for the chart width, from its viewBox. */
export function svgHeight(svg: string): number {
  const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return match ? Math.round((Number(match[2]) / Number(match[1])) * chartPixelWidth) : 400;
}

/** Draws each SVG at 2× and returns PNG bytes, in order. One page serves all charts. */
export async function rasterizeSvgs(browser: Browser, svgs: string[]): Promise<Buffer[]> {
  const page = await browser.newPage({ viewport: { width: chartPixelWidth, height: 800 }, deviceScaleFactor: 2 });
  try {
    const images: Buffer[] = [];
    for (const svg of svgs) {
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:#fff"><div id="chart" style="width:${chartPixelWidth}px">${svg}</div></body></html>`,
      );
      images.push(await page.locator('#chart').screenshot({ type: 'png' }));
    }
    return images;
  } finally {
    await page.close();
  }
}

/** Escapes text for Chromium's header and footer templates (they are HTML). */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Prints a standalone HTML document to a tagged PDF (accessible structure) with an outline
 * from its headings and page numbers in the footer.
 */
export async function printPdf(browser: Browser, options: { html: string; footer: string }): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(options.html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'Letter',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 16mm;color:#565c65;display:flex;justify-content:space-between"><span>${escapeHtml(options.footer)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
      tagged: true,
      outline: true,
    });
  } finally {
    await page.close();
  }
}
