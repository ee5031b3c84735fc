// A child process for the restore kill test: restores a dump into the target given (a data
// directory or a database URL), printing "progress DONE TOTAL" after every statement, so the
// parent can SIGKILL it in the middle of the transaction.
import { restoreDatabase } from '../restore.service.ts';

const [filePath, target] = process.argv.slice(2) as [string, string];
await restoreDatabase({
  filePath,
  target: target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: target },
  onProgress: (progress) => process.stdout.write(`progress ${progress.done} ${progress.total}\n`),
});
process.stdout.write('done\n');
