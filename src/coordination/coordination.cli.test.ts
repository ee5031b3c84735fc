import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { prepareDatabase } from '../app/prepare-database.ts';
import { excerptPath } from '../testing/tip-grants-fixture.ts';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { describeEachDatabase, type TestDatabase } from '../testing/test-database.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-coordination-cli-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function writeFile(name: string, content: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

// The ILO organization id is not known in advance; an alias lookup would need the database, so the
// draft names no partner and relies on place, period, pillars and title.
const draft = {
  title: 'ILO-IPEC — Türkiye, FY2003',
  fundingAgencyId: 'dol-ilab',
  status: 'proposed',
  places: [{ countryCode: 'TUR' }],
  obligations: [{ fiscalYear: 2003, amountCents: null }],
  pillars: ['prevention', 'protection'],
};

/** The database as `ctip` prepares it, with the excerpt imported through the command. */
async function prepareWithExcerpt(database: TestDatabase) {
  await prepareDatabase({ handle: database.handle });
  const imported = await runCtipInProcess({ args: ['import', 'tip-grants', excerptPath, '--json'], handle: database.handle });
  assert.equal(imported.code, 0, imported.stderr);
}

// The command tree in this process (src/testing/cli-in-process.ts); src/app/cli.test.ts runs the executable.
describeEachDatabase('ctip check and ctip overlap', { prepare: prepareWithExcerpt }, (database) => {
  const runCtip = (args: string[]) => runCtipInProcess({ args, handle: database.handle });

  test('check FILE.json --json prints the ranked matches; without --json, the reasons in words', async () => {
    const file = writeFile('draft.json', JSON.stringify(draft));
    const json = await runCtip(['check', file, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout);
    assert.match(result.matches[0].title, /^ILO-IPEC — T/);
    assert.ok(result.matches[0].reasons.some((reason: string) => /funded by another agency/.test(reason)));
    const text = await runCtip(['check', file]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /overlapping programs/);
    assert.match(text.stdout, /- same country: /);
  });

  test('a malformed file, wrong types and a missing file get clear errors and meaningful exit codes', async () => {
    const malformed = await runCtip(['check', writeFile('broken.json', '{"title": "x",')]);
    assert.equal(malformed.code, 3);
    assert.match(malformed.stderr, /broken\.json is not valid JSON/);
    assert.doesNotMatch(malformed.stderr, /\n\s+at /);
    const wrong = await runCtip([
      'check',
      writeFile('wrong.json', JSON.stringify({ ...draft, title: 7, obligations: [{ fiscalYear: '2003' }] })),
      '--json',
    ]);
    assert.equal(wrong.code, 2);
    const error = JSON.parse(wrong.stdout).error;
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.match(error.message, /title .*obligations\.0\.fiscalYear/);
    const missing = await runCtip(['check', path.join(folder, 'nowhere.json')]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /Cannot read .*nowhere\.json: no such file/);
  });

  test('a draft file takes amounts as a decimal string of any size or a safe integer, and refuses a larger number', async () => {
    const exact = await runCtip([
      'check',
      writeFile('exact.json', JSON.stringify({ ...draft, obligations: [{ fiscalYear: 2003, amountCents: '9007199254740993' }] })),
      '--json',
    ]);
    assert.equal(exact.code, 0, exact.stderr);
    const safe = await runCtip([
      'check',
      writeFile('safe.json', JSON.stringify({ ...draft, obligations: [{ fiscalYear: 2003, amountCents: 25_000_000 }] })),
      '--json',
    ]);
    assert.equal(safe.code, 0, safe.stderr);
    // Written by hand: JSON.stringify cannot write a number this large without rounding it.
    const unsafe = await runCtip([
      'check',
      writeFile('unsafe.json', JSON.stringify(draft).replace('"amountCents":null', '"amountCents":9007199254740993')),
      '--json',
    ]);
    assert.equal(unsafe.code, 2);
    const error = JSON.parse(unsafe.stdout).error;
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.match(
      error.message,
      /obligations\.0\.amountCents must be a whole number of cents no larger than 9007199254740991; send larger amounts as a decimal string/,
    );
  });

  test('overlap --from --to prints the report as text, JSON or CSV; a bad range exits with 2', async () => {
    const json = await runCtip(['overlap', '--from', '2003', '--to', '2005', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.fiscalYearTo, 2005);
    assert.ok(report.programsInRange > 0);
    const csv = await runCtip(['overlap', '--from', '2003', '--to', '2005', '--csv']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^\uFEFFfinding,place_code/);
    const reversed = await runCtip(['overlap', '--from', '2005', '--to', '2003']);
    assert.equal(reversed.code, 2);
    assert.match(reversed.stderr, /--from 2005: must not be after to/);
  });
});
