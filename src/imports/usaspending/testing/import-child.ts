// A child process for the kill test: imports a USAspending file into the database given, printing
// "progress N" as records are read, so the parent can SIGKILL it in the middle of the transaction.
import { openDatabase } from '../../../db/database.ts';
import { importUsaspending } from '../usaspending.importer.ts';

const [target, filePath] = process.argv.slice(2) as [string, string];
const handle = await openDatabase(target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: target });
await importUsaspending({
  db: handle.db,
  filePath,
  actor: { name: 'kill-test', door: 'import' },
  onProgress: (progress) => process.stdout.write(`progress ${progress.records}\n`),
});
process.stdout.write('done\n');
await handle.close();
