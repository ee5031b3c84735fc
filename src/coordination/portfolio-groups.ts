import type { PortfolioProgram } from './portfolio-data.ts';
import { blocksOf, isDuplication, memoizedSimilarity, type Similarity } from './portfolio-pairs.ts';

/**
 * Programs that do the same work for the same beneficiaries: funded through the same partner in
 * the same place in a shared fiscal year, under titles at least 80 % alike; each program of a
 * group is linked to another by those tests.
 */
export type DuplicationGroup = {
  places: { code: string; name: string }[];
  partners: { id: number; name: string }[];
  /** Names of the programs' assistance types; empty when none is given. */
  assistanceTypes: string[];
  /** The fiscal years in which two or more of the programs have obligations. */
  years: number[];
  /** Ascending id. */
  programs: PortfolioProgram[];
};

/** Connected components of program ids (union-find, the smaller id as root). */
export class ProgramComponents {
  private readonly parent = new Map<number, number>();

  find(id: number): number {
    let root = id;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    for (let node = id; node !== root;) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  union(left: number, right: number): void {
    const a = this.find(left);
    const b = this.find(right);
    if (a === b) return;
    const [root, child] = a < b ? [a, b] : [b, a];
    this.parent.set(root, root);
    this.parent.set(child, root);
  }

  /** Every component of two or more ids, each in ascending order. */
  list(): number[][] {
    const components = new Map<number, number[]>();
    for (const id of this.parent.keys()) {
      const root = this.find(id);
      const members = components.get(root);
      if (members) members.push(id);
      else components.set(root, [id]);
    }
    return [...components.values()].filter((ids) => ids.length > 1).map((ids) => ids.sort((a, b) => a - b));
  }
}

/** One component found under one partner and one place. */
export type KeyedComponent = { partnerId: number; placeCode: string; ids: number[] };

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function compareGroups(a: DuplicationGroup, b: DuplicationGroup, cents: (group: DuplicationGroup) => bigint): number {
  const money = cents(b) - cents(a);
  if (b.programs.length !== a.programs.length) return b.programs.length - a.programs.length;
  if (money !== 0n) return money > 0n ? 1 : -1;
  for (let index = 0; index < a.programs.length; index += 1) {
    const difference = a.programs[index]!.id - b.programs[index]!.id;
    if (difference) return difference;
  }
  return 0;
}

/**
 * Groups from components: components with the same programs (found under several shared
 * partners or places) become one group naming all of them. Largest groups first, then the most
 * money, then the lowest ids, so the order never depends on how they were found.
 */
export function buildDuplicationGroups(components: KeyedComponent[], programs: PortfolioProgram[]): DuplicationGroup[] {
  const byId = new Map(programs.map((program) => [program.id, program]));
  const groups = new Map<string, DuplicationGroup>();
  for (const component of components) {
    const members = component.ids.map((id) => byId.get(id)!);
    const key = component.ids.join(',');
    const group = groups.get(key) ?? { places: [], partners: [], assistanceTypes: [], years: [], programs: members };
    const partner = members[0]!.partners.find((item) => item.id === component.partnerId)!;
    const place = members[0]!.places.find((item) => item.code === component.placeCode)!;
    if (!group.partners.some((item) => item.id === partner.id)) group.partners.push(partner);
    if (!group.places.some((item) => item.code === place.code)) group.places.push(place);
    groups.set(key, group);
  }
  const sum = new Map<DuplicationGroup, bigint>();
  const cents = (group: DuplicationGroup) => sum.get(group) ?? 0n;
  for (const group of groups.values()) {
    group.partners.sort(byName);
    group.places.sort(byName);
    group.assistanceTypes = [
      ...new Set(
        group.programs.flatMap((program) =>
          program.terms.filter((term) => term.key.startsWith('assistance-type:')).map((term) => term.name),
        ),
      ),
    ].sort();
    const yearCounts = new Map<number, number>();
    for (const program of group.programs) for (const year of program.years) yearCounts.set(year, (yearCounts.get(year) ?? 0) + 1);
    group.years = [...yearCounts]
      .filter(([, count]) => count > 1)
      .map(([year]) => year)
      .sort((a, b) => a - b);
    sum.set(
      group,
      group.programs.reduce((total, program) => total + program.obligatedCents, 0n),
    );
  }
  return [...groups.values()].sort((a, b) => compareGroups(a, b, cents));
}

/**
 * Duplication groups, found by blocking on (partner, place): only programs that share both are
 * compared, and a pair already in one component is not compared again, so
 * a frequent recipient funded over and over in one place costs about one comparison per program.
 */
export function findDuplicationGroups(programs: PortfolioProgram[], similarity: Similarity = memoizedSimilarity()): DuplicationGroup[] {
  const sorted = [...programs].sort((a, b) => a.id - b.id);
  const blocks = blocksOf(sorted, (program) =>
    program.partners.flatMap((partner) => program.places.map((place) => `${partner.id}|${place.code}`)),
  );
  const found: KeyedComponent[] = [];
  for (const [key, block] of blocks) {
    if (block.length < 2) continue;
    const components = new ProgramComponents();
    for (let left = 0; left < block.length; left += 1) {
      for (let right = left + 1; right < block.length; right += 1) {
        const first = block[left]!;
        const second = block[right]!;
        if (components.find(first.id) === components.find(second.id)) continue;
        if (isDuplication(first, second, similarity)) components.union(first.id, second.id);
      }
    }
    const [partnerId, placeCode] = key.split('|');
    for (const ids of components.list()) found.push({ partnerId: Number(partnerId), placeCode: placeCode!, ids });
  }
  return buildDuplicationGroups(found, programs);
}
