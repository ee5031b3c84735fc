/**
 * The few pieces of XML writing the IATI export needs. Everything that comes from a record goes
 * through escapeXml, so a title such as <script> is text, never markup.
 */

// XML 1.0 allows tab, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF; lone surrogates
// are code points outside these ranges under the u flag, so they are removed too.
const invalidXmlCharacters = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A literal CR would be read back as LF; the reference keeps it.
  '\r': '&#13;',
};

/** Text safe in element content and in double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(invalidXmlCharacters, '').replace(/[&<>"'\r]/g, (character) => entities[character]!);
}

export type XmlAttributes = Record<string, string | number | boolean | undefined>;

/** An element with escaped attributes (undefined ones left out) and already-built children. */
export function xmlElement(name: string, attributes: XmlAttributes, ...children: string[]): string {
  const attributeText = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attributeText}/>` : `<${name}${attributeText}>${children.join('')}</${name}>`;
}

/** An IATI <narrative> holding escaped text. */
export function narrative(text: string): string {
  return `<narrative>${escapeXml(text)}</narrative>`;
}
