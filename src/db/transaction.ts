import type { Database, Executor } from './database.ts';

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one (drizzle nests it as
 * a savepoint), so services compose into one atomic import.
 */
export async function inTransaction<T>(db: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  return (db as Database).transaction((tx) => work(tx));
}
