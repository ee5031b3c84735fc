import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { importTipGrants } from '../imports/tip-grants/tip-grants.importer.ts';
import { realFilePath, seedForImport, testActor } from '../testing/tip-grants-fixture.ts';
import { loadProgramDetails } from '../programs/program-read.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { exportIatiText } from './testing/export-fixture.ts';
import { validateIatiXml } from './validate-iati.ts';

function sumsOf(xml: string, pattern: RegExp): number[] {
  return [...xml.matchAll(/<iati-activity [\s\S]*?<\/iati-activity>/g)].map(([activity]) =>
    [...activity.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0),
  );
}

describeEachDatabase('IATI export of the whole demo dataset', { prepare: seedForImport }, (database) => {
  let xml: string;
  let report: Awaited<ReturnType<typeof importTipGrants>>;
  before(async () => {
    report = await importTipGrants({ db: database.db, filePath: realFilePath, actor: testActor });
    xml = await exportIatiText({ db: database.db });
  });

  it('validates against the official IATI 2.03 schema with zero errors', () => {
    const result = validateIatiXml(xml);
    assert.deepEqual(result.errors.slice(0, 5), []);
    assert.equal(result.valid, true);
  });

  it('has one activity per program, with identifiers prefixed by the reporting organisation', () => {
    const activities = xml.match(/<iati-activity /g) ?? [];
    assert.equal(activities.length, report.imported);
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<iati-activities version="2.03" generated-datetime="2026-11-28T12:00:00.000Z">/,
    );
    for (const [, ref, identifier] of xml.matchAll(/<iati-identifier>([^<]+)-ctip-\d+<\/iati-identifier><reporting-org ref="([^"]+)"/g)) {
      assert.equal(ref, identifier);
    }
    assert.match(xml, /<reporting-org ref="US-GOV-11" type="10"><narrative>Department of State<\/narrative><\/reporting-org>/);
    assert.match(xml, /<participating-org ref="US-GOV-11" type="10" role="1">/);
  });

  it('gives recipient and sector percentages that add up to 100 in every activity', () => {
    for (const sum of sumsOf(xml, /<recipient-(?:country|region) [^>]*percentage="(\d+)"/g)) assert.equal(sum, 100);
    for (const sum of sumsOf(xml, /<sector vocabulary="1" [^>]*percentage="(\d+)"/g)) assert.equal(sum, 100);
    for (const sum of sumsOf(xml, /<sector vocabulary="99" [^>]*percentage="(\d+)"/g)) assert.ok(sum === 0 || sum === 100);
    assert.equal((xml.match(/<tag vocabulary="3" code="8.7">/g) ?? []).length, report.imported);
  });

  it('reports each known obligation as a commitment dated 1 October of the fiscal year before, and notes unknown ones', async () => {
    const details = await loadProgramDetails({ db: database.db, ids: [...xml.matchAll(/-ctip-(\d+)</g)].map((match) => Number(match[1])) });
    const known = details.flatMap((detail) => detail.obligations.filter((obligation) => obligation.amountCents !== null));
    assert.equal((xml.match(/<transaction-type code="2"\/>/g) ?? []).length, known.length);
    const totalCents = known.reduce((sum, obligation) => sum + BigInt(obligation.amountCents!), 0n);
    const exported = [...xml.matchAll(/<value currency="USD" value-date="\d{4}-10-01">(\d+)\.(\d\d)<\/value>/g)].reduce(
      (sum, match) => sum + BigInt(match[1]!) * 100n + BigInt(match[2]!),
      0n,
    );
    assert.equal(exported, totalCents);
    assert.match(xml, /<description type="4"><narrative>Obligations of unknown amount, not reported as transactions: fiscal year \d{4}: /);
    assert.match(xml, /<transaction-date iso-date="2003-10-01"\/><value currency="USD" value-date="2003-10-01">/);
  });
});
