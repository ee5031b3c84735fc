import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';

const { signInFailures } = schema;

/** How many failures a key is allowed before each further one must wait, and the longest wait. */
type Rule = { freeAttempts: number; maxDelayMs: number };

export type SignInThrottleOptions = {
  db: Executor;
  /** Per (email, address) pair, per address and per password change: 5 free, then 1 s, 2 s, 4 s … */
  freeAttempts?: number;
  /** … up to 15 minutes. */
  maxDelayMs?: number;
  /** The per-email ceiling across all addresses: looser, and its wait short (README, accounts). */
  emailFreeAttempts?: number;
  emailMaxDelayMs?: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs?: number;
  /** Bound on the rows an attacker can make us keep with made-up emails. */
  maxEntries?: number;
  now?: () => number;
};

function waitOf(failures: number, rule: Rule): number {
  const excess = failures - rule.freeAttempts;
  return excess > 0 ? Math.min(1000 * 2 ** Math.min(excess - 1, 30), rule.maxDelayMs) : 0;
}

function tooManyFailures(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError({
    code: 'RATE_LIMITED',
    message: `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    retryAfterSeconds: seconds,
  });
}

/**
 * Back-off on failed sign-ins: after `freeAttempts` failures of a key, each further attempt must
 * wait twice as long as the last (1 s, 2 s, 4 s … up to 15 minutes). Kept in the database
 * (`sign_in_failures`), so it holds across server processes, the CLI and restarts.
 *
 * Sign-in uses three keys (README, "Sign-in back-off"): the (email, address) pair, which stops
 * guessing one account from one place; the address, counted once per email it failed on, which
 * stops one place guessing many accounts without a colleague's typos locking out everyone behind
 * a shared address; and a looser per-email ceiling with a short wait, applied only to addresses
 * that have failed on that email, so nobody can lock a person out from elsewhere.
 */
export class SignInThrottle {
  private readonly db: Executor;
  private readonly rule: Rule;
  private readonly emailRule: Rule;
  private readonly forgetAfterMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => number;

  constructor(options: SignInThrottleOptions) {
    this.db = options.db;
    this.rule = { freeAttempts: options.freeAttempts ?? 5, maxDelayMs: options.maxDelayMs ?? 15 * 60_000 };
    this.emailRule = { freeAttempts: options.emailFreeAttempts ?? 20, maxDelayMs: options.emailMaxDelayMs ?? 30_000 };
    this.forgetAfterMs = options.forgetAfterMs ?? 60 * 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.clock = options.now ?? Date.now;
  }

  /** The live failure counts and block ends of some keys (forgotten ones left out). */
  private async read(keys: string[]): Promise<Map<string, { failures: number; blockedUntil: number }>> {
    const rows = await this.db.select().from(signInFailures).where(inArray(signInFailures.key, keys));
    const forgetBefore = this.clock() - this.forgetAfterMs;
    return new Map(
      rows
        .filter((row) => row.lastFailureAt.getTime() >= forgetBefore)
        .map((row) => [row.key, { failures: row.failures, blockedUntil: row.blockedUntil?.getTime() ?? 0 }]),
    );
  }

  /** Throws RATE_LIMITED (with the wait as `retryAfterSeconds`) when any of the keys is still blocked. */
  async assertAllowed(keys: string[]): Promise<void> {
    const now = this.clock();
    const waits = [...(await this.read(keys)).values()].map((entry) => entry.blockedUntil - now).filter((wait) => wait > 0);
    if (waits.length) throw tooManyFailures(Math.max(...waits));
  }

  /** Counts one failure of each key; returns each key's count. */
  async recordFailure(keys: string[], rule: Rule = this.rule): Promise<number[]> {
    const now = this.clock();
    const at = new Date(now);
    const forgetBefore = new Date(now - this.forgetAfterMs);
    const counts: number[] = [];
    for (const key of keys) {
      const [row] = await this.db
        .insert(signInFailures)
        .values({ key, failures: 1, lastFailureAt: at })
        .onConflictDoUpdate({
          target: signInFailures.key,
          set: {
            failures: sql`CASE WHEN ${signInFailures.lastFailureAt} < ${forgetBefore} THEN 1 ELSE ${signInFailures.failures} + 1 END`,
            lastFailureAt: at,
            touched: sql`DEFAULT`,
          },
        })
        .returning({ failures: signInFailures.failures });
      const failures = row!.failures;
      counts.push(failures);
      const wait = waitOf(failures, rule);
      if (wait > 0) {
        await this.db.execute(
          sql`UPDATE sign_in_failures SET blocked_until = GREATEST(blocked_until, ${new Date(now + wait)}) WHERE key = ${key}`,
        );
      }
    }
    await this.prune(now);
    return counts;
  }

  async recordSuccess(keys: string[]): Promise<void> {
    if (keys.length) await this.db.delete(signInFailures).where(inArray(signInFailures.key, keys));
  }

  /** Drops forgotten keys, then the longest idle ones beyond `maxEntries` (never all: that would lift the attacker's own block too). */
  private async prune(now: number): Promise<void> {
    await this.db.execute(
      sql`DELETE FROM sign_in_failures WHERE last_failure_at < ${new Date(now - this.forgetAfterMs)} AND (blocked_until IS NULL OR blocked_until < ${new Date(now)})`,
    );
    await this.db.execute(
      sql`DELETE FROM sign_in_failures WHERE touched <= (SELECT touched FROM sign_in_failures ORDER BY touched DESC OFFSET ${this.maxEntries} LIMIT 1)`,
    );
  }

  /** Throws RATE_LIMITED when this email may not be tried from this address now. */
  async assertSignInAllowed(options: { email: string; address: string }): Promise<void> {
    const keys = signInKeys(options);
    const entries = await this.read([keys.pair, keys.address, keys.email]);
    const now = this.clock();
    const pair = entries.get(keys.pair);
    // The email's ceiling only holds back addresses that have failed on it themselves.
    const blocking = [pair, entries.get(keys.address), pair ? entries.get(keys.email) : undefined];
    const waits = blocking.map((entry) => (entry?.blockedUntil ?? 0) - now).filter((wait) => wait > 0);
    if (waits.length) throw tooManyFailures(Math.max(...waits));
  }

  async recordSignInFailure(options: { email: string; address: string }): Promise<void> {
    const keys = signInKeys(options);
    const [pairFailures] = await this.recordFailure([keys.pair]);
    // The address counts each email it failed on once: one person mistyping their own password
    // is the pair's business, many accounts tried from one place the address's.
    if (pairFailures === 1) await this.recordFailure([keys.address]);
    await this.recordFailure([keys.email], this.emailRule);
  }

  /**
   * Forgives the account's own counts. The address's count stays: otherwise one valid account
   * would let its holder go on guessing the passwords of others from that address.
   */
  async recordSignInSuccess(options: { email: string; address: string }): Promise<void> {
    const keys = signInKeys(options);
    await this.recordSuccess([keys.pair, keys.email]);
  }
}

function signInKeys(options: { email: string; address: string }) {
  return { pair: `pair:${options.email} ${options.address}`, address: `address:${options.address}`, email: `email:${options.email}` };
}
