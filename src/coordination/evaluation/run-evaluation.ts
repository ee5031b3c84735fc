// `node --import tsx src/coordination/evaluation/run-evaluation.ts [COUNT] [SEED] [--json]`:
// imports the real grant listing into a fresh in-memory PGlite, builds the evaluation set
// (exact duplicates + COUNT derived variants, default 200, seed 20040930) and prints the figures
// recorded in docs/coordination-quality.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/database.ts';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { importTipGrants } from '../../imports/tip-grants/tip-grants.importer.ts';
import { runEvaluation, type Metrics } from './evaluate.ts';

const demoFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../demo/tip-grants/funding_original.csv');

function row(name: string, metrics: Metrics): string {
  return `| ${name} | ${metrics.cases} | ${metrics.recallAt3} | ${metrics.recallAt10} | ${metrics.precisionAt3} | ${metrics.precisionAt10} | ${metrics.strictPrecisionAt3} | ${metrics.strictPrecisionAt10} | ${metrics.meanReciprocalRank} |`;
}

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const count = Number(args[0] ?? 200);
const seed = Number(args[1] ?? 20_040_930);
const handle = await openDatabase({ dataDir: 'memory://' });
try {
  // What app/'s database preparation does; a feature's script may not import app/.
  await handle.migrate();
  await seedReferenceData({ db: handle.db });
  await seedOrganizations({ db: handle.db });
  const imported = await importTipGrants({ db: handle.db, filePath: demoFile, actor: { name: 'evaluation', door: 'system' } });
  const started = performance.now();
  const report = await runEvaluation({ db: handle.db, count, seed });
  const seconds = (performance.now() - started) / 1000;
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    console.log(`${imported.imported} programs imported; ${report.metrics.cases} cases in ${seconds.toFixed(1)} s (seed ${seed})\n`);
    console.log('| cases | n | recall@3 | recall@10 | precision@3 | precision@10 | strict P@3 | strict P@10 | MRR |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('all', report.metrics));
    for (const [kind, metrics] of Object.entries(report.byKind)) console.log(row(kind, metrics));
    console.log(`\nOriginal not in the top 3: ${report.failures.length}`);
    for (const failure of report.failures)
      console.log(
        `- ${failure.kind} #${failure.expectedId} (${failure.note}): rank ${failure.rank ?? '>10'}; top ${JSON.stringify(failure.top.slice(0, 4))}`,
      );
  }
} finally {
  await handle.close();
}
