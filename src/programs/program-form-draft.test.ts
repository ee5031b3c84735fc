import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalizeName } from '../shared/names.ts';
import { fieldId } from '../ui/form-fields.tsx';
import { draftFromValues, fieldOfPath, parseDollars } from './program-form-draft.ts';
import { emptyFormValues, readProgramForm } from './program-form-values.ts';

describe('parseDollars: exact integer cents, never floating point', () => {
  test('well-formed amounts', () => {
    for (const [typed, cents] of [
      ['1,234.56', 123456],
      ['$1,234.56', 123456],
      ['1234.5', 123450],
      ['1234', 123400],
      ['0.07', 7],
      ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
      ['1,000,000,000.01', 100000000001],
      [' 330,568 ', 33056800],
      ['90071992547409.91', 9007199254740991],
      ['90071992547409.93', 9007199254740993n], // beyond 2^53: exact as a decimal string
    ] as const) {
      assert.deepEqual(parseDollars(typed), { cents: String(cents) }, typed);
    }
  });

  test('bad amounts are errors that name the problem', () => {
    assert.match((parseDollars('12.345') as { error: string }).error, /more than two digits after the decimal point/);
    assert.match((parseDollars('-5') as { error: string }).error, /negative/);
    assert.match((parseDollars('92233720368547758.08') as { error: string }).error, /too large/); // past what a bigint column holds
    for (const typed of ['1,23.45', '12,3456', 'ten', '1.2.3', '1e6', '0x10', '', '$', '1 000']) {
      assert.ok('error' in parseDollars(typed), typed);
    }
  });
});

describe('reading the urlencoded form', () => {
  test('rows are read in order, empty rows dropped, checkboxes as lists', () => {
    const submission = readProgramForm({
      title: 'T',
      'partners.0.name': '',
      'partners.0.role': 'prime',
      'partners.1.name': 'IOM',
      'partners.1.role': 'sub',
      'obligations.10.fiscalYear': '2005',
      'obligations.2.fiscalYear': '2004',
      'obligations.2.amount': '1',
      pillars: ['protection', 'prevention'],
      assistanceTypes: 'hotlines',
      version: '7',
      action: 'check',
    });
    assert.deepEqual(submission.values.partners, [{ name: 'IOM', role: 'sub' }]);
    assert.deepEqual(
      submission.values.obligations.map((row) => row.fiscalYear),
      ['2004', '2005'],
    );
    assert.deepEqual(submission.values.pillars, ['protection', 'prevention']);
    assert.deepEqual(submission.values.assistanceTypes, ['hotlines']);
    assert.equal(submission.version, 7);
    assert.equal(submission.action, 'check');
    assert.equal(submission.emptyRows, 3);
  });

  test('"Add more rows" adds three, up to a bound; odd values fall back to defaults', () => {
    assert.equal(readProgramForm({ action: 'add-rows', emptyRows: '3' }).emptyRows, 6);
    assert.equal(readProgramForm({ action: 'add-rows', emptyRows: '29' }).emptyRows, 30);
    assert.equal(readProgramForm({ action: 'drop-tables', emptyRows: 'x', version: '1e3' }).action, 'save');
    assert.equal(readProgramForm({ version: '-1' }).version, undefined);
    assert.equal(readProgramForm(undefined).values.title, '');
  });
});

describe('turning the form into a program input', () => {
  const base = () => ({ ...emptyFormValues('state-tip'), title: 'A program', places: [{ country: 'NPL', region: '', share: '' }] });

  test("a valid form becomes programInputSchema's shape", () => {
    const values = {
      ...base(),
      partners: [{ name: ' iom ', role: 'prime' }],
      obligations: [{ fiscalYear: 'FY2004', amount: '', note: 'not published' }],
    };
    const { input, errors } = draftFromValues(values, new Map([[normalizeName('IOM'), 42]]));
    assert.deepEqual(errors, {});
    assert.deepEqual(input?.partners, [{ organizationId: 42, role: 'prime' }]);
    assert.deepEqual(input?.obligations, [{ fiscalYear: 2004, amountCents: null, amountNote: 'not published' }]);
    assert.deepEqual(input?.places, [{ countryCode: 'NPL', sharePercent: null }]);
  });

  test('an amount left empty without a note, a repeated year and an unknown partner are each named', () => {
    const values = {
      ...base(),
      partners: [{ name: 'Unknown Org', role: 'prime' }],
      obligations: [
        { fiscalYear: '2004', amount: '', note: '' },
        { fiscalYear: '2004', amount: '5', note: '' },
      ],
    };
    const { input, errors } = draftFromValues(values, new Map());
    assert.equal(input, undefined);
    assert.match(errors[fieldId('obligations.0.amount')]!, /say in the note why it is not known/);
    assert.match(errors[fieldId('obligations')]!, /fiscal year 2004 is listed twice/);
    assert.match(errors[fieldId('partners.0.name')]!, /no organization named “Unknown Org”; ask an administrator to add it/);
  });

  test('zod paths map to form fields', () => {
    assert.equal(fieldOfPath(['obligations', 1, 'amountCents']), 'obligations.1.amount');
    assert.equal(fieldOfPath(['places', 0]), 'places.0.country');
    assert.equal(fieldOfPath(['places', 2, 'sharePercent']), 'places.2.share');
    assert.equal(fieldOfPath(['partners', 0, 'organizationId']), 'partners.0.name');
    assert.equal(fieldOfPath(['pillars', 3]), 'pillars');
    assert.equal(fieldOfPath([]), 'form');
  });
});
