import { closeSync, openSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';

/**
 * What a CLI and `ctip serve` say to each other over the command socket, one JSON object a line.
 * Bytes travel as base64 so binary output (a DOCX on stdout) arrives intact.
 */
export type CommandRequest = {
  type: 'run';
  argv: string[];
  cwd: string;
  userName?: string;
  stdinIsTTY: boolean;
  stdout: { isTTY: boolean; columns?: number };
  stderr: { isTTY: boolean; columns?: number };
};
export type ClientFrame = CommandRequest | { type: 'stdin'; data: string } | { type: 'stdin-end' };
export type ServerFrame = { type: 'stdout' | 'stderr'; data: string } | { type: 'stdin-request' } | { type: 'exit'; code: number };

/** The command socket of a data directory (created by the server that holds its lock). */
export function commandSocketPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'ctip.sock');
}

// A Unix socket path holds at most 107 bytes, and a longer one is silently cut short.
const maxSocketPathBytes = 100;

/**
 * Runs `work` (a bind or a connect) with a path that reaches `socketPath` whatever its length:
 * a long one goes through the data directory's file descriptor (/proc/self/fd/N/ctip.sock).
 */
export async function withReachableSocketPath<T>(socketPath: string, work: (reachable: string) => Promise<T>): Promise<T> {
  if (Buffer.byteLength(socketPath) <= maxSocketPathBytes) return work(socketPath);
  let folder: number;
  try {
    folder = openSync(path.dirname(socketPath), 'r');
  } catch {
    return work(socketPath);
  }
  try {
    return await work(`/proc/self/fd/${folder}/${path.basename(socketPath)}`);
  } finally {
    closeSync(folder);
  }
}

// A frame larger than this is not from a ctip process; the connection is dropped.
const maxFrameBytes = 64 * 1024 * 1024;

export function writeFrame(socket: Socket, frame: ClientFrame | ServerFrame, done?: () => void): boolean {
  if (socket.destroyed || !socket.writable) {
    done?.();
    return true;
  }
  return socket.write(`${JSON.stringify(frame)}\n`, () => done?.());
}

/** Calls `onFrame` for every complete line the socket receives. */
export function readFrames<Frame>(socket: Socket, onFrame: (frame: Frame) => void): void {
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => {
    pending += text;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line) {
        let frame: Frame;
        try {
          frame = JSON.parse(line) as Frame;
        } catch {
          socket.destroy();
          return;
        }
        onFrame(frame);
      }
      newline = pending.indexOf('\n');
    }
    if (pending.length > maxFrameBytes) socket.destroy();
  });
}
