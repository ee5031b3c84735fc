import { loadConfig, type Config } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { AppError, toAppError } from '../shared/errors.ts';

/** Prints data for people, or as JSON when --json was given. */
export function printResult(options: { json: boolean; data: unknown; text: () => string }): void {
  process.stdout.write(options.json ? `${JSON.stringify(options.data, null, 2)}\n` : `${options.text()}\n`);
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
 * whatever happens, so the process can exit.
 */
export async function withDatabase<T>(work: (handle: DatabaseHandle, config: Config) => Promise<T>): Promise<T> {
  if (!prepareDatabase) throw new AppError({ code: 'INTERNAL', message: 'Commands run through the ctip entry point (src/app/main.ts), which prepares the database' });
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
  const appError = toAppError(error, error instanceof Error ? error.message : String(error));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(appError.toBody(), null, 2)}\n`);
  } else {
    process.stderr.write(`error: ${appError.message}\n`);
    for (const detail of appError.details ?? []) {
      const where = [detail.line !== undefined ? `line ${detail.line}` : '', detail.field ?? ''].filter(Boolean).join(', ');
      process.stderr.write(`  - ${where ? `${where}: ` : ''}${detail.message}\n`);
    }
  }
  if (appError.code === 'INTERNAL' && process.env.CTIP_DEBUG) console.error(error);
  process.exitCode = appError.exitCode;
}
