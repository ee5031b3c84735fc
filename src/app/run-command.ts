import { CommanderError } from 'commander';
import { AppError } from '../shared/errors.ts';
import { cliContext, reportCliError, runInCliContext, type CliContext } from '../cli/cli-context.ts';
import { buildCtipProgram } from './program.ts';

export type RunCtipCommandOptions = {
  /** The arguments after `ctip`, e.g. `['users', 'add', '--email', …]`. */
  argv: string[];
  /** Where the command runs; anything left out is this process's (its outputs, folder, stdin). */
  context?: Partial<Omit<CliContext, 'exitCode'>>;
  /** Set when the command came from another process over the command socket: `serve` is refused. */
  forwarded?: boolean;
};

/**
 * Runs one `ctip` command in this process and resolves with its exit code: the same command
 * tree and service functions as the `ctip` executable, on the context's outputs and database.
 * The server runs forwarded commands with it; tests can call it without spawning a process.
 */
export async function runCtipCommand(options: RunCtipCommandOptions): Promise<{ exitCode: number }> {
  const base = cliContext();
  const context: CliContext = {
    stdout: options.context?.stdout ?? base.stdout,
    stderr: options.context?.stderr ?? base.stderr,
    cwd: options.context?.cwd ?? base.cwd,
    userName: options.context?.userName ?? base.userName,
    stdin: options.context?.stdin ?? base.stdin,
    database: options.context?.database ?? base.database,
    exitCode: 0,
  };
  await runInCliContext(context, async () => {
    try {
      if (options.forwarded && options.argv.find((argument) => !argument.startsWith('-')) === 'serve') {
        throw new AppError({
          code: 'DATABASE_IN_USE',
          message: 'A server already owns this data directory: `ctip serve` cannot run inside it',
        });
      }
      const program = await buildCtipProgram({ argv: options.argv, runCommand: runCtipCommand });
      await program.parseAsync(options.argv, { from: 'user' });
    } catch (error) {
      // Usage errors exit with 2 (commander printed them); --help and --version with 0.
      if (error instanceof CommanderError) context.exitCode = error.exitCode === 0 ? 0 : 2;
      else reportCliError(error, { json: options.argv.includes('--json') });
    }
  });
  return { exitCode: context.exitCode };
}
