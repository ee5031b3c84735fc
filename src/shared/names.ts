/**
 * Normalizes a name for matching: case, accents, punctuation and spacing do not matter.
 * "ILO-IPEC", "ILO/IPEC" and "ilo ipec" all become "ilo ipec"; "Côte d'Ivoire" becomes "cote d ivoire".
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}
