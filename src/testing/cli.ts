import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs the real `ctip` executable, as a person would, on an embedded database in `dataDir`
 * (never the server of DATABASE_URL), and returns its exit code and output. `timeoutMs` for
 * commands that load the real listing first (two minutes unless told).
 */
export function runCtip(options: { args: string[]; dataDir: string; environment?: Record<string, string>; timeoutMs?: number }) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/ctip.js'), ...options.args], {
    cwd: root,
    env: { ...process.env, CTIP_DATA_DIR: options.dataDir, DATABASE_URL: '', ...options.environment },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
