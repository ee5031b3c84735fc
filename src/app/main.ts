import { forwardToServer } from '../cli/command-client.ts';
import { InvalidConfigError, loadConfig } from '../config/config.ts';
import { runCtipCommand } from './run-command.ts';

const argv = process.argv.slice(2);
// Help and the version need neither the configuration nor a database: answered here, at once.
const asksForHelpOrVersion =
  argv.length === 0 || argv[0] === 'help' || argv.some((argument) => ['--help', '-h', '--version', '-V'].includes(argument));

// Validate the configuration before anything else: every bad setting is printed, then exit.
try {
  if (!asksForHelpOrVersion) loadConfig();
} catch (error) {
  if (error instanceof InvalidConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

// While `ctip serve` owns the embedded database, the command runs inside the server.
const forwarded = asksForHelpOrVersion ? undefined : await forwardToServer({ argv });
if (forwarded !== undefined) {
  process.exit(forwarded);
} else {
  const { exitCode } = await runCtipCommand({ argv });
  process.exitCode = exitCode;
}
