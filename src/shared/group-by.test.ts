import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupBy } from './group-by.ts';

test('groupBy keeps keys in the order first met and items in their order, whole or as `value` picks', () => {
  const rows = [
    { program: 2, name: 'b' },
    { program: 1, name: 'a' },
    { program: 2, name: 'c' },
  ];
  const whole = groupBy(rows, (row) => row.program);
  assert.deepEqual([...whole.keys()], [2, 1]);
  assert.deepEqual(whole.get(2), [rows[0], rows[2]]);
  assert.deepEqual(
    groupBy(
      rows,
      (row) => row.program,
      (row) => row.name,
    ),
    new Map([
      [2, ['b', 'c']],
      [1, ['a']],
    ]),
  );
  assert.equal(groupBy([], () => 0).size, 0);
});
