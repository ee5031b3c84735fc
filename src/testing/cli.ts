import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs the real `ctip` executable, as a person would, on an embedded database in `dataDir`
 * (never the server of DATABASE_URL), and returns its exit code and output.
 */
export function runCtip(options: { args: string[]; dataDir: string; environment?: Record<string, string> }) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/ctip.js'), ...options.args], {
    cwd: root,
    env: { ...process.env, CTIP_DATA_DIR: options.dataDir, DATABASE_URL: '', ...options.environment },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
