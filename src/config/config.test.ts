import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { InvalidConfigError, loadConfig } from './config.ts';

test('defaults: port 8080, embedded database in ./data', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.dataDir, path.resolve('./data'));
  assert.equal(config.apiToken, undefined);
});

test('every invalid setting is reported at once, by name', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', CTIP_API_TOKEN: 'short' }),
    (error: unknown) => {
      assert.ok(error instanceof InvalidConfigError);
      assert.equal(error.problems.length, 3);
      assert.match(error.message, /PORT/);
      assert.match(error.message, /DATABASE_URL: must start with postgres/);
      assert.match(error.message, /CTIP_API_TOKEN: must be at least 24 characters/);
      return true;
    },
  );
});

test('empty values count as unset', () => {
  assert.equal(loadConfig({ PORT: '', DATABASE_URL: '' }).port, 8080);
});
