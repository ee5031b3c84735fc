import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidConfigError, loadConfig } from './config.ts';

test('Chromium path and shutdown timeout: defaults, and bad values named', () => {
  const defaults = loadConfig({});
  assert.equal(defaults.chromiumPath, '/usr/bin/chromium');
  assert.equal(defaults.shutdownTimeoutMs, 10_000);
  const set = loadConfig({ CTIP_CHROMIUM_PATH: '/opt/chromium/chrome', CTIP_SHUTDOWN_TIMEOUT: '2.5' });
  assert.equal(set.chromiumPath, '/opt/chromium/chrome');
  assert.equal(set.shutdownTimeoutMs, 2_500);
  assert.throws(
    () => loadConfig({ CTIP_CHROMIUM_PATH: 'chromium', CTIP_SHUTDOWN_TIMEOUT: 'soon' }),
    (error: unknown) => {
      assert.ok(error instanceof InvalidConfigError);
      assert.deepEqual(error.problems, [
        'CTIP_CHROMIUM_PATH: must be an absolute path',
        'CTIP_SHUTDOWN_TIMEOUT: must be a number of seconds',
      ]);
      return true;
    },
  );
});
