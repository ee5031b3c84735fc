/**
 * A copy of `text` that does not point into the string it was cut from. V8 keeps a substring
 * (a parser's text or attribute value, a trimmed field) as a view on its parent, so keeping one
 * identifier of a 1 MiB chunk keeps the whole chunk: an importer that remembers one small value
 * per record would hold the whole file. Copy what outlives the batch it came from.
 */
export function detachString(text: string): string {
  // Concatenation then slice makes V8 flatten into a new string of text.length + 1 characters.
  return text.length < 13 ? text : (' ' + text).slice(1);
}
