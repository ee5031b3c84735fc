import { AppError } from '../shared/errors.ts';

/**
 * Back-off on failed sign-ins, per email and per client address: after `freeAttempts`
 * failures, each further attempt must wait twice as long as the last (1 s, 2 s, 4 s … up to
 * 15 minutes). Kept in memory: it protects one server process; several processes behind a load
 * balancer would each keep their own (documented in the README).
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(
    private readonly options: { freeAttempts: number; maxDelayMs: number; maxEntries: number; now?: () => number } = { freeAttempts: 5, maxDelayMs: 15 * 60_000, maxEntries: 100_000 },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Throws RATE_LIMITED when any of the keys is still blocked. */
  assertAllowed(keys: string[]): void {
    const now = this.now();
    const waits = keys.map((key) => (this.failures.get(key)?.blockedUntil ?? 0) - now).filter((wait) => wait > 0);
    if (waits.length) {
      const seconds = Math.ceil(Math.max(...waits) / 1000);
      throw new AppError({ code: 'RATE_LIMITED', message: `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.` });
    }
  }

  recordFailure(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const entry = this.failures.get(key) ?? { count: 0, blockedUntil: 0 };
      entry.count += 1;
      const excess = entry.count - this.options.freeAttempts;
      if (excess > 0) entry.blockedUntil = now + Math.min(1000 * 2 ** (excess - 1), this.options.maxDelayMs);
      // Re-inserted so the map stays ordered from the longest idle to the latest failure.
      this.failures.delete(key);
      this.failures.set(key, entry);
    }
    // Bound the memory an attacker can make us use with made-up emails, dropping the longest idle
    // entries rather than all of them (which would lift the attacker's own address block too).
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.options.maxEntries) break;
      this.failures.delete(key);
    }
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
