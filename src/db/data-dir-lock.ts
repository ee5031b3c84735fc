import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import net from 'node:net';
import { AppError } from '../shared/errors.ts';

/** A held lock on a PGlite data directory; `release` frees it (dying frees it too). */
export type DataDirLock = { dataDir: string; release: () => Promise<void> };

/**
 * The name of the lock of a data directory: an abstract Unix socket (Linux), named after the
 * directory's real path so that two spellings of one directory (relative, through a symlink)
 * meet on the same lock.
 */
export function dataDirLockName(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const real = realpathSync(dataDir);
  return `\0ctip-lock-${createHash('sha256').update(real).digest('hex')}`;
}

/**
 * Takes the lock of a PGlite data directory, or throws DATABASE_IN_USE when another process (or
 * another open handle in this one) holds it. PGlite keeps the whole database in the memory of
 * the process that opened it, so two openers overwrite each other's writes.
 *
 * Binding an abstract socket is atomic, refused with EADDRINUSE while the name is bound, and the
 * kernel unbinds it when the process dies however it dies — unlike a PID file, nothing stale is
 * left behind and no clean-up can race another opener.
 */
export async function lockDataDir(options: { dataDir: string }): Promise<DataDirLock> {
  const name = dataDirLockName(options.dataDir);
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(dataDirInUse(options.dataDir));
      else reject(error);
    });
    server.listen({ path: name, exclusive: true }, () => resolve());
  });
  // The lock must never keep the process alive on its own.
  server.unref();
  let released = false;
  return {
    dataDir: options.dataDir,
    release: () =>
      new Promise<void>((resolve) => {
        if (released) return resolve();
        released = true;
        server.close(() => resolve());
      }),
  };
}

/** The refusal every opener of a held directory gets, before it touches anything. */
export function dataDirInUse(dataDir: string): AppError {
  return new AppError({
    code: 'DATABASE_IN_USE',
    message:
      `The data directory ${dataDir} is held by another ctip process; nothing was changed. ` +
      'While `ctip serve` runs, commands are carried out by the server (run the command again once it has started); ' +
      'any other command on this directory (an import, say) must finish first.',
  });
}
