import type { ImportProblem } from '../shared/import-report.ts';
import type { PlaceDraft } from './iati.activity.ts';
import { dacRegionToM49 } from './iati.codes.ts';

/** What the place mapping needs from the reference tables, loaded once per import. */
export type PlaceLookups = { alpha3ByAlpha2: Map<string, string>; countryCodes: Set<string>; regionCodes: Set<string> };

export type ResolvedPlace = ({ countryCode: string } | { regionCode: string }) & { sharePercent: number | null };

function problem(place: PlaceDraft, message: string, severity: ImportProblem['severity'] = 'warning'): ImportProblem {
  return {
    line: place.line,
    path: place.path,
    field: place.kind === 'country' ? 'recipient-country' : 'recipient-region',
    message,
    severity,
  };
}

/** The ctip key of an IATI place, or a reason it has none. */
function keyOf(place: PlaceDraft, lookups: PlaceLookups): { key: string } | { reason: string; review: boolean } {
  const code = place.code.toUpperCase();
  if (place.kind === 'country') {
    const alpha3 = code.length === 2 ? lookups.alpha3ByAlpha2.get(code) : lookups.countryCodes.has(code) ? code : undefined;
    return alpha3 ? { key: `c:${alpha3}` } : { reason: `country code '${place.code}' is not an ISO 3166-1 code ctip knows`, review: true };
  }
  if (place.vocabulary === '1') {
    const m49 = dacRegionToM49[code];
    if (m49 && lookups.regionCodes.has(m49)) return { key: `r:${m49}` };
    return {
      reason: `OECD DAC region ${place.code}${place.name ? ` (${place.name})` : ''} has no reviewed UN M49 equivalent`,
      review: false,
    };
  }
  if (place.vocabulary === '2') {
    const m49 = /^\d{1,3}$/.test(code) ? code.padStart(3, '0') : code;
    return lookups.regionCodes.has(m49)
      ? { key: `r:${m49}` }
      : { reason: `UN M49 region '${place.code}' is not a region ctip knows`, review: true };
  }
  return { reason: `region vocabulary ${place.vocabulary} is not one ctip maps (1 OECD DAC, 2 UN M49)`, review: false };
}

/**
 * Whole-number shares from decimal percentages by the largest-remainder method: each share is
 * its percentage rounded down, and the points left (to reach the rounded total, at most 100)
 * go to the largest remainders, first place first on ties. So shares never sum over 100 and
 * never over what the file stated.
 */
export function roundShares(percentages: number[]): number[] {
  const total = percentages.reduce((sum, value) => sum + value, 0);
  const scaled = total > 100 ? percentages.map((value) => (value * 100) / total) : percentages;
  const target = Math.min(100, Math.round(scaled.reduce((sum, value) => sum + value, 0)));
  const shares = scaled.map((value) => Math.floor(value + 1e-9));
  let left = target - shares.reduce((sum, value) => sum + value, 0);
  const order = scaled
    .map((value, index) => ({ index, remainder: value - shares[index]! }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    shares[index]! += 1;
    left -= 1;
  }
  return shares;
}

function parsePercentage(text: string | null): number | null | 'invalid' {
  if (text === null) return null;
  const value = Number(text);
  return /^\d+(\.\d+)?$/.test(text) && value <= 100 ? value : 'invalid';
}

/**
 * Maps recipient countries and regions to ctip places with whole-number shares. Places that
 * do not map are reported (and those a person could map are listed for review); their
 * percentage is not given to the others.
 */
export function resolvePlaces(
  places: PlaceDraft[],
  lookups: PlaceLookups,
): { places: ResolvedPlace[]; problems: ImportProblem[]; unresolved: PlaceDraft[] } {
  const problems: ImportProblem[] = [];
  const unresolved: PlaceDraft[] = [];
  const merged = new Map<string, number | null>();
  for (const place of places) {
    const resolved = keyOf(place, lookups);
    if ('reason' in resolved) {
      problems.push(problem(place, `${resolved.reason}; kept in sourceRecord, not as a program place`));
      if (resolved.review) unresolved.push(place);
      continue;
    }
    let percentage = parsePercentage(place.percentage);
    if (percentage === 'invalid') {
      problems.push(problem(place, `percentage '${place.percentage}' is not a number from 0 to 100; share left unknown`));
      percentage = null;
    }
    if (merged.has(resolved.key)) {
      problems.push(problem(place, `${place.kind} ${place.code} is listed twice; percentages added`));
      const before = merged.get(resolved.key)!;
      merged.set(resolved.key, before === null || percentage === null ? (before ?? percentage) : before + percentage);
    } else merged.set(resolved.key, percentage);
  }
  const entries = [...merged];
  const known = entries.filter(([, percentage]) => percentage !== null) as [string, number][];
  const total = known.reduce((sum, [, value]) => sum + value, 0);
  if (total > 100.5 && places[0])
    problems.push(problem(places[0], `recipient percentages sum to ${Math.round(total * 100) / 100}; shares scaled down to 100`));
  const rounded = roundShares(known.map(([, value]) => value));
  const shares = new Map(known.map(([key], index) => [key, rounded[index]!]));
  return {
    places: entries.map(([key]) => ({
      ...(key.startsWith('c:') ? { countryCode: key.slice(2) } : { regionCode: key.slice(2) }),
      sharePercent: shares.get(key) ?? null,
    })),
    problems,
    unresolved,
  };
}
