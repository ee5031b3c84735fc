import { forwardToServer } from '../cli/command-client.ts';
import { InvalidConfigError, loadConfig } from '../config/config.ts';
import { runCtipCommand } from './run-command.ts';

// Validate the configuration before anything else: every bad setting is printed, then exit.
try {
  loadConfig();
} catch (error) {
  if (error instanceof InvalidConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

const argv = process.argv.slice(2);
// While `ctip serve` owns the embedded database, the command runs inside the server.
const forwarded = await forwardToServer({ argv });
if (forwarded !== undefined) {
  process.exit(forwarded);
} else {
  const { exitCode } = await runCtipCommand({ argv });
  process.exitCode = exitCode;
}
