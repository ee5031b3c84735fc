import net from 'node:net';
import { loadConfig } from '../config/config.ts';
import { commandSocketPath, readFrames, withReachableSocketPath, writeFrame, type ServerFrame } from './command-frames.ts';

/**
 * Sends the command to the `ctip serve` that owns the embedded data directory, streams its
 * output here and resolves with its exit code; resolves with undefined when no server takes
 * commands (then the CLI opens the directory itself, under the same lock). `serve` itself, a
 * PostgreSQL server (DATABASE_URL, safe for many processes) and in-memory databases are never
 * forwarded.
 */
export async function forwardToServer(options: { argv: string[] }): Promise<number | undefined> {
  if (options.argv.find((argument) => !argument.startsWith('-')) === 'serve') return undefined;
  const config = loadConfig();
  if (config.databaseUrl || config.dataDir.startsWith('memory://')) return undefined;
  const socket = await withReachableSocketPath(commandSocketPath(config.dataDir), connect);
  if (!socket) return undefined;
  return runRemotely(socket, options.argv);
}

function connect(socketPath: string): Promise<net.Socket | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ path: socketPath });
    // No socket, or a stale one nobody listens on: there is no server to send the command to.
    socket.once('error', () => resolve(undefined));
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

function runRemotely(socket: net.Socket, argv: string[]): Promise<number> {
  return new Promise((resolve) => {
    let finished = false;
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      process.stdin.pause();
      socket.destroy();
      // Everything the command printed reaches our outputs before the process exits.
      process.stdout.write('', () => process.stderr.write('', () => resolve(code)));
    };
    socket.on('error', () => {});
    socket.on('close', () => {
      if (finished) return;
      process.stderr.write(
        'error: the server stopped before the command finished; check with `ctip audit` or the data what was done, then run it again\n',
      );
      finish(1);
    });
    readFrames<ServerFrame>(socket, (frame) => {
      if (frame.type === 'stdout' || frame.type === 'stderr') {
        const output = frame.type === 'stdout' ? process.stdout : process.stderr;
        // Keep the server from outrunning a slow reader of our output.
        if (!output.write(Buffer.from(frame.data, 'base64'))) {
          socket.pause();
          output.once('drain', () => socket.resume());
        }
      } else if (frame.type === 'stdin-request') {
        process.stdin.on('data', (chunk: Buffer) => writeFrame(socket, { type: 'stdin', data: chunk.toString('base64') }));
        process.stdin.on('end', () => writeFrame(socket, { type: 'stdin-end' }));
      } else if (frame.type === 'exit') {
        finish(frame.code);
      }
    });
    writeFrame(socket, {
      type: 'run',
      argv,
      cwd: process.cwd(),
      userName: process.env.USER,
      stdinIsTTY: Boolean(process.stdin.isTTY),
      stdout: { isTTY: Boolean(process.stdout.isTTY), columns: process.stdout.columns },
      stderr: { isTTY: Boolean(process.stderr.isTTY), columns: process.stderr.columns },
    });
  });
}
