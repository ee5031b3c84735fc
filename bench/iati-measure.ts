// One backend's IATI measurements in a process of its own (so peak RSS is this work's alone):
// parse-only, PostgreSQL COPY of the same rows in the programs table's shape, then the import.
// The parent (iati-suite.ts) passes the job in BENCH_IATI_JOB and reads the JSON result file.
import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { interpretActivity } from '../src/imports/iati/iati.activity.ts';
import { importIatiFile } from '../src/imports/iati/iati.importer.ts';
import { openIatiText } from '../src/imports/iati/iati.text.ts';
import { readIatiActivities } from '../src/imports/iati/iati.xml-reader.ts';
import { openFreshDatabase, readServerPeakRssBytes, readVersion, type BackendName } from './backends.ts';
import { measureStep } from './measure.ts';

export type IatiJob = { backend: BackendName; clusterUrl?: string; filePath: string; bytes: number; csvPath: string; resultPath: string };

export type IatiStep = {
  backend: BackendName;
  step: 'parse-only' | 'copy' | 'import';
  records: number;
  ms: number;
  recordsPerSecond: number;
  mbPerSecond: number;
  startRssMiB: number;
  peakRssMiB: number;
  serverPeakRssMiB?: number;
  note?: string;
};

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Streams the file and interprets every activity; writes the programs-shaped CSV when asked. */
async function parseFile(filePath: string, csv?: { push: (line: string) => void }): Promise<number> {
  const { text } = await openIatiText(filePath);
  let records = 0;
  for await (const { header, activities } of readIatiActivities(text)) {
    for (const activity of activities) {
      const { draft } = interpretActivity(activity, header);
      records += 1;
      if (draft && csv) {
        const cells = [
          draft.titles[0]?.[1] ?? draft.identifier,
          draft.descriptions[0]?.[1] ?? '',
          'state-tip',
          'active',
          draft.dates['start-actual'] ?? '',
          draft.dates['end-actual'] ?? '',
          'iati',
          draft.identifier,
          JSON.stringify({ sectors: draft.sectors, tags: draft.tags }),
        ];
        csv.push(cells.map((cell) => (cell === '' ? '' : `"${cell.replaceAll('"', '""')}"`)).join(','));
      }
    }
  }
  return records;
}

const copyTable = `CREATE TABLE bench_iati_copy (title text NOT NULL, description text, funding_agency_id text NOT NULL, status text NOT NULL,
  start_date date, end_date date, source text NOT NULL, source_key text, source_record jsonb)`;

function step(
  job: IatiJob,
  name: IatiStep['step'],
  records: number,
  measured: { ms: number; startRssBytes: number; peakRssBytes: number },
  extra: Partial<IatiStep> = {},
): IatiStep {
  return {
    backend: job.backend,
    step: name,
    records,
    ms: Math.round(measured.ms),
    recordsPerSecond: Math.round(records / (measured.ms / 1000)),
    mbPerSecond: Math.round((job.bytes / 1e6 / (measured.ms / 1000)) * 10) / 10,
    startRssMiB: mib(measured.startRssBytes),
    peakRssMiB: mib(measured.peakRssBytes),
    ...extra,
  };
}

async function run(job: IatiJob): Promise<{ version: string; steps: IatiStep[] }> {
  const steps: IatiStep[] = [];
  const parsed = await measureStep(() => parseFile(job.filePath));
  steps.push(step(job, 'parse-only', parsed.result, parsed, { note: 'stream, SAX parse, interpret every activity; nothing written' }));
  const lines: string[] = [];
  await parseFile(job.filePath, { push: (line) => lines.push(line) });
  // The server reads the file itself (COPY FROM a path): it may run as another system user.
  writeFileSync(job.csvPath, `${lines.join('\n')}\n`, { mode: 0o644 });
  lines.length = 0;
  const handle = await openFreshDatabase(job.backend, job.clusterUrl);
  try {
    await handle.db.execute(sql.raw(copyTable));
    const blob = job.backend === 'pglite' ? new Blob([await import('node:fs').then((fs) => fs.readFileSync(job.csvPath))]) : undefined;
    const copied = await measureStep(async () => {
      if (blob)
        await (handle.db as unknown as { $client: PGlite }).$client.query("COPY bench_iati_copy FROM '/dev/blob' WITH (FORMAT csv)", [], {
          blob,
        });
      else await handle.db.execute(sql.raw(`COPY bench_iati_copy FROM '${job.csvPath}' WITH (FORMAT csv)`));
    });
    steps.push(
      step(job, 'copy', parsed.result, copied, {
        note: 'COPY of the same activities as programs-shaped rows (9 columns, no parts, no history) into a scratch table',
      }),
    );
    const imported = await measureStep(() =>
      importIatiFile({ db: handle.db, filePath: job.filePath, actor: { name: 'bench', door: 'import' }, fundingAgencyId: 'state-tip' }),
    );
    const { read, created, rejected, unchanged } = imported.result;
    const serverPeak = job.backend === 'postgres' ? await readServerPeakRssBytes(handle.db) : undefined;
    steps.push(
      step(job, 'import', read, imported, {
        ...(serverPeak ? { serverPeakRssMiB: mib(serverPeak) } : {}),
        note: `created ${created}, rejected ${rejected}, unchanged ${unchanged}; ${imported.result.details.transactions} transactions`,
      }),
    );
    return { version: await readVersion(handle.db), steps };
  } finally {
    await handle.close();
  }
}

const job = JSON.parse(process.env.BENCH_IATI_JOB ?? 'null') as IatiJob | null;
if (job) {
  try {
    writeFileSync(job.resultPath, JSON.stringify(await run(job)));
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
