import assert from 'node:assert/strict';
import { test } from 'node:test';
import { carryHiddenLinks, type StoredOutline } from './strategic-plan-hidden-links.ts';

const stored: StoredOutline = [
  {
    title: 'Protect',
    activities: [
      { title: 'Shelters', hiddenProgramIds: [7] },
      { title: 'Training', hiddenProgramIds: [8] },
    ],
  },
  { title: 'Prosecute', activities: [{ title: 'Courts', hiddenProgramIds: [9] }] },
];
const goal = (title: string, ...activities: string[]) => ({ title, activities: activities.map((activity) => ({ title: activity })) });

test('a hidden link follows its activity by title through reordering, and goes when its activity or goal goes', () => {
  assert.deepEqual(carryHiddenLinks(stored, [goal('Prosecute', 'Courts'), goal('Protect', 'Training', 'Shelters')]), [[[9]], [[8], [7]]]);
  // Removing the first activity does not hand its link to the one that moved up.
  assert.deepEqual(carryHiddenLinks(stored, [goal('Protect', 'Training')]), [[[8]]]);
  assert.deepEqual(carryHiddenLinks(stored, [goal('Protect', 'Shelters', 'Training', 'Hotline')]), [[[7], [8], []]]);
});

test('a row renamed in place keeps its links; a new row at a removed row’s place does not take them', () => {
  assert.deepEqual(carryHiddenLinks(stored, [goal('Protect victims', 'Shelter grants', 'Training'), goal('Prosecute', 'Courts')]), [
    [[7], [8]],
    [[9]],
  ]);
  assert.deepEqual(carryHiddenLinks(stored, [goal('Protect', 'Training', 'Shelter grants')]), [[[8], []]]);
  assert.deepEqual(carryHiddenLinks(stored, []), []);
});

test('repeated titles pair in order', () => {
  const twice: StoredOutline = [
    {
      title: 'G',
      activities: [
        { title: 'Same', hiddenProgramIds: [1] },
        { title: 'Same', hiddenProgramIds: [2] },
      ],
    },
  ];
  assert.deepEqual(carryHiddenLinks(twice, [goal('G', 'Other', 'Same', 'Same')]), [[[], [1], [2]]]);
  assert.deepEqual(carryHiddenLinks(twice, [goal('G', 'Same')]), [[[1]]]);
});
