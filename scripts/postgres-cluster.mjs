// Starts a throwaway PostgreSQL cluster in a temporary folder, on a free loopback port, from
// the server binaries on this machine (/usr/lib/postgresql/*/bin). Used by the test runner and
// the benchmarks; nothing of it outlives the process that started it.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Finds the newest PostgreSQL server binaries, or returns undefined. */
export function findPostgresBinaries() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// initdb and postgres refuse to run as root; run them as the 'postgres' system user then.
function commandAs(user, binary, args) {
  return user ? ['runuser', ['-u', user, '--', binary, ...args]] : [binary, args];
}

/**
 * Starts a cluster and resolves to `{ url, stop }`. `url` points at database `postgres` as the
 * superuser `ctip`; tests create their own databases in it.
 */
export async function startPostgresCluster() {
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('No PostgreSQL server binaries in /usr/lib/postgresql/*/bin (run scripts/install-system-packages.sh)');
  const runAsUser = process.getuid?.() === 0 ? 'postgres' : undefined;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-pg-'));
  chmodSync(folder, 0o700);
  if (runAsUser) {
    const uid = Number(execFileSync('id', ['-u', runAsUser]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', runAsUser]).toString().trim());
    chownSync(folder, uid, gid);
  }
  const dataDir = path.join(folder, 'data');
  const [initCommand, initArgs] = commandAs(runAsUser, path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'ctip',
    '--auth=trust',
    '--encoding=UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  execFileSync(initCommand, initArgs, { stdio: 'pipe' });
  const port = await findFreePort();
  const [serverCommand, serverArgs] = commandAs(runAsUser, path.join(bin, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    folder,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ]);
  const server = spawn(serverCommand, serverArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let serverLog = '';
  server.stderr.on('data', (chunk) => {
    serverLog += chunk;
  });
  const url = `postgresql://ctip@127.0.0.1:${port}/postgres`;
  await waitUntilAccepting(port, server, () => serverLog);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    // The data is throwaway: immediate shutdown, no checkpoint.
    const [stopCommand, stopArgs] = commandAs(runAsUser, path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
    try {
      execFileSync(stopCommand, stopArgs, { stdio: 'pipe' });
    } catch {
      server.kill('SIGKILL');
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    rmSync(folder, { recursive: true, force: true });
  };
  return { url, stop };
}

async function waitUntilAccepting(port, server, readLog) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited at start:\n${readLog()}`);
    // pg accepts TCP before it finishes recovery; "ready to accept connections" is the real signal.
    if (readLog().includes('ready to accept connections')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.kill('SIGKILL');
  throw new Error(`PostgreSQL did not start on port ${port} within 30 s:\n${readLog()}`);
}
