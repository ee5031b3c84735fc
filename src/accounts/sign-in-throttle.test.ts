import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { isAppError } from '../shared/errors.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { signIn } from './sessions.service.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { createUser } from './users.service.ts';

const rateLimited = (error: unknown) => isAppError(error) && error.code === 'RATE_LIMITED';

/** A throttle on a clock the test moves. */
function throttleAt(options: { maxEntries?: number } = {}) {
  let now = 1_000_000;
  const throttle = new SignInThrottle({ freeAttempts: 5, maxDelayMs: 15 * 60_000, maxEntries: options.maxEntries ?? 100_000, now: () => now });
  return { throttle, wait: (ms: number) => (now += ms) };
}

describe('sign-in back-off', () => {
  test('beyond the free attempts each failure doubles the wait', () => {
    const { throttle, wait } = throttleAt();
    for (let attempt = 0; attempt < 6; attempt += 1) throttle.recordFailure(['address:x']);
    assert.throws(() => throttle.assertAllowed(['address:x']), /Try again in 1 second\./);
    wait(1000);
    throttle.assertAllowed(['address:x']);
    throttle.recordFailure(['address:x']);
    assert.throws(() => throttle.assertAllowed(['address:x']), /Try again in 2 seconds/);
  });

  test('a flood of made-up emails drops the longest idle entries, not the address being throttled', () => {
    const { throttle } = throttleAt({ maxEntries: 50 });
    for (let attempt = 0; attempt < 6; attempt += 1) throttle.recordFailure(['address:attacker', `email:nobody-${attempt}@example.org`]);
    for (let index = 0; index < 200; index += 1) throttle.recordFailure([`email:made-up-${index}@example.org`, 'address:attacker']);
    assert.throws(() => throttle.assertAllowed(['address:attacker']), rateLimited);
    throttle.assertAllowed(['email:nobody-0@example.org']);
  });
});

describeEachDatabase('sign-in back-off through signIn', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  test('signing in to one valid account does not lift the block on the address guessing others', async () => {
    const password = 'a long enough test password';
    await createUser({ db: database.db, input: { email: 'holder@example.org', name: 'Holder', role: 'coordinator' }, password, actor: testActor });
    const { throttle, wait } = throttleAt();
    const attempt = (email: string, guess: string) => signIn({ db: database.db, email, password: guess, clientAddress: '203.0.113.9', throttle, door: 'web' });
    for (let index = 0; index < 6; index += 1) await assert.rejects(attempt(`victim-${index}@example.org`, 'guess'), (error: unknown) => isAppError(error) && error.code === 'UNAUTHORIZED');
    await assert.rejects(attempt('holder@example.org', password), rateLimited, 'the address is blocked, whatever the account');
    wait(1000);
    const session = await attempt('holder@example.org', password);
    assert.equal(session.user.email, 'holder@example.org');
    await assert.rejects(attempt('victim-9@example.org', 'guess'), (error: unknown) => isAppError(error) && error.code === 'UNAUTHORIZED');
    await assert.rejects(attempt('victim-10@example.org', 'guess'), rateLimited, 'the address count went on from where it was');
  });
});
