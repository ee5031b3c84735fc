/**
 * Optimistic concurrency over HTTP: a read answers with an ETag, a write sends it back in
 * If-Match. Programs tag their version number ("v3"), strategic plans a content hash; both are
 * read here, in one way.
 */

/** The ETag header value of an entity tag (quoted, strong). */
export function etagOf(tag: string): string {
  return `"${tag}"`;
}

/** The entity tag an If-Match header names ('"v3"', 'W/"v3"' or the bare tag), or undefined when it names none ('*' or empty). */
export function entityTagOfIfMatch(header: string | undefined): string | undefined {
  const text = header
    ?.trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1')
    .trim();
  return text && text !== '*' ? text : undefined;
}
