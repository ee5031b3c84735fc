import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createProgram } from '../programs/program.service.ts';
import { publicViewer } from '../shared/actor.ts';
import { buildProgramInput, insertTestOrganization, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { seedDatabase } from '../imports/ctip-csv/testing/ctip-csv-fixture.ts';
import { programCsvColumns } from './program-csv.format.ts';
import { exportCsvText, exportIatiText, exportJsonText, exportJsonValue } from './testing/export-fixture.ts';
import { validateIatiXml } from './validate-iati.ts';

const hostileTitles = ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', '+1', '@SUM(1)', '-2+3', '\tTabbed', "'=already quoted"];

describeEachDatabase('exports: hostile text and restricted programs', { prepare: ({ db }) => seedDatabase(db) }, (database) => {
  before(async () => {
    const partner = await insertTestOrganization({ db: database.db, name: 'Partners; Friends & <Allies>' });
    for (const [index, title] of hostileTitles.entries()) {
      await createProgram({
        db: database.db,
        actor: testActor,
        input: buildProgramInput({
          title,
          description: index === 0 ? 'Line one\r\nline "two", with a comma\u0001 and a lone \ud800 surrogate' : null,
          partners: [{ organizationId: partner, role: 'prime' }],
          places: [
            { countryCode: 'NPL', sharePercent: 60 },
            { regionCode: '034', sharePercent: null },
            { regionCode: 'ctip-mekong', sharePercent: null },
          ],
          obligations: [
            { fiscalYear: 2004, amountCents: 25_000_012, amountNote: null },
            { fiscalYear: 2005, amountCents: null, amountNote: '=cmd|calc' },
          ],
          assistanceTypes: ['shelters', 'training-officials', 'awareness'],
        }),
      });
    }
    await createProgram({
      db: database.db,
      actor: testActor,
      input: buildProgramInput({ title: 'Pre-decisional restricted proposal', visibility: 'restricted', status: 'proposed' }),
    });
  });

  it('writes RFC 4180 CSV (BOM, CRLF, doubled quotes) that parses back to the same cells', async () => {
    const csv = await exportCsvText({ db: database.db, pageSize: 2 });
    assert.ok(csv.startsWith('\uFEFFprogram_key,id,'));
    assert.ok(csv.endsWith('\r\n'));
    assert.doesNotMatch(csv.replace(/"[^"]*"/g, ''), /[^\r]\n/, 'every record ends in CRLF outside quoted cells');
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), [...programCsvColumns]);
    assert.equal(rows.length, hostileTitles.length * 2 + 1, 'one row per fiscal year, restricted included for the operator');
    assert.equal(rows[0]!.description, 'Line one\r\nline "two", with a comma\u0001 and a lone \ufffd surrogate');
    assert.equal(rows[0]!.prime_partners, 'Partners;; Friends & <Allies>');
    assert.equal(rows[0]!.places, 'NPL=60; 034; ctip-mekong');
    assert.deepEqual([rows[0]!.fiscal_year, rows[0]!.obligation_usd, rows[1]!.obligation_usd], ['2004', '250000.12', '']);
  });

  it('makes formulas inert in CSV with a leading apostrophe, and leaves numbers alone', async () => {
    const rows = parse(await exportCsvText({ db: database.db }), { bom: true, columns: true }) as Record<string, string>[];
    const titles = [...new Set(rows.map((row) => row.title))];
    assert.deepEqual(titles.slice(0, hostileTitles.length), [
      '<script>alert(1)</script>',
      '\'=HYPERLINK("http://x","y")',
      "'+1",
      "'@SUM(1)",
      "'-2+3",
      "'\tTabbed",
      "''=already quoted",
    ]);
    for (const row of rows) for (const value of Object.values(row)) assert.doesNotMatch(value, /^[=+\-@\t\r]/);
    assert.equal(rows[1]!.obligation_note, "'=cmd|calc");
  });

  it('escapes hostile text in IATI XML and still validates against the schema', async () => {
    const xml = await exportIatiText({ db: database.db });
    assert.match(xml, /<narrative>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/narrative>/);
    assert.match(xml, /<narrative>Partners; Friends &amp; &lt;Allies&gt;<\/narrative>/);
    assert.match(xml, /Line one&#13;\nline &quot;two&quot;, with a comma and a lone \ufffd surrogate/);
    assert.doesNotMatch(xml, /<script>/);
    assert.deepEqual(validateIatiXml(xml).errors, []);
    assert.match(xml, /<recipient-country code="NP" percentage="60">/);
    assert.match(xml, /<recipient-region code="034" vocabulary="2" percentage="20">/);
    assert.match(xml, /<recipient-region code="ctip-mekong" vocabulary="99" vocabulary-uri="urn:ctip:regions" percentage="20">/);
    assert.match(
      xml,
      /<sector vocabulary="1" code="15130" percentage="34"\/><sector vocabulary="1" code="15160" percentage="33"\/><sector vocabulary="1" code="16010" percentage="33"\/>/,
    );
    assert.match(xml, /<value currency="USD" value-date="2003-10-01">250000.12<\/value>/);
  });

  it('writes JSON whose hostile text is escaped and parses back unchanged', async () => {
    const text = await exportJsonText({ db: database.db });
    assert.match(text, /"title":"\\u003cscript\\u003ealert\(1\)\\u003c\/script\\u003e"/);
    assert.doesNotMatch(text, /<script>/);
    const json = JSON.parse(text);
    assert.equal(json.programs[0]!.title, '<script>alert(1)</script>');
    assert.equal(json.generatedAt, '2026-11-28T12:00:00.000Z');
    assert.deepEqual(json.filters, { sort: 'id' });
  });

  it('never shows a restricted program to the public, in any format', async () => {
    const csv = await exportCsvText({ db: database.db, viewer: publicViewer });
    const xml = await exportIatiText({ db: database.db, viewer: publicViewer });
    const json = await exportJsonValue({ db: database.db, viewer: publicViewer });
    for (const text of [csv, xml, JSON.stringify(json)]) assert.doesNotMatch(text, /restricted proposal/);
    assert.equal(json.programs.length, hostileTitles.length);
    const operator = await exportJsonValue({ db: database.db });
    assert.equal(operator.programs.length, hostileTitles.length + 1);
  });
});
