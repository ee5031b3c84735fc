import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GenerationCache } from './facet-cache.ts';

/** A computation that counts its runs and returns `value`. */
function counted(value: string) {
  const counter = { runs: 0, compute: async () => (counter.runs++, value) };
  return counter;
}

const fixed = (generation: bigint) => async () => generation;

test('a stored result is returned without computing again', async () => {
  const cache = new GenerationCache<string>({ maxEntries: 10 });
  const work = counted('a');
  for (let i = 0; i < 3; i++)
    assert.equal(await cache.get({ generation: 1n, key: 'k', compute: work.compute, readGeneration: fixed(1n) }), 'a');
  assert.equal(work.runs, 1);
  assert.deepEqual(cache.stats, { hits: 2, misses: 1, shared: 0, discarded: 0, bypassed: 0 });
});

test('the least recently used entry goes first when full', async () => {
  const cache = new GenerationCache<string>({ maxEntries: 2 });
  const get = (key: string, work: ReturnType<typeof counted>) =>
    cache.get({ generation: 1n, key, compute: work.compute, readGeneration: fixed(1n) });
  const [a, b, c] = [counted('a'), counted('b'), counted('c')];
  await get('a', a);
  await get('b', b);
  await get('a', a); // a is now the most recent
  await get('c', c); // evicts b
  await get('a', a);
  await get('b', b);
  assert.deepEqual([a.runs, b.runs, c.runs, cache.size], [1, 2, 1, 2]);
});

test('a newer generation drops the older entries; an older one is computed without the cache', async () => {
  const cache = new GenerationCache<string>({ maxEntries: 10 });
  const work = counted('a');
  await cache.get({ generation: 1n, key: 'k', compute: work.compute, readGeneration: fixed(1n) });
  await cache.get({ generation: 2n, key: 'k', compute: work.compute, readGeneration: fixed(2n) });
  assert.equal(cache.size, 1);
  await cache.get({ generation: 1n, key: 'k', compute: work.compute, readGeneration: fixed(1n) });
  await cache.get({ generation: 2n, key: 'k', compute: work.compute, readGeneration: fixed(2n) });
  assert.equal(work.runs, 3);
  assert.deepEqual(cache.stats, { hits: 1, misses: 2, shared: 0, discarded: 0, bypassed: 1 });
});

test('a result computed while the generation moved is returned but not stored', async () => {
  const cache = new GenerationCache<string>({ maxEntries: 10 });
  const work = counted('a');
  assert.equal(await cache.get({ generation: 1n, key: 'k', compute: work.compute, readGeneration: fixed(2n) }), 'a');
  assert.equal(cache.size, 0);
  // A reader in a transaction that wrote cannot vouch for the data either.
  await cache.get({ generation: 1n, key: 'k', compute: work.compute, readGeneration: async () => null });
  assert.equal(cache.size, 0);
  assert.equal(cache.stats.discarded, 2);
});

test('identical misses share one computation, and a failure is not kept', async () => {
  const cache = new GenerationCache<string>({ maxEntries: 10 });
  let release: (value: string) => void = () => {};
  let runs = 0;
  const compute = () => (runs++, new Promise<string>((resolve) => (release = resolve)));
  const waiting = [1, 2, 3].map(() => cache.get({ generation: 1n, key: 'k', compute, readGeneration: fixed(1n) }));
  release('a');
  assert.deepEqual(await Promise.all(waiting), ['a', 'a', 'a']);
  assert.equal(runs, 1);
  assert.equal(cache.stats.shared, 2);

  const failing = async (): Promise<string> => {
    throw new Error('database gone');
  };
  await assert.rejects(cache.get({ generation: 1n, key: 'f', compute: failing, readGeneration: fixed(1n) }), /database gone/);
  const work = counted('b');
  assert.equal(await cache.get({ generation: 1n, key: 'f', compute: work.compute, readGeneration: fixed(1n) }), 'b');
  assert.equal(work.runs, 1);
});
