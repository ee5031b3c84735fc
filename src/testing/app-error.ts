import assert from 'node:assert/strict';
import { AppError } from '../shared/errors.ts';

/**
 * Asserts that `promise` rejects with an AppError of `code` whose message matches every one of
 * `patterns`, and returns the error for further checks (its details).
 */
export async function assertRejectsWithAppError(
  promise: Promise<unknown>,
  code: AppError['code'],
  ...patterns: RegExp[]
): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail(`expected an AppError ${code}, but it succeeded`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  for (const pattern of patterns) assert.match(error.message, pattern);
  return error;
}
