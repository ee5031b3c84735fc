import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../shared/seeded-random.ts';
import { findFindingsBruteForce } from './portfolio-brute-force.ts';
import type { PortfolioProgram } from './portfolio-data.ts';
import { findDuplicationGroups, ProgramComponents } from './portfolio-groups.ts';
import { findOverlapPairs } from './portfolio-pairs.ts';
import { trigramsOf } from './trigrams.ts';

/** Programs like the imported ones: few recipients, places and years, so that blocks collide often. */
function randomPortfolio(count: number, seed: number): PortfolioProgram[] {
  const random = createRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const recipients = ['IOM', 'IOM Nepal', 'ILO/IPEC', 'Save the Children', 'Save the Children UK', 'Terre des Hommes', 'World Vision'];
  const places = [
    { code: 'c:NPL', name: 'Nepal' },
    { code: 'c:IND', name: 'India' },
    { code: 'r:EAP', name: 'East Asia and Pacific' },
  ];
  const terms = [
    { key: 'pillar:protection', name: 'Protection' },
    { key: 'pillar:prevention', name: 'Prevention' },
    { key: 'assistance-type:research', name: 'Research' },
  ];
  const contents = new Map<string, number>();
  return Array.from({ length: count }, (_, index) => {
    const recipient = pick(recipients);
    const content = random() < 0.2 ? `${recipient} shelter` : recipient;
    if (!contents.has(content)) contents.set(content, contents.size);
    const partnerIndex = recipients.indexOf(recipient) % 5;
    return {
      id: index + 1,
      title: content,
      agencyId: pick(['state-tip', 'usaid']),
      agencyLabel: 'Agency',
      obligatedCents: BigInt(Math.floor(random() * 1000)),
      years: random() < 0.1 ? [2003, 2004] : [pick([2003, 2004, 2005])],
      places: random() < 0.1 ? [places[0]!, places[2]!] : [pick(places)],
      partners: random() < 0.1 ? [] : [{ id: partnerIndex, name: `Partner ${partnerIndex}` }],
      terms: terms.filter(() => random() < 0.5),
      contentId: contents.get(content)!,
      trigrams: trigramsOf(content),
    };
  });
}

test('blocking finds the same overlap pairs and duplication groups as judging every pair', () => {
  for (const seed of [1, 2, 3]) {
    const programs = randomPortfolio(400, seed);
    const brute = findFindingsBruteForce(programs);
    const groups = findDuplicationGroups(programs);
    const pairs = findOverlapPairs(programs);
    assert.ok(groups.length > 0 && pairs.length > 0, 'the sample has both kinds of finding');
    assert.deepEqual(
      groups.map((group) => [group.places, group.partners, group.programs.map((program) => program.id)]),
      brute.duplication.map((group) => [group.places, group.partners, group.programs.map((program) => program.id)]),
    );
    assert.deepEqual(
      pairs.map((pair) => [pair.first.id, pair.second.id, pair.place.code]),
      brute.overlap.map((pair) => [pair.first.id, pair.second.id, pair.place.code]),
    );
  }
});

test('components join transitively and list only groups of two or more', () => {
  const components = new ProgramComponents();
  components.union(5, 3);
  components.union(9, 3);
  components.union(7, 8);
  components.union(1, 1);
  assert.equal(components.find(9), 3);
  assert.deepEqual(
    components.list().sort((a, b) => a[0]! - b[0]!),
    [
      [3, 5, 9],
      [7, 8],
    ],
  );
});
