import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../shared/errors.ts';

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

// OWASP's minimum for scrypt (N=2^17, r=8, p=1) needs 128 MiB per hash; 2^15 with r=8 keeps a
// sign-in near 50 ms on this hardware. The parameters are stored with each hash, so they can rise.
const cost = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;

/** Checks a new password: long enough to resist guessing, not absurdly long (hashing cost). */
export function assertAcceptablePassword(password: string): void {
  if (password.length < 12) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'The password must be at least 12 characters long',
      details: [{ field: 'password', message: 'at least 12 characters' }],
    });
  }
  if (password.length > 256) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: 'The password must be at most 256 characters long',
      details: [{ field: 'password', message: 'at most 256 characters' }],
    });
  }
}

/** Hashes a password with scrypt and a random salt, as `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength, { ...cost, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares a password with a stored hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const key = await scrypt(password, Buffer.from(saltText, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing, verified against on unknown emails so that timing does not reveal accounts. */
export const decoyPasswordHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** A strong random password (24 base64url characters, 144 bits) for accounts created without one. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
