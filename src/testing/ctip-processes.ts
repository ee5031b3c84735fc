import { spawn, type ChildProcess } from 'node:child_process';
import { checkoutFolder, ctipNodeArguments } from './ctip-entry.ts';

/** The environment of a ctip process on the embedded database in `dataDir` (never DATABASE_URL's server). */
function ctipEnvironment(dataDir: string, environment?: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CTIP_DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: '0',
    HOST: '127.0.0.1',
    CTIP_LOG_LEVEL: 'silent',
    ...environment,
  };
}

/**
 * Runs `ctip` in its own process (see ctipNodeArguments) without blocking this process (so a server child and the
 * test's own HTTP requests go on meanwhile), with `input` on its stdin, from `cwd`.
 */
export function runCtipAsync(options: {
  args: string[];
  dataDir: string;
  cwd?: string;
  input?: string;
  environment?: Record<string, string>;
}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...ctipNodeArguments(), ...options.args], {
    cwd: options.cwd ?? checkoutFolder,
    env: ctipEnvironment(options.dataDir, options.environment),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(options.input ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export type CtipServer = {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL, resolved once the process is gone. */
  kill: () => Promise<void>;
  output: () => string;
};

/** Starts `ctip serve` on a free port of 127.0.0.1 and resolves once it serves. */
export function startCtipServer(options: { dataDir: string; args?: string[]; environment?: Record<string, string> }): Promise<CtipServer> {
  const child = spawn(process.execPath, [...ctipNodeArguments(), 'serve', ...(options.args ?? [])], {
    cwd: checkoutFolder,
    env: ctipEnvironment(options.dataDir, options.environment),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (text: string) => {
      output += text;
      const match = /ctip is serving on (http:\/\/\S+)/.exec(output);
      if (match) {
        resolve({
          url: match[1]!,
          child,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
          output: () => output,
        });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    void exited.then((code) => reject(new Error(`ctip serve exited with ${code} before serving:\n${output}`)));
  });
}
