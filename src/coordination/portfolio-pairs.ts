import type { PortfolioProgram } from './portfolio-data.ts';
import { reportThresholds } from './overlap-weights.ts';
import { trigramSimilarity } from './trigrams.ts';

/** Two programs the report names together, with what they share. */
export type ProgramPair = {
  kind: 'overlap' | 'duplication';
  first: PortfolioProgram;
  second: PortfolioProgram;
  place: { code: string; name: string };
  years: number[];
  sharedPartners: string[];
  sharedTerms: string[];
  similarity: number;
};

const shared = <T>(left: T[], right: T[]) => left.filter((item) => right.includes(item));

/** A loop without allocation: the brute-force baseline calls this for every pair. */
function sharesAny(left: number[], right: number[]): boolean {
  for (const item of left) if (right.includes(item)) return true;
  return false;
}

/**
 * Judges one pair by the auditors' definitions: duplication is the same partner, place and fiscal
 * year with very similar text; overlap is the same place and fiscal year, a shared assistance
 * type or pillar and similar text. A duplication is not listed again as an overlap.
 */
export function judgePair(first: PortfolioProgram, second: PortfolioProgram): ProgramPair | undefined {
  if (!sharesAny(first.years, second.years) || !first.places.some((place) => second.places.some((other) => other.code === place.code))) return undefined;
  const placeCodes = shared(first.places.map((place) => place.code), second.places.map((place) => place.code));
  const years = shared(first.years, second.years);
  if (placeCodes.length === 0 || years.length === 0) return undefined;
  const similarity = trigramSimilarity(first.trigrams, second.trigrams);
  if (similarity < reportThresholds.overlapText) return undefined;
  const partnerIds = shared(first.partners.map((partner) => partner.id), second.partners.map((partner) => partner.id));
  const sharedPartners = first.partners.filter((partner) => partnerIds.includes(partner.id)).map((partner) => partner.name);
  const termKeys = shared(first.terms.map((term) => term.key), second.terms.map((term) => term.key));
  const sharedTerms = first.terms.filter((term) => termKeys.includes(term.key)).map((term) => term.name);
  const place = first.places.find((item) => item.code === placeCodes[0])!;
  const pair = { first, second, place, years, sharedPartners, sharedTerms, similarity };
  if (sharedPartners.length && similarity >= reportThresholds.duplicationText) return { kind: 'duplication', ...pair };
  if (sharedTerms.length) return { kind: 'overlap', ...pair };
  return undefined;
}

/**
 * Every overlapping or duplicative pair, found by blocking: only programs that share a place
 * and a fiscal year are ever compared (a pair that shares several is judged once).
 */
export function findPairs(programs: PortfolioProgram[]): ProgramPair[] {
  const blocks = new Map<string, PortfolioProgram[]>();
  for (const program of programs) {
    for (const place of program.places) {
      for (const year of program.years) {
        const key = `${place.code}|${year}`;
        const block = blocks.get(key);
        if (block) block.push(program);
        else blocks.set(key, [program]);
      }
    }
  }
  const seen = new Set<string>();
  const pairs: ProgramPair[] = [];
  for (const block of blocks.values()) {
    for (let left = 0; left < block.length; left += 1) {
      for (let right = left + 1; right < block.length; right += 1) {
        const [first, second] = block[left]!.id < block[right]!.id ? [block[left]!, block[right]!] : [block[right]!, block[left]!];
        const key = `${first.id}-${second.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const pair = judgePair(first, second);
        if (pair) pairs.push(pair);
      }
    }
  }
  return pairs.sort((a, b) => a.first.id - b.first.id || a.second.id - b.second.id);
}

/** The brute-force baseline of the benchmark: every pair judged, no blocking. Same result as findPairs. */
export function findPairsBruteForce(programs: PortfolioProgram[]): ProgramPair[] {
  const sorted = [...programs].sort((a, b) => a.id - b.id);
  const pairs: ProgramPair[] = [];
  for (let left = 0; left < sorted.length; left += 1) {
    for (let right = left + 1; right < sorted.length; right += 1) {
      const pair = judgePair(sorted[left]!, sorted[right]!);
      if (pair) pairs.push(pair);
    }
  }
  return pairs;
}

/** A broad area of need (a place and a pillar) that several agencies fund. */
export type FragmentedArea = { place: { code: string; name: string }; pillar: string; agencies: string[]; programs: PortfolioProgram[] };

/** Fragmentation: each place and pillar funded by two or more agencies in the range. */
export function findFragmentation(programs: PortfolioProgram[]): FragmentedArea[] {
  const areas = new Map<string, FragmentedArea>();
  for (const program of programs) {
    for (const place of program.places) {
      for (const term of program.terms.filter((item) => item.key.startsWith('pillar:'))) {
        const key = `${place.code}|${term.key}`;
        const area = areas.get(key) ?? { place, pillar: term.name, agencies: [], programs: [] };
        area.programs.push(program);
        if (!area.agencies.includes(program.agencyLabel)) area.agencies.push(program.agencyLabel);
        areas.set(key, area);
      }
    }
  }
  return [...areas.values()]
    .filter((area) => area.agencies.length >= 2)
    .sort((a, b) => b.agencies.length - a.agencies.length || a.place.name.localeCompare(b.place.name) || a.pillar.localeCompare(b.pillar));
}
