import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';

/**
 * The data generation: `data_generation.value`, raised in the writing transaction by a
 * statement trigger on every table the program search and its facets read (migration
 * 0009_data_generation_triggers.sql). Null when the value cannot be trusted as a name for
 * committed data: the reading transaction has written (its own uncommitted rows would be cached
 * under a number another transaction may also reach if this one rolls back), or there is no row.
 */
export async function readDataGeneration(db: Executor): Promise<bigint | null> {
  const [row] = await selectRows<{ value: string; clean: boolean }>(
    db,
    sql`SELECT value::text AS value, pg_current_xact_id_if_assigned() IS NULL AS clean FROM data_generation WHERE id = 1`,
  );
  return row?.clean ? BigInt(row.value) : null;
}

/** What a cache has done since it was made: for tests and for anyone tuning its size. */
export type GenerationCacheStats = {
  /** Answered from a stored result. */
  hits: number;
  /** Computed (one computation, however many callers shared it). */
  misses: number;
  /** Callers that waited on an identical computation already running. */
  shared: number;
  /** Computed results not stored because the generation moved while they were computed. */
  discarded: number;
  /** Callers that read an older generation than the cache holds, computed without the cache. */
  bypassed: number;
};

/**
 * A bounded LRU of results keyed by (data generation, key), holding one generation at a time,
 * with concurrent identical misses sharing one computation.
 *
 * Why a stored result is never stale: a result is stored under generation G only when the
 * generation read before the computation and the one read after it are both G. Every committed
 * change to the tables the computation reads raises the generation in the same transaction, so
 * equal reads mean nothing the computation reads was committed between them; each of its
 * queries took its snapshot between the two reads (READ COMMITTED: a later statement sees every
 * commit an earlier one saw), so the result is exactly the data at G. A later caller that reads G
 * reads a snapshot with no change since G either, and gets what it would have computed. A result
 * computed across a change is still returned to its callers (it is what an uncached read during
 * that change could have returned) but is not stored under either number.
 */
export class GenerationCache<T> {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, T>();
  readonly #running = new Map<string, Promise<T>>();
  /** The newest generation seen; entries of older ones are dropped when it moves. */
  #generation: bigint | undefined;
  readonly stats: GenerationCacheStats = { hits: 0, misses: 0, shared: 0, discarded: 0, bypassed: 0 };

  constructor(options: { maxEntries: number }) {
    this.#maxEntries = options.maxEntries;
  }

  /** How many results are stored. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The result for `key` at `generation` (read by the caller just before): stored, shared with
   * an identical computation already running, or computed. `readGeneration` is called after a
   * computation to decide whether it may be stored. Callers get the stored object itself: copy it
   * before changing it.
   */
  async get(options: {
    generation: bigint;
    key: string;
    compute: () => Promise<T>;
    readGeneration: () => Promise<bigint | null>;
  }): Promise<T> {
    const { generation, key, compute } = options;
    if (this.#generation === undefined || generation > this.#generation) {
      this.#generation = generation;
      this.#entries.clear();
    } else if (generation < this.#generation) {
      // A snapshot older than one another caller already saw: correct to answer from, but no
      // longer worth keeping.
      this.stats.bypassed++;
      return compute();
    }
    const entryKey = `${generation}\u0000${key}`;
    const stored = this.#entries.get(entryKey);
    if (stored !== undefined) {
      this.stats.hits++;
      this.#entries.delete(entryKey);
      this.#entries.set(entryKey, stored);
      return stored;
    }
    const running = this.#running.get(entryKey);
    if (running) {
      this.stats.shared++;
      return running;
    }
    this.stats.misses++;
    const computation = this.#computeAndStore({ ...options, entryKey });
    this.#running.set(entryKey, computation);
    // Forget it once settled (also when it fails: the next caller tries again).
    const forget = () => {
      if (this.#running.get(entryKey) === computation) this.#running.delete(entryKey);
    };
    computation.then(forget, forget);
    return computation;
  }

  async #computeAndStore(options: {
    generation: bigint;
    entryKey: string;
    compute: () => Promise<T>;
    readGeneration: () => Promise<bigint | null>;
  }): Promise<T> {
    const result = await options.compute();
    const after = await options.readGeneration();
    if (after === options.generation && this.#generation === options.generation) this.#store(options.entryKey, result);
    else this.stats.discarded++;
    return result;
  }

  #store(entryKey: string, result: T): void {
    this.#entries.set(entryKey, result);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
