import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Config } from '../config/config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { CliContext, CliOutput } from '../cli/cli-context.ts';
import {
  commandSocketPath,
  readFrames,
  withReachableSocketPath,
  writeFrame,
  type ClientFrame,
  type CommandRequest,
} from '../cli/command-frames.ts';

/**
 * Runs one command in this process (run-command.ts's runCtipCommand, handed in by `serve`: the
 * command tree includes `serve`, so importing it here would close a loop).
 */
export type RunCommand = (options: {
  argv: string[];
  forwarded: boolean;
  context: Partial<Omit<CliContext, 'exitCode'>>;
}) => Promise<{ exitCode: number }>;

export type CommandServer = {
  socketPath: string;
  /** Stops taking commands and waits for the running ones (the database stays open). */
  close: () => Promise<void>;
};

/**
 * Takes `ctip` commands from other processes while this one owns the embedded data directory:
 * a Unix socket in the directory (mode 0600: only the server's user), on which a CLI sends its
 * arguments and folder (src/cli/command-client.ts). Each command runs here with the same command
 * tree and service functions, on this process's database, its output streamed back. Call only
 * while holding the directory's lock: any socket file left there is then stale and replaced.
 */
export async function startCommandServer(options: {
  handle: DatabaseHandle;
  config: Config;
  dataDir: string;
  runCommand: RunCommand;
}): Promise<CommandServer> {
  const socketPath = commandSocketPath(options.dataDir);
  rmSync(socketPath, { force: true });
  const running = new Set<Promise<void>>();
  const connections = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    const command = serveConnection(socket, { handle: options.handle, config: options.config }, options.runCommand);
    running.add(command);
    void command.finally(() => running.delete(command));
  });
  // The socket is created with mode 0600 from the start (no moment when others could connect).
  const previousMask = process.umask(0o177);
  try {
    await withReachableSocketPath(
      socketPath,
      (reachable) =>
        new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ path: reachable }, () => resolve());
        }),
    );
    chmodSync(socketPath, 0o600);
  } catch (error) {
    // Serving goes on without the socket (a data directory path longer than a socket path may
    // be, say): other ctip commands are then refused with exit code 7 rather than run here.
    process.stderr.write(
      `warning: other ctip commands cannot reach this server (${socketPath}: ${(error as Error).message}); they will be refused while it runs\n`,
    );
    return { socketPath, close: async () => {} };
  } finally {
    process.umask(previousMask);
  }
  // Only the HTTP server keeps the process serving: a start that fails after this still exits.
  server.unref();
  return {
    socketPath,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
      for (const socket of connections) socket.destroy();
      rmSync(socketPath, { force: true });
    },
  };
}

/** Runs the one command a connection sends, then answers with its exit code and hangs up. */
function serveConnection(socket: net.Socket, database: { handle: DatabaseHandle; config: Config }, runCommand: RunCommand): Promise<void> {
  return new Promise<void>((resolve) => {
    let started = false;
    const stdin = new PassThrough();
    socket.on('error', () => {});
    socket.on('close', () => {
      stdin.end();
      if (!started) resolve();
    });
    readFrames<ClientFrame>(socket, (frame) => {
      if (frame.type === 'stdin') stdin.write(Buffer.from(frame.data, 'base64'));
      else if (frame.type === 'stdin-end') stdin.end();
      else if (frame.type === 'run' && !started) {
        started = true;
        void runForwarded(socket, frame, stdin, database, runCommand).finally(resolve);
      }
    });
  });
}

async function runForwarded(
  socket: net.Socket,
  request: CommandRequest,
  stdin: PassThrough,
  database: { handle: DatabaseHandle; config: Config },
  runCommand: RunCommand,
): Promise<void> {
  let stdinRequested = false;
  const stdout = remoteOutput(socket, 'stdout', request.stdout);
  const stderr = remoteOutput(socket, 'stderr', request.stderr);
  const { exitCode } = await runCommand({
    argv: Array.isArray(request.argv) ? request.argv.map(String) : [],
    forwarded: true,
    context: {
      stdout,
      stderr,
      cwd: String(request.cwd),
      userName: request.userName,
      stdin: {
        isTTY: Boolean(request.stdinIsTTY),
        read: () => {
          if (!stdinRequested) writeFrame(socket, { type: 'stdin-request' });
          stdinRequested = true;
          return stdin;
        },
      },
      database,
    },
  });
  // What the command wrote is on its way before the exit code is.
  await Promise.allSettled([stdout, stderr].map((output) => finished(output.end())));
  await new Promise<void>((resolve) => writeFrame(socket, { type: 'exit', code: exitCode }, resolve));
  socket.end();
}

/**
 * An output that carries what a command writes back to the CLI. A CLI that went away (Ctrl-C)
 * does not stop the command: what it would have printed is dropped, the command finishes.
 */
function remoteOutput(socket: net.Socket, type: 'stdout' | 'stderr', terminal: CommandRequest['stdout']): Writable & CliOutput {
  const output = new Writable({
    write(chunk: Buffer | string, encoding, callback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      writeFrame(socket, { type, data: bytes.toString('base64') }, () => callback());
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  output.on('error', () => {});
  output.isTTY = Boolean(terminal?.isTTY);
  if (typeof terminal?.columns === 'number') output.columns = terminal.columns;
  return output;
}
