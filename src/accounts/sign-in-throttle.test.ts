import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema, type Executor } from '../db/database.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { isAppError } from '../shared/errors.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { signIn } from './sessions.service.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { createUser } from './users.service.ts';

const rateLimited = (error: unknown) => isAppError(error) && error.code === 'RATE_LIMITED';

/** A throttle on a clock the test moves. */
function throttleAt(db: Executor, options: { maxEntries?: number; emailFreeAttempts?: number } = {}) {
  let now = 1_000_000;
  const throttle = new SignInThrottle({
    db,
    freeAttempts: 5,
    maxDelayMs: 15 * 60_000,
    maxEntries: options.maxEntries ?? 100_000,
    emailFreeAttempts: options.emailFreeAttempts,
    now: () => now,
  });
  return { throttle, wait: (ms: number) => (now += ms) };
}

describeEachDatabase('sign-in back-off', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  beforeEach(() => database.db.delete(schema.signInFailures));

  test('beyond the free attempts each failure doubles the wait', async () => {
    const { throttle, wait } = throttleAt(database.db);
    for (let attempt = 0; attempt < 6; attempt += 1) await throttle.recordFailure(['address:x']);
    await assert.rejects(throttle.assertAllowed(['address:x']), /Try again in 1 second\./);
    wait(1000);
    await throttle.assertAllowed(['address:x']);
    await throttle.recordFailure(['address:x']);
    await assert.rejects(throttle.assertAllowed(['address:x']), /Try again in 2 seconds/);
  });

  test('a flood of made-up emails drops the longest idle entries, not the address being throttled', async () => {
    const { throttle } = throttleAt(database.db, { maxEntries: 50 });
    for (let attempt = 0; attempt < 6; attempt += 1)
      await throttle.recordFailure(['address:attacker', `email:nobody-${attempt}@example.org`]);
    for (let index = 0; index < 200; index += 1) await throttle.recordFailure([`email:made-up-${index}@example.org`, 'address:attacker']);
    await assert.rejects(throttle.assertAllowed(['address:attacker']), rateLimited);
    await throttle.assertAllowed(['email:nobody-0@example.org']);
  });

  test('signing in to one valid account does not lift the block on the address guessing others', async () => {
    const password = 'a long enough test password';
    await createUser({
      db: database.db,
      input: { email: 'holder@example.org', name: 'Holder', role: 'coordinator' },
      password,
      actor: testActor,
    });
    const { throttle, wait } = throttleAt(database.db);
    const attempt = (email: string, guess: string) =>
      signIn({ db: database.db, email, password: guess, clientAddress: '203.0.113.9', throttle, door: 'web' });
    for (let index = 0; index < 6; index += 1)
      await assert.rejects(
        attempt(`victim-${index}@example.org`, 'guess'),
        (error: unknown) => isAppError(error) && error.code === 'UNAUTHORIZED',
      );
    await assert.rejects(attempt('holder@example.org', password), rateLimited, 'the address is blocked, whatever the account');
    wait(1000);
    const session = await attempt('holder@example.org', password);
    assert.equal(session.user.email, 'holder@example.org');
    await assert.rejects(attempt('victim-9@example.org', 'guess'), (error: unknown) => isAppError(error) && error.code === 'UNAUTHORIZED');
    await assert.rejects(attempt('victim-10@example.org', 'guess'), rateLimited, 'the address count went on from where it was');
  });

  const unauthorized = (error: unknown) => isAppError(error) && error.code === 'UNAUTHORIZED';
  const password = 'a long enough test password';
  let counter = 0;
  async function newUser(): Promise<string> {
    counter += 1;
    const email = `person-${counter}@example.org`;
    await createUser({
      db: database.db,
      input: { email, name: `Person ${counter}`, role: 'agency_viewer', agencyId: 'state-tip' },
      password,
      actor: testActor,
    });
    return email;
  }

  test('nobody can lock a person out from elsewhere: failures from other addresses never block the right password from a clean address', async () => {
    const victim = await newUser();
    // A ceiling of 5 per email instead of 20 keeps the test short; the rule is the same.
    const { throttle } = throttleAt(database.db, { emailFreeAttempts: 5 });
    const attempt = (address: string, guess: string) =>
      signIn({ db: database.db, email: victim, password: guess, clientAddress: address, throttle, door: 'web' });
    for (let index = 0; index < 7; index += 1)
      await assert.rejects(attempt('198.51.100.66', `guess ${index}`), (error: unknown) => unauthorized(error) || rateLimited(error));
    for (let index = 0; index < 8; index += 1)
      await assert.rejects(attempt(`192.0.2.${index}`, `guess ${index}`), (error: unknown) => unauthorized(error) || rateLimited(error));
    await assert.rejects(attempt('198.51.100.66', password), rateLimited, 'the attacking address is blocked, even with the right password');
    const session = await attempt('203.0.113.200', password);
    assert.equal(session.user.email, victim, 'the person signs in from their own address at once');
  });

  test('the per-email ceiling only slows the addresses that failed on that email, with a short wait', async () => {
    const victim = await newUser();
    const { throttle } = throttleAt(database.db, { emailFreeAttempts: 5 });
    const attempt = (address: string, guess: string) =>
      signIn({ db: database.db, email: victim, password: guess, clientAddress: address, throttle, door: 'web' });
    for (let index = 0; index < 6; index += 1)
      await assert.rejects(attempt(`192.0.2.${index}`, 'guess'), unauthorized, `failure ${index + 1} from a fresh address is answered`);
    const slowed = await attempt('192.0.2.0', 'guess again').then(
      () => assert.fail('an address that failed on the email waits'),
      (error: unknown) => error,
    );
    assert.ok(rateLimited(slowed));
    assert.ok((slowed as { retryAfterSeconds: number }).retryAfterSeconds <= 30, 'the email ceiling never asks for more than 30 seconds');
    await assert.rejects(attempt('192.0.2.250', 'guess'), unauthorized, 'a fresh address is still answered');
  });

  test('a shared address: one person mistyping does not lock out the others behind it', async () => {
    const typist = await newUser();
    const colleague = await newUser();
    const { throttle } = throttleAt(database.db);
    const attempt = (email: string, guess: string) =>
      signIn({ db: database.db, email, password: guess, clientAddress: '10.20.30.40', throttle, door: 'web' });
    for (let index = 0; index < 8; index += 1)
      await assert.rejects(attempt(typist, `typo ${index}`), (error: unknown) => unauthorized(error) || rateLimited(error));
    await assert.rejects(attempt(typist, password), rateLimited, 'the typist waits');
    const session = await attempt(colleague, password);
    assert.equal(session.user.email, colleague);
  });

  test('the back-off is kept in the database: another process (another throttle on the same database) sees it', async () => {
    const person = await newUser();
    const first = new SignInThrottle({ db: database.db });
    const second = new SignInThrottle({ db: database.db });
    for (let index = 0; index < 6; index += 1) {
      await assert.rejects(
        signIn({ db: database.db, email: person, password: 'wrong', clientAddress: '198.51.100.77', throttle: first, door: 'web' }),
        unauthorized,
      );
    }
    await assert.rejects(
      signIn({ db: database.db, email: person, password, clientAddress: '198.51.100.77', throttle: second, door: 'web' }),
      rateLimited,
    );
    const [row] = await database.db
      .select()
      .from(schema.signInFailures)
      .where(eq(schema.signInFailures.key, `pair:${person} 198.51.100.77`));
    assert.equal(row?.failures, 6);
  });
});
