import { parseHTML } from 'linkedom';

/**
 * A tiny DOM toolkit for building chart SVG on the server.
 *
 * Every chart is built as DOM nodes (by Observable Plot or by hand) and turned into markup by
 * `serializeSvg` below, never by string concatenation: text goes in through `textContent` and
 * attribute values through `setAttribute`, and our serializer escapes both. We do not rely on
 * linkedom's own `outerHTML`, which in HTML documents leaves `&` and `<` unescaped inside
 * attribute values; that is harmless for browsers but not well-formed XML, and the annual report
 * embeds the same SVG as a standalone XML image.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** A fresh server-side document to build one chart in. */
export function createChartDocument(): Document {
  const { document } = parseHTML('<html><body></body></html>');
  return document as unknown as Document;
}

type AttributeValue = string | number | null | undefined;

/** Creates an SVG element with attributes (null/undefined skipped) and optional text. */
export function svgElement(document: Document, name: string, attributes: Record<string, AttributeValue> = {}, text?: string): SVGElement {
  const element = document.createElementNS(SVG_NS, name) as SVGElement;
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(key, String(value));
  }
  if (text !== undefined) element.textContent = text;
  return element;
}

const textEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const attributeEscapes: Record<string, string> = { ...textEscapes, '"': '&quot;' };

function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (character) => textEscapes[character] ?? character);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (character) => attributeEscapes[character] ?? character);
}

/**
 * Serializes an SVG subtree as well-formed XML that is also valid inside HTML. Comments and
 * `<style>`/`<script>` elements are dropped: charts carry presentation attributes only, so they
 * render the same in a page, in a standalone .svg file and under a strict CSP.
 */
export function serializeSvg(node: Node): string {
  if (node.nodeType === 3) return escapeText(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  const name = element.localName;
  if (name === 'style' || name === 'script') return '';
  let attributes = '';
  for (const attribute of Array.from(element.attributes)) {
    if (/^on/i.test(attribute.name)) continue;
    attributes += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
  }
  const children = Array.from(element.childNodes).map(serializeSvg).join('');
  return children ? `<${name}${attributes}>${children}</${name}>` : `<${name}${attributes}/>`;
}

/** Turns any chart id into a token safe for id attributes: letters, digits, `-` and `_`. */
export function safeId(id: string): string {
  const token = id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[A-Za-z]/.test(token) ? token : `chart-${token || 'x'}`;
}

/**
 * Keeps a link only when it points inside the site (`/path`, `?query`, `#anchor`) or to an
 * http(s) address; anything else (`javascript:`, `data:`, protocol-relative `//host`) is dropped.
 */
export function safeHref(href: string | undefined): string | undefined {
  if (!href || /[\u0000-\u001f\u007f\s]/.test(href)) return undefined;
  if (/^\/(?!\/)|^[?#]/.test(href) || /^https?:\/\/[^/]/i.test(href)) return href;
  return undefined;
}

/** Rounds a coordinate so output stays small and identical across runs. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
