import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectClassWords, trimCss } from './css-trim.ts';

/** The USWDS distribution folder (css, fonts, img, js), found through the package itself. */
export const uswdsRoot = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@uswds/uswds')), '..');
const siteCssFile = fileURLToPath(new URL('./site.css', import.meta.url));
/** The source tree whose pages use the classes: the folder above ui/. */
const sourceRoot = fileURLToPath(new URL('../', import.meta.url));

export type Stylesheet = { href: string; css: string; hash: string };

function listSources(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'fixtures' && entry.name !== 'testing') files.push(...listSources(file));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(file);
  }
  return files;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/**
 * The USWDS stylesheet trimmed to the classes the pages' sources name (527 KB → a fraction), and
 * ctip's own; each under a name holding its content hash, so clients may keep it for a year. When
 * the sources are not beside this module (a bundle without them), the whole USWDS file is served.
 */
function buildStylesheets(): { uswds: Stylesheet; site: Stylesheet } {
  const full = readFileSync(path.join(uswdsRoot, 'css', 'uswds.min.css'), 'utf8');
  let sources: string[] = [];
  try {
    sources = listSources(sourceRoot).map((file) => readFileSync(file, 'utf8'));
  } catch {
    sources = [];
  }
  const trimmed = sources.some((source) => source.includes('usa-skipnav')) ? trimCss(full, collectClassWords(sources)) : full;
  const uswdsHash = hashOf(trimmed);
  const site = readFileSync(siteCssFile, 'utf8');
  const siteHash = hashOf(site);
  return {
    uswds: { href: `/assets/uswds/css/uswds.${uswdsHash}.css`, css: trimmed, hash: uswdsHash },
    site: { href: `/assets/site.${siteHash}.css`, css: site, hash: siteHash },
  };
}

let built: ReturnType<typeof buildStylesheets> | undefined;

/** Built once, on first use (a page or a stylesheet request), so CLI commands never pay for it. */
export function stylesheets(): { uswds: Stylesheet; site: Stylesheet } {
  built ??= buildStylesheets();
  return built;
}
