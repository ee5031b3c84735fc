/** Query values as they may appear in a link: absent values are left out. */
export type QueryValues = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/**
 * A path with its query string, built with URLSearchParams so every value is encoded. Arrays
 * become one comma-separated value (the API's form for `status`).
 */
export function href(path: string, values: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text !== '') params.set(key, text);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** A path segment, encoded (codes and ids come from the database, but never trust them in a URL). */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}
