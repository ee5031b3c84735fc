import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import { fixtures } from '../iati/testing/iati-fixture.ts';
import { writeSyntheticFile } from '../usaspending/usaspending.generate.ts';

// Memory must be bounded by the batch, not the file: the same import of a file 4× larger may
// not hold more heap (after a full collection, while the import is running). Before the fix,
// the IATI import kept the whole file text alive (~5 KB per activity: identifiers were views
// on the parser's 1 MiB chunks) and USAspending kept every kept row as JSON (~2 KB per award),
// so the 4× file held 7–8 MiB more; now the difference is well under a MiB. No timing asserted.

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const folder = mkdtempSync(path.join(tmpdir(), 'ctip-memory-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** Allowed growth of the peak heap from the file of N records to the file of 4N. */
const marginMiB = 3;

type ChildResult = { read: number; imported: number; problemsTruncated: boolean; heapMiB: number[] };

const run = promisify(execFile);

/** Imports in a child with a small old space, so a file-sized leak also shows as a crash. */
async function importInChild(kind: 'iati' | 'usaspending', filePath: string): Promise<ChildResult> {
  const child = path.join(import.meta.dirname, 'testing', 'import-memory-child.ts');
  const { stdout } = await run(process.execPath, ['--max-old-space-size=160', '--expose-gc', '--import', 'tsx', child, kind, filePath], {
    cwd: root,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/** An IATI file of `copies` × the real DFID excerpt's activities, each copy with new identifiers. */
function writeIatiFile(name: string, copies: number): string {
  const source = readFileSync(fixtures.dfid101, 'utf8');
  const rootEnd = source.indexOf('>', source.indexOf('<iati-activities')) + 1;
  const activities = source.match(/<iati-activity[\s>][\s\S]*?<\/iati-activity>/g)!;
  const parts = [source.slice(0, rootEnd)];
  for (let copy = 1; copy <= copies; copy += 1) {
    for (const activity of activities)
      parts.push(activity.replace(/<iati-identifier>\s*([^<]*?)\s*<\/iati-identifier>/, `<iati-identifier>$1-M${copy}</iati-identifier>`));
  }
  parts.push('</iati-activities>\n');
  const filePath = path.join(folder, name);
  writeFileSync(filePath, parts.join('\n'));
  return filePath;
}

function assertFlat(small: ChildResult, large: ChildResult, diagnostic: (message: string) => void): void {
  const peak = (result: ChildResult) => Math.max(...result.heapMiB);
  const growth = peak(large) - peak(small);
  diagnostic(`peak heap after gc: ${peak(small)} MiB for ${small.read} records, ${peak(large)} MiB for ${large.read}`);
  assert.ok(
    growth < marginMiB,
    `peak heap grew by ${growth.toFixed(1)} MiB from ${small.read} to ${large.read} records (${peak(small)} → ${peak(large)} MiB): something is kept per record`,
  );
}

describe('import memory is bounded by the batch, not the file (PGlite)', () => {
  it('IATI: 4× the activities, the same peak heap', async (t) => {
    const small = await importInChild('iati', writeIatiFile('small.xml', 100));
    const large = await importInChild('iati', writeIatiFile('large.xml', 400));
    assert.deepEqual([small.read, small.imported, large.read, large.imported], [500, 500, 2000, 2000]);
    assert.ok(large.heapMiB.length >= 5, `sampled per batch (${large.heapMiB.length} samples)`);
    assertFlat(small, large, (message) => t.diagnostic(message));
  });

  it('USAspending: 4× the awards, the same peak heap', async (t) => {
    const smallPath = path.join(folder, 'small.csv');
    const largePath = path.join(folder, 'large.csv');
    await writeSyntheticFile({ filePath: smallPath, rows: 1000, traffickingShare: 1, recipients: 50 });
    await writeSyntheticFile({ filePath: largePath, rows: 4000, traffickingShare: 1, recipients: 50 });
    const small = await importInChild('usaspending', smallPath);
    const large = await importInChild('usaspending', largePath);
    assert.deepEqual([small.imported, large.imported], [1000, 4000]);
    assertFlat(small, large, (message) => t.diagnostic(message));
  });
});
