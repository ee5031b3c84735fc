import type { PortfolioProgram } from './portfolio-data.ts';
import { buildDuplicationGroups, ProgramComponents, type DuplicationGroup, type KeyedComponent } from './portfolio-groups.ts';
import { judgePair, type ProgramPair } from './portfolio-pairs.ts';

/**
 * The brute-force baseline of the benchmark and the tests: every pair of programs judged once,
 * no blocking; duplications joined into groups under each partner and place they share. Finds
 * the same overlap pairs and duplication groups as findOverlapPairs and findDuplicationGroups.
 */
export function findFindingsBruteForce(programs: PortfolioProgram[]): { overlap: ProgramPair[]; duplication: DuplicationGroup[] } {
  const sorted = [...programs].sort((a, b) => a.id - b.id);
  const overlap: ProgramPair[] = [];
  const components = new Map<string, ProgramComponents>();
  for (let left = 0; left < sorted.length; left += 1) {
    for (let right = left + 1; right < sorted.length; right += 1) {
      const pair = judgePair(sorted[left]!, sorted[right]!);
      if (pair?.kind === 'overlap') overlap.push(pair);
      if (pair?.kind !== 'duplication') continue;
      for (const partner of pair.first.partners.filter((item) => pair.second.partners.some((other) => other.id === item.id))) {
        for (const place of pair.first.places.filter((item) => pair.second.places.some((other) => other.code === item.code))) {
          const key = `${partner.id}|${place.code}`;
          const found = components.get(key) ?? new ProgramComponents();
          found.union(pair.first.id, pair.second.id);
          components.set(key, found);
        }
      }
    }
  }
  const keyed: KeyedComponent[] = [...components].flatMap(([key, found]) => {
    const [partnerId, placeCode] = key.split('|');
    return found.list().map((ids) => ({ partnerId: Number(partnerId), placeCode: placeCode!, ids }));
  });
  return { overlap, duplication: buildDuplicationGroups(keyed, programs) };
}
