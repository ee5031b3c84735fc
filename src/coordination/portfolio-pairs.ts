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
export function sharesAny<T>(left: T[], right: T[]): boolean {
  for (const item of left) if (right.includes(item)) return true;
  return false;
}

function sharesPlace(first: PortfolioProgram, second: PortfolioProgram): boolean {
  for (const place of first.places) if (second.places.some((other) => other.code === place.code)) return true;
  return false;
}

/** Title similarity of two programs (trigram Jaccard of their content). */
export type Similarity = (first: PortfolioProgram, second: PortfolioProgram) => number;

export const plainSimilarity: Similarity = (first, second) => trigramSimilarity(first.trigrams, second.trigrams);

/**
 * Similarity computed once per pair of distinct contents: imported titles repeat a few hundred
 * recipients, so millions of compared pairs share a few hundred thousand contents at most.
 */
export function memoizedSimilarity(): Similarity {
  // One small map per content id, keyed by the other (larger) id: small-integer keys hash fast.
  const known: Map<number, number>[] = [];
  return (first, second) => {
    if (first.contentId === second.contentId) return first.trigrams.size ? 1 : 0;
    const [low, high] = first.contentId < second.contentId ? [first, second] : [second, first];
    const row = (known[low.contentId] ??= new Map());
    let value = row.get(high.contentId);
    if (value === undefined) {
      value = trigramSimilarity(low.trigrams, high.trigrams);
      row.set(high.contentId, value);
    }
    return value;
  };
}

function sharesPartner(first: PortfolioProgram, second: PortfolioProgram): boolean {
  for (const partner of first.partners) if (second.partners.some((other) => other.id === partner.id)) return true;
  return false;
}

/**
 * Whether two programs funded through the same partner in the same place are a duplication: a
 * shared fiscal year and titles at least 80 % alike. The grouping asks this; judgePair agrees.
 */
export function isDuplication(first: PortfolioProgram, second: PortfolioProgram, similarity: Similarity = plainSimilarity): boolean {
  return sharesAny(first.years, second.years) && similarity(first, second) >= reportThresholds.duplicationText;
}

/**
 * Judges one pair by the auditors' definitions: duplication is the same partner, place and fiscal
 * year with very similar text; overlap is the same place and fiscal year, a shared assistance
 * type or pillar and similar text. A duplication is not an overlap.
 */
export function judgePair(
  first: PortfolioProgram,
  second: PortfolioProgram,
  similarityOf: Similarity = plainSimilarity,
): ProgramPair | undefined {
  if (!sharesAny(first.years, second.years) || !sharesPlace(first, second)) return undefined;
  const similarity = similarityOf(first, second);
  if (similarity < reportThresholds.overlapText) return undefined;
  const placeCodes = shared(
    first.places.map((place) => place.code),
    second.places.map((place) => place.code),
  );
  const partnerIds = shared(
    first.partners.map((partner) => partner.id),
    second.partners.map((partner) => partner.id),
  );
  const sharedPartners = first.partners.filter((partner) => partnerIds.includes(partner.id)).map((partner) => partner.name);
  const termKeys = shared(
    first.terms.map((term) => term.key),
    second.terms.map((term) => term.key),
  );
  const sharedTerms = first.terms.filter((term) => termKeys.includes(term.key)).map((term) => term.name);
  const place = first.places.find((item) => item.code === placeCodes[0])!;
  const pair = { first, second, place, years: shared(first.years, second.years), sharedPartners, sharedTerms, similarity };
  if (sharedPartners.length && similarity >= reportThresholds.duplicationText) return { kind: 'duplication', ...pair };
  if (sharedTerms.length) return { kind: 'overlap', ...pair };
  return undefined;
}

/** Whether (place, year) is the first block, in the lower id's order of places and years, that both programs share. */
function isFirstSharedBlock(first: PortfolioProgram, second: PortfolioProgram, placeCode: string, year: number): boolean {
  for (const place of first.places) {
    if (!second.places.some((other) => other.code === place.code)) continue;
    for (const own of first.years) if (second.years.includes(own)) return place.code === placeCode && own === year;
  }
  return false;
}

/** Programs grouped by a key, each group in ascending id order (programs come sorted by id). */
export function blocksOf(programs: PortfolioProgram[], keys: (program: PortfolioProgram) => string[]): Map<string, PortfolioProgram[]> {
  const blocks = new Map<string, PortfolioProgram[]>();
  for (const program of programs) {
    for (const key of new Set(keys(program))) {
      const block = blocks.get(key);
      if (block) block.push(program);
      else blocks.set(key, [program]);
    }
  }
  return blocks;
}

/** A block's programs by content (ascending id inside each), so that similar titles are found per content, not per program. */
function byContent(block: PortfolioProgram[]): PortfolioProgram[][] {
  const buckets = new Map<number, PortfolioProgram[]>();
  for (const program of block) {
    const bucket = buckets.get(program.contentId);
    if (bucket) bucket.push(program);
    else buckets.set(program.contentId, [program]);
  }
  return [...buckets.values()];
}

/**
 * Every overlapping pair, found by blocking: only programs that share a place and a fiscal year
 * are compared, a pair that shares several is judged in the first block it shares only, and
 * inside a block titles are compared once per pair of distinct contents. Duplications are left
 * to findDuplicationGroups.
 */
export function findOverlapPairs(programs: PortfolioProgram[], similarity: Similarity = memoizedSimilarity()): ProgramPair[] {
  const sorted = [...programs].sort((a, b) => a.id - b.id);
  const blocks = blocksOf(sorted, (program) => program.places.flatMap((place) => program.years.map((year) => `${place.code}|${year}`)));
  const pairs: ProgramPair[] = [];
  const judge = (one: PortfolioProgram, other: PortfolioProgram, placeCode: string, year: number) => {
    const [first, second] = one.id < other.id ? [one, other] : [other, one];
    if ((first.places.length > 1 || first.years.length > 1) && !isFirstSharedBlock(first, second, placeCode, year)) return;
    // Most pairs of a block with the same content are one partner's duplications: no need to build them.
    if (similarity(first, second) >= reportThresholds.duplicationText && sharesPartner(first, second)) return;
    const pair = judgePair(first, second, similarity);
    if (pair?.kind === 'overlap') pairs.push(pair);
  };
  for (const [key, block] of blocks) {
    const separator = key.lastIndexOf('|');
    const placeCode = key.slice(0, separator);
    const year = Number(key.slice(separator + 1));
    const buckets = byContent(block);
    for (let left = 0; left < buckets.length; left += 1) {
      const own = buckets[left]!;
      if (similarity(own[0]!, own[0]!) >= reportThresholds.overlapText) {
        for (let a = 0; a < own.length; a += 1) for (let b = a + 1; b < own.length; b += 1) judge(own[a]!, own[b]!, placeCode, year);
      }
      for (let right = left + 1; right < buckets.length; right += 1) {
        const other = buckets[right]!;
        if (similarity(own[0]!, other[0]!) < reportThresholds.overlapText) continue;
        for (const one of own) for (const two of other) judge(one, two, placeCode, year);
      }
    }
  }
  return pairs.sort((a, b) => a.first.id - b.first.id || a.second.id - b.second.id);
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
