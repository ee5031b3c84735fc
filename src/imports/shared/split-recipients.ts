/**
 * Splits a recipient cell that lists several organizations ("World Education, Terre des Hommes
 * Foundation"; "International Rescue Committee (IRC); Sharing-Rwanda; and ADPA") into its
 * organizations, but only when every part is a known (reviewed) organization: a comma is also
 * part of many single names ("ILO, International Program on the Elimination of Child Labor"),
 * and a guess would invent partners. Separators inside parentheses do not split. Returns the
 * distinct organizations in the order listed, or undefined to keep the cell as one name.
 */
export function splitRecipients<Resolution extends { organizationId: number }>(
  text: string,
  lookUp: (name: string) => Resolution | undefined,
): Resolution[] | undefined {
  if (lookUp(text)) return undefined;
  const parts = splitOutsideParentheses(text)
    .map((part) => part.replace(/^\s*(and|&)\s+/i, '').trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  const resolved: Resolution[] = [];
  for (const part of parts) {
    const resolution = lookUp(part);
    if (!resolution) return undefined;
    if (!resolved.some((known) => known.organizationId === resolution.organizationId)) resolved.push(resolution);
  }
  return resolved;
}

function splitOutsideParentheses(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of text) {
    if (character === '(') depth += 1;
    if (character === ')') depth = Math.max(0, depth - 1);
    if ((character === ',' || character === ';') && depth === 0) {
      parts.push(current);
      current = '';
    } else current += character;
  }
  parts.push(current);
  return parts;
}
