import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prepareDatabase } from '../../app/prepare-database.ts';
import { importTipGrants } from '../../imports/tip-grants/tip-grants.importer.ts';
import { realFilePath } from '../../testing/tip-grants-fixture.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { createTestDatabase } from '../../testing/test-database.ts';
import { runEvaluation } from './evaluate.ts';

// The first 1,500 lines of the real listing (Afghanistan to Guatemala, the Global rows and four of
// the exact-duplicate groups) keep this test to seconds; run-evaluation.ts runs the whole file.
const sampleLines = 1_500;

describe('overlap check quality on the real grant listing (seeded sample)', () => {
  let handle: DatabaseHandle;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-evaluation-'));
  before(async () => {
    const sample = path.join(folder, 'sample.csv');
    writeFileSync(sample, readFileSync(realFilePath, 'latin1').split('\n').slice(0, sampleLines).join('\n'), 'latin1');
    handle = await createTestDatabase({ kind: 'pglite' });
    await prepareDatabase({ handle });
    await importTipGrants({ db: handle.db, filePath: sample, actor: { name: 'evaluation', door: 'system' } });
  });
  after(async () => {
    await handle?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('every derived variant and exact duplicate finds its original in the top 3', async () => {
    const report = await runEvaluation({ db: handle.db, count: 40, seed: 20_040_930 });
    assert.ok(report.results.length >= 44, `${report.results.length} cases`);
    for (const kind of ['exact-duplicate', 'alias', 'fiscal-year', 'reworded', 'agency'])
      assert.ok(report.byKind[kind], `cases of kind ${kind}`);
    assert.deepEqual(
      report.failures.map((failure) => `${failure.kind} #${failure.expectedId} (${failure.note}): rank ${failure.rank}`),
      [],
    );
    assert.equal(report.metrics.recallAt3, 1);
  });
});
