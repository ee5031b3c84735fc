/**
 * Trigrams as pg_trgm makes them (lower case, words of letters and digits, each padded with two
 * spaces in front and one behind), so similarity in the report means what similarity() means
 * in the check.
 */
export function trigramsOf(text: string): Set<string> {
  const trigrams = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{Letter}\p{Number}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let index = 0; index + 3 <= padded.length; index += 1) trigrams.add(padded.slice(index, index + 3));
  }
  return trigrams;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The trigrams of what a title says the program does: place names and fiscal-year tokens
 * ("FY2004", "fiscal year 2004") are removed, because every title of the imported listing is
 * "recipient — place, FYyyyy" and two grants would otherwise look alike for sharing a place and a
 * year, which the report already compares on their own.
 */
export function contentTrigrams(title: string, placeNames: string[]): Set<string> {
  return trigramsOf(contentText(title, placeNames));
}

/** A title without its place names and fiscal-year tokens, spaces collapsed. */
export function contentText(title: string, placeNames: string[]): string {
  let content = title.replace(/\b(?:FY\s?|fiscal year\s)\d{4}\b/gi, ' ');
  for (const name of placeNames) if (name) content = content.replace(new RegExp(escapeRegExp(name), 'gi'), ' ');
  return content.replace(/[\s—–,;:()-]+/g, ' ').trim();
}

/** |A ∩ B| / |A ∪ B|, as pg_trgm's similarity(); 0 when both are empty. */
export function trigramSimilarity(left: Set<string>, right: Set<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let shared = 0;
  for (const trigram of small) if (large.has(trigram)) shared += 1;
  return shared / (left.size + right.size - shared);
}
