import { spawnSync } from 'node:child_process';
import { checkoutFolder, ctipNodeArguments } from './ctip-entry.ts';

/**
 * Runs `ctip` in its own process, as a person would, on an embedded database in `dataDir`
 * (never the server of DATABASE_URL), and returns its exit code and output. `executable` runs
 * bin/ctip.js itself (see ctipNodeArguments). `timeoutMs`: two minutes unless told.
 */
export function runCtip(options: {
  args: string[];
  dataDir: string;
  environment?: Record<string, string>;
  timeoutMs?: number;
  executable?: boolean;
}) {
  const result = spawnSync(process.execPath, [...ctipNodeArguments({ executable: options.executable }), ...options.args], {
    cwd: checkoutFolder,
    env: { ...process.env, CTIP_DATA_DIR: options.dataDir, DATABASE_URL: '', ...options.environment },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
