// A child process for the data-directory lock tests: opens the embedded database in the data
// directory given (taking its lock, as any ctip command does), says "open" and waits to be killed.
import { openDatabase } from '../database.ts';

const handle = await openDatabase({ dataDir: process.argv[2]! });
process.stdout.write('open\n');
setInterval(() => {}, 60_000);
process.on('SIGTERM', () => void handle.close().then(() => process.exit(0)));
