// A child process for import-memory.test.ts: imports one file into a fresh in-memory PGlite (or
// the PostgreSQL database given) and prints, as JSON, the heap used after a full collection at
// every progress call of the importer (per batch for IATI, every 5,000 rows and at the end for
// USAspending), while the import's per-file state is alive. Run with --expose-gc.
import { openDatabase } from '../../../db/database.ts';
import { prepareDatabase } from '../../../app/prepare-database.ts';
import { importIatiFile } from '../../iati/iati.importer.ts';
import { importUsaspending } from '../../usaspending/usaspending.importer.ts';

const [kind, filePath, databaseUrl] = process.argv.slice(2) as ['iati' | 'usaspending', string, string | undefined];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const handle = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
await prepareDatabase({ handle });
const heapMiB: number[] = [];
const onProgress = () => {
  gc();
  heapMiB.push(Math.round((process.memoryUsage().heapUsed / 1048576) * 100) / 100);
};
const actor = { name: 'memory-test', door: 'import' } as const;
const report =
  kind === 'iati'
    ? await importIatiFile({ db: handle.db, filePath, actor, fundingAgencyId: 'state-tip', batchSize: 100, onProgress })
    : await importUsaspending({ db: handle.db, filePath, actor, onProgress });
await handle.close();
process.stdout.write(
  `${JSON.stringify({ read: report.read, imported: report.imported, problemsTruncated: report.problemsTruncated, heapMiB })}\n`,
);
