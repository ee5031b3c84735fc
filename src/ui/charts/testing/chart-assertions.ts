import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';

/** Labels that must come out of every chart as inert text. */
export const HOSTILE_LABEL = '<script>alert(1)</script> & =HYPERLINK("x")';

/** Parses rendered chart HTML so tests can query it like a browser would. */
export function parseFigure(html: string): Document {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
}

/**
 * The checks every chart figure must pass: caption, SVG named by its own title and desc, and
 * (unless empty) a data table with a caption and scoped headers. Returns the parsed document.
 */
export function assertAccessibleFigure(html: string, options: { title: string; role?: 'img' | 'group' }): Document {
  const document = parseFigure(html);
  const figure = document.querySelector('figure');
  assert.ok(figure, 'a <figure>');
  assert.equal(figure.querySelector('figcaption')?.textContent, options.title);
  const svg = figure.querySelector('svg');
  assert.ok(svg, 'an <svg>');
  assert.equal(svg.getAttribute('role'), options.role ?? 'img');
  assert.equal(svg.getAttribute('width'), '100%');
  assert.match(svg.getAttribute('viewBox') ?? '', /^0 0 \d+ \d+$/);
  const [titleId, descId] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
  assert.equal(svg.querySelector(`[id="${titleId}"]`)?.localName, 'title');
  assert.equal(svg.querySelector(`[id="${titleId}"]`)?.textContent, options.title);
  assert.equal(svg.querySelector(`[id="${descId}"]`)?.localName, 'desc');
  assert.ok((svg.querySelector(`[id="${descId}"]`)?.textContent ?? '').length > 10, 'a text summary');
  // axe: aria-label is prohibited on a <g> without a role (Plot sets one on every mark group).
  assert.equal(svg.querySelectorAll('g[aria-label]').length, 0);
  const table = figure.querySelector('details table');
  if (table) {
    assert.equal(figure.querySelector('details > summary')?.textContent, 'Data table');
    assert.ok(table.querySelector('caption')?.textContent);
    for (const header of Array.from(table.querySelectorAll('th'))) assert.match(header.getAttribute('scope') ?? '', /^(col|row)$/);
  }
  return document;
}

/** Asserts markup is inert and well-formed XML-wise: no live script, no raw `&`, no handlers. */
export function assertInert(markup: string): void {
  assert.doesNotMatch(markup, /<script/i);
  assert.doesNotMatch(markup, /\son\w+=/i);
  assert.doesNotMatch(markup, /javascript:/i);
  assert.doesNotMatch(markup, /&(?!amp;|lt;|gt;|quot;|#\d+;)/);
}
