import { Readable, Writable } from 'node:stream';
import type { DatabaseHandle } from '../db/database.ts';
import { runCtipCommand } from '../app/run-command.ts';

/** An output that keeps what a command writes, with the terminal flags a command may look at. */
function collector(terminal: boolean): { stream: Writable & { isTTY?: boolean; columns?: number }; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, encoding, callback) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
      callback();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stream.isTTY = terminal;
  stream.columns = 100;
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Runs a `ctip` command in this process on an open, prepared database (what `ctip serve` does
 * for a CLI), with `input` as its stdin, from `cwd`: the same command tree as the executable,
 * seconds faster than spawning it. `terminal` makes stderr look like a terminal (progress bars).
 */
export async function runCtipInProcess(options: {
  args: string[];
  handle: DatabaseHandle;
  cwd?: string;
  input?: string;
  terminal?: boolean;
  forwarded?: boolean;
}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = collector(false);
  const stderr = collector(Boolean(options.terminal));
  const { exitCode } = await runCtipCommand({
    argv: options.args,
    forwarded: options.forwarded,
    context: {
      stdout: stdout.stream,
      stderr: stderr.stream,
      cwd: options.cwd ?? process.cwd(),
      userName: 'in-process-test',
      stdin: { isTTY: options.input === undefined, read: () => Readable.from([Buffer.from(options.input ?? '')]) },
      database: { handle: options.handle },
    },
  });
  return { code: exitCode, stdout: stdout.text(), stderr: stderr.text() };
}
