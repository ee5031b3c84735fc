import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { checkoutFolder, ctipNodeArguments } from '../../testing/ctip-entry.ts';

export type ServerProcess = { child: ChildProcess; baseUrl: string; output: () => string };

/**
 * Starts the real `ctip serve` in its own process on a free loopback port, on a PGlite data
 * directory or a PostgreSQL server, and resolves once it listens. Rate limits are off: the
 * test writes faster than any person.
 */
export async function startServerProcess(options: {
  dataDir?: string;
  databaseUrl?: string;
  environment?: Record<string, string>;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...ctipNodeArguments(), 'serve'], {
    cwd: checkoutFolder,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CTIP_LOG_LEVEL: 'silent',
      CTIP_DATA_DIR: options.dataDir ?? '',
      DATABASE_URL: options.databaseUrl ?? '',
      CTIP_API_TOKEN: '',
      CTIP_RATE_LIMIT: 'off',
      CTIP_RATE_LIMIT_STAFF: 'off',
      ...options.environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 120 s:\n${output}`)), 120_000);
    child.stdout!.on('data', () => {
      const match = /serving on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${signal ?? code}) before it listened:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output };
}

/** Sends `signal` and resolves with how the process ended. */
export async function stopServerProcess(
  server: ServerProcess,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (server.child.exitCode !== null || server.child.signalCode !== null)
    return { code: server.child.exitCode, signal: server.child.signalCode };
  const exited = once(server.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  server.child.kill(signal);
  const [code, endedBy] = await exited;
  return { code, signal: endedBy };
}
