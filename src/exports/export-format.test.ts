import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apportion, dacSectors, fiscalYearStart, placePercentages } from './iati-mapping.ts';
import { escapeXml, xmlElement } from './iati-xml.ts';
import { exportFileName } from './program-pages.ts';
import {
  encodeCsvField,
  formatCentsAsDollars,
  joinCellValues,
  parseDollars,
  parsePlace,
  protectFormula,
  splitCellValues,
  unprotectFormula,
} from './program-csv.format.ts';

describe('CSV cells', () => {
  test('quotes fields with commas, quotes and line breaks; doubles quotes', () => {
    assert.equal(encodeCsvField('plain'), 'plain');
    assert.equal(encodeCsvField('a,b'), '"a,b"');
    assert.equal(encodeCsvField('say "hi"'), '"say ""hi"""');
    assert.equal(encodeCsvField('two\r\nlines'), '"two\r\nlines"');
  });

  test('formula protection is reversible, whatever apostrophes a value starts with', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(1)', '\tx', '\rx', "'=x", "''+x", "'plain", 'plain', '', "'"]) {
      assert.equal(unprotectFormula(protectFormula(value)), value, JSON.stringify(value));
      assert.doesNotMatch(protectFormula(value), /^[=+\-@\t\r]/);
    }
    assert.equal(protectFormula('=HYPERLINK("x")'), '\'=HYPERLINK("x")');
    assert.equal(unprotectFormula("'hello"), "'hello", 'a typed apostrophe before ordinary text is kept');
  });

  test('multi-valued cells double semicolons inside values', () => {
    const values = ['UNICEF; Ministry of Family', 'IOM', 'a;;b'];
    assert.equal(joinCellValues(values), 'UNICEF;; Ministry of Family; IOM; a;;;;b');
    assert.deepEqual(splitCellValues(joinCellValues(values)), values);
    assert.deepEqual(splitCellValues(' a ;b;; '), ['a', 'b;']);
    assert.deepEqual(splitCellValues(''), []);
  });

  test('money is exact in both directions', () => {
    assert.equal(formatCentsAsDollars(25_000_012), '250000.12');
    assert.equal(formatCentsAsDollars(5), '0.05');
    assert.deepEqual(parseDollars('250000.12'), { kind: 'cents', cents: '25000012' });
    assert.deepEqual(parseDollars('1,250.5'), { kind: 'cents', cents: '125050' });
    assert.deepEqual(parseDollars('0'), { kind: 'cents', cents: '0' });
    // Beyond 2^53 cents stays exact, up to what a bigint column holds.
    assert.deepEqual(parseDollars('90071992547409.93'), { kind: 'cents', cents: '9007199254740993' });
    assert.equal(formatCentsAsDollars('9007199254740993'), '90071992547409.93');
    assert.deepEqual(parseDollars('92233720368547758.07'), { kind: 'cents', cents: '9223372036854775807' });
    assert.equal(parseDollars('92233720368547758.08').kind, 'invalid');
    assert.equal(parseDollars('1'.repeat(400)).kind, 'invalid');
    for (const text of ['-5', '$100', '1.234', '12,34', 'about 5k', '']) assert.equal(parseDollars(text).kind, 'invalid', text);
    assert.match((parseDollars('-5') as { reason: string }).reason, /negative/);
  });

  test('places: alpha-3 countries, region codes, optional shares', () => {
    assert.deepEqual(parsePlace('npl=60'), { countryCode: 'NPL', sharePercent: 60 });
    assert.deepEqual(parsePlace('034'), { regionCode: '034', sharePercent: null });
    assert.deepEqual(parsePlace('ctip-mekong = 40'), { regionCode: 'ctip-mekong', sharePercent: 40 });
    assert.ok('invalid' in parsePlace('NPL=sixty'));
    assert.ok('invalid' in parsePlace('New Zealand'));
  });
});

describe('IATI mapping', () => {
  test('apportion gives whole percentages that add up to exactly 100', () => {
    assert.deepEqual(apportion([1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(apportion([0, 0]), [50, 50]);
    assert.deepEqual(apportion([]), []);
    for (let count = 1; count <= 13; count += 1)
      assert.equal(
        apportion(Array(count).fill(1)).reduce((a, b) => a + b, 0),
        100,
      );
  });

  test('place percentages keep known shares and split the rest equally', () => {
    assert.deepEqual(placePercentages([60, null, null]), [60, 20, 20]);
    assert.deepEqual(placePercentages([null]), [100]);
    assert.deepEqual(placePercentages([30, 20]), [60, 40], 'known shares that fall short are scaled to 100');
    assert.deepEqual(placePercentages([100, null]), [100, 0]);
  });

  test('DAC sectors come from assistance types, else pillars, else human rights', () => {
    assert.deepEqual(dacSectors({ assistanceTypes: ['shelters', 'hotlines', 'laws-drafting'], pillars: [] }), [
      { code: '15130', percentage: 33 },
      { code: '16010', percentage: 67 },
    ]);
    assert.deepEqual(dacSectors({ assistanceTypes: [], pillars: ['prosecution'] }), [{ code: '15130', percentage: 100 }]);
    assert.deepEqual(dacSectors({ assistanceTypes: [], pillars: [] }), [{ code: '15160', percentage: 100 }]);
    assert.equal(fiscalYearStart(2004), '2003-10-01');
  });

  test('XML text is escaped and stripped of characters XML 1.0 forbids', () => {
    assert.equal(escapeXml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
    assert.equal(escapeXml('bell\u0007 nul\u0000 ff\uFFFE lone\uD800 emoji\u{1F600} cr\r'), 'bell nul ff lone emoji\u{1F600} cr&#13;');
    assert.equal(xmlElement('e', { a: 'x"y', b: undefined }), '<e a="x&quot;y"/>');
  });
});

describe('download file names', () => {
  test('say what was filtered, or the day when nothing was', () => {
    const day = new Date('2026-11-28T12:00:00Z');
    assert.equal(exportFileName('csv', { country: 'NPL', fiscalYear: 2004 }, day), 'ctip-programs-NPL-FY2004.csv');
    assert.equal(
      exportFileName('json', { fiscalYearFrom: 2001, fiscalYearTo: 2004, agency: 'state-tip' }, day),
      'ctip-programs-agency-state-tip-FY2001-FY2004.json',
    );
    assert.equal(
      exportFileName('xml', { q: 'shelter "care"/..', pillar: 'protection' }, day),
      'ctip-programs-protection-search-shelter-care.xml',
    );
    assert.equal(exportFileName('csv', {}, day), 'ctip-programs-2026-11-28.csv');
  });
});
