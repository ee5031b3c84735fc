import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { loadConfig, type Config } from '../config/config.ts';
import { openDatabase, type Database, type DatabaseHandle } from '../db/database.ts';
import { AppError, toAppError } from '../shared/errors.ts';

/** An output of a command: the process's own, or one carried back to a CLI by the server. */
export type CliOutput = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * Where a command runs: its outputs, the folder relative paths mean, its input and the database
 * it works on. A command run by `ctip` itself uses the process's; one a CLI sent to `ctip serve`
 * (src/app/command-server.ts) uses the CLI's outputs and folder and the server's database, so
 * commands never reach for `process` directly.
 */
export type CliContext = {
  stdout: CliOutput;
  stderr: CliOutput;
  /** The folder relative file arguments are resolved against (the user's, not the server's). */
  cwd: string;
  /** Who runs the command, for the audit trail (the user's login name). */
  userName?: string;
  /** Standard input, read only by the commands that take it (`--password-stdin`). */
  stdin: { isTTY: boolean; read: () => AsyncIterable<Buffer> };
  /** An open, prepared database to use instead of opening the configured one (kept open). */
  database?: { handle: DatabaseHandle; config?: Config };
  exitCode: number;
};

const storage = new AsyncLocalStorage<CliContext>();

const processContext: CliContext = {
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
  get cwd() {
    return process.cwd();
  },
  get userName() {
    return process.env.USER;
  },
  stdin: {
    get isTTY() {
      return Boolean(process.stdin.isTTY);
    },
    read: () => process.stdin as AsyncIterable<Buffer>,
  },
  get exitCode() {
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  },
  set exitCode(code: number) {
    process.exitCode = code;
  },
};

/** The context of the running command (the process's when none was set). */
export function cliContext(): CliContext {
  return storage.getStore() ?? processContext;
}

/** Runs `work` as a command in `context`. */
export function runInCliContext<T>(context: CliContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

/** A file argument as the user meant it: relative to the folder they ran `ctip` in. */
export function resolveCliPath(file: string): string {
  return path.resolve(cliContext().cwd, file);
}

/** Sets the command's exit code. */
export function setCliExitCode(code: number): void {
  cliContext().exitCode = code;
}

/** Prints data for people, or as JSON when --json was given. */
export function printResult(options: { json: boolean; data: unknown; text: () => string }): void {
  cliContext().stdout.write(options.json ? `${JSON.stringify(options.data, null, 2)}\n` : `${options.text()}\n`);
}

type PrepareDatabase = (options: { handle: DatabaseHandle }) => Promise<void>;

let prepareDatabase: PrepareDatabase | undefined;

/**
 * The preparation every command's database gets (migrations, then the reference data features
 * seed). Preparing needs the features, which this toolkit may not import, so the CLI entry point
 * in app/ hands it in once before parsing the command line.
 */
export function setDatabasePreparation(prepare: PrepareDatabase): void {
  prepareDatabase = prepare;
}

/**
 * Opens the configured database, migrated and with reference data, runs `work`, and closes it
 * whatever happens, so the process can exit. Inside the server the server's open database is
 * used (and left open).
 */
export async function withDatabase<T>(work: (handle: DatabaseHandle, config: Config) => Promise<T>): Promise<T> {
  const given = cliContext().database;
  if (given) return work(given.handle, given.config ?? loadConfig());
  if (!prepareDatabase)
    throw new AppError({
      code: 'INTERNAL',
      message: 'Commands run through the ctip entry point (src/app/main.ts), which prepares the database',
    });
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await prepareDatabase({ handle });
    return await work(handle, config);
  } finally {
    await handle.close();
  }
}

/**
 * Reports a failure as one clear line (JSON with --json) and sets the exit code that the error
 * code maps to; never a stack trace for an error the user caused.
 */
export function reportCliError(error: unknown, options: { json: boolean }): void {
  const { stdout, stderr } = cliContext();
  const appError = toAppError(error, error instanceof Error ? error.message : String(error));
  if (options.json) {
    stdout.write(`${JSON.stringify(appError.toBody(), null, 2)}\n`);
  } else {
    stderr.write(`error: ${appError.message}\n`);
    for (const detail of appError.details ?? []) {
      const where = [detail.line !== undefined ? `line ${detail.line}` : '', detail.field ?? ''].filter(Boolean).join(', ');
      stderr.write(`  - ${where ? `${where}: ` : ''}${detail.message}\n`);
    }
  }
  if (appError.code === 'INTERNAL' && process.env.CTIP_DEBUG) console.error(error);
  setCliExitCode(appError.exitCode);
}

/**
 * The body of most commands: `work` with the database, its result printed (`text`, or JSON with
 * `json`), a failure reported with its exit code.
 */
export async function runWithDatabase<T>(options: {
  json: boolean;
  work: (db: Database) => Promise<T>;
  text: (data: T) => string;
}): Promise<void> {
  try {
    const data = await withDatabase(({ db }) => options.work(db));
    printResult({ json: options.json, data, text: () => options.text(data) });
  } catch (error) {
    reportCliError(error, { json: options.json });
  }
}
