// Memory of one import across file sizes: run in a process of its own with --expose-gc;
// samples heapUsed after a full collection (and RSS) at every progress call of the importer
// (per batch for IATI, every 5,000 rows for USAspending) and prints one JSON line.
// Usage: node --expose-gc --import tsx bench/import-memory.ts iati|usaspending FILE pglite|postgres [CLUSTER_URL]
// CTIP_MEMORY_SNAPSHOTS=DIR also writes heap snapshots at samples CTIP_MEMORY_SNAPSHOT_AT (default 2,6).
import { writeHeapSnapshot } from 'node:v8';
import path from 'node:path';
import { importIatiFile } from '../src/imports/iati/iati.importer.ts';
import { importUsaspending } from '../src/imports/usaspending/usaspending.importer.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openDatabase } from '../src/db/database.ts';
import { prepareDatabase } from '../src/app/prepare-database.ts';
import { openFreshDatabase, type BackendName } from './backends.ts';

// 'pglite-disk': PGlite on a data directory on disk (what the CLI uses) rather than memory://.
const [kind, filePath, backend, clusterUrl] = process.argv.slice(2) as [
  'iati' | 'usaspending',
  string,
  BackendName | 'pglite-disk',
  string | undefined,
];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const snapshots = process.env.CTIP_MEMORY_SNAPSHOTS;
const snapshotAt = (process.env.CTIP_MEMORY_SNAPSHOT_AT ?? '2,6').split(',').map(Number);

const samples: { records: number; heapMiB: number; rssMiB: number }[] = [];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
sampler.unref();
function sample(records: number): void {
  gc!();
  const { heapUsed, rss } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  samples.push({ records, heapMiB: mib(heapUsed), rssMiB: mib(rss) });
  if (snapshots && snapshotAt.includes(samples.length))
    writeHeapSnapshot(path.join(snapshots, `${kind}-${backend}-${samples.length}.heapsnapshot`));
}

async function open() {
  if (backend !== 'pglite-disk') return openFreshDatabase(backend, clusterUrl);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ctip-memory-'));
  const opened = await openDatabase({ dataDir });
  await prepareDatabase({ handle: opened });
  return { ...opened, close: async () => (await opened.close(), rmSync(dataDir, { recursive: true, force: true })) };
}
const handle = await open();
gc();
const baseHeap = mib(process.memoryUsage().heapUsed);
const baseRss = mib(process.memoryUsage.rss());
const started = performance.now();
const actor = { name: 'bench', door: 'import' as const };
const onProgress = ({ records }: { records: number }) => sample(records);
const report =
  kind === 'iati'
    ? await importIatiFile({ db: handle.db, filePath, actor, fundingAgencyId: 'state-tip', onProgress })
    : await importUsaspending({ db: handle.db, filePath, actor, onProgress });
const seconds = Math.round((performance.now() - started) / 100) / 10;
gc();
const endHeap = mib(process.memoryUsage().heapUsed);
const heaps = samples.map((entry) => entry.heapMiB);
const early = samples[Math.min(1, samples.length - 1)]?.heapMiB ?? 0;
await handle.close();
console.log(
  JSON.stringify({
    kind,
    backend,
    file: path.basename(filePath),
    read: report.read,
    imported: report.imported,
    problems: report.problems.length,
    seconds,
    baseHeapMiB: baseHeap,
    baseRssMiB: baseRss,
    earlyHeapMiB: early,
    peakHeapMiB: Math.max(...heaps),
    lastHeapMiB: heaps.at(-1),
    afterReportHeapMiB: endHeap,
    peakRssMiB: mib(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)),
    samples: samples.length,
  }),
);
