import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allocateCents } from './stats.service.ts';

test('parts always add up to the whole, whatever the weights', () => {
  for (const [total, weights] of [
    [100n, [1, 1, 1]],
    [1n, [1, 1]],
    [999_999_999_99n, [60, 40]],
    [7n, [0, 0, 0]],
    [10n, [33, 33, 34]],
  ] as const) {
    const parts = allocateCents(total, [...weights]);
    assert.equal(parts.reduce((sum, part) => sum + part, 0n), total, `${total} over ${weights.join('/')}`);
  }
});

test('shares are respected and equal split is used when no share is known', () => {
  assert.deepEqual(allocateCents(100n, [60, 40]), [60n, 40n]);
  assert.deepEqual(allocateCents(100n, [0, 0, 0]), [34n, 33n, 33n]);
});
