import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors.ts';
import { cliContext, resolveCliPath } from './cli-context.ts';

/** The one message of every command for a file argument that cannot be read (INVALID_FILE, exit code 3). */
function unreadable(file: string, problem: string): AppError {
  return new AppError({ code: 'INVALID_FILE', message: `Cannot read ${file}: ${problem}` });
}

/**
 * A file argument a command reads, as the user meant it (relative to the folder they ran `ctip`
 * in), checked before any work starts: a missing file, a folder where a file is expected or a
 * file the process may not read gets the same message in every command.
 */
export function resolveInputFile(file: string, options: { directoryAllowed?: boolean } = {}): string {
  const full = resolveCliPath(file);
  let info;
  try {
    info = statSync(full, { throwIfNoEntry: false });
  } catch (error) {
    throw unreadable(file, (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message);
  }
  if (!info) {
    const where = path.isAbsolute(file) ? '' : ` in ${cliContext().cwd}`;
    throw unreadable(file, `no such file${options.directoryAllowed ? ' or folder' : ''}${where}`);
  }
  if (info.isDirectory() && !options.directoryAllowed) throw unreadable(file, 'it is a folder, not a file');
  return full;
}

/** A text file argument's content (UTF-8), with resolveInputFile's messages. */
export function readInputText(file: string): string {
  const full = resolveInputFile(file);
  try {
    return readFileSync(full, 'utf8');
  } catch (error) {
    throw unreadable(file, (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message);
  }
}
