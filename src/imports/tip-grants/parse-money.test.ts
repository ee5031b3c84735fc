import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMoney } from './parse-money.ts';

function cents(text: string): bigint {
  const result = parseMoney(text);
  assert.equal(
    result.kind,
    'amount',
    `${text} should be read as an amount, got ${JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
  );
  return (result as { cents: bigint }).cents;
}

describe('parseMoney', () => {
  it('reads the usual form of the grant listing exactly', () => {
    assert.equal(cents('$330,568'), 33_056_800n);
    assert.equal(cents('$0'), 0n);
    assert.equal(cents('$999'), 99_900n);
    assert.equal(cents('$1,000,000'), 100_000_000n);
  });

  it('reads bare digits and commas without a dollar sign (real rows: 6600000, 50000, 367400, 550,000)', () => {
    assert.equal(cents('6600000'), 660_000_000n);
    assert.equal(cents('50000'), 5_000_000n);
    assert.equal(cents('367400'), 36_740_000n);
    assert.equal(cents('550,000'), 55_000_000n);
  });

  it('reads one space after each comma when every group has three digits, and says so', () => {
    const spaced = parseMoney('$1, 300, 000');
    assert.deepEqual(spaced, { kind: 'amount', cents: 130_000_000n, note: 'written with spaces after the commas; read as $1,300,000' });
    assert.equal(cents('$14, 248'), 1_424_800n);
  });

  it('reads cents with one or two decimals, without floating point', () => {
    assert.equal(cents('$1,000.50'), 100_050n);
    assert.equal(cents('$0.1'), 10n);
    assert.equal(cents('12.34'), 1_234n);
    // 0.1 + 0.2 is not 0.3 in floating point; here it is exact.
    assert.equal(cents('$9,007,199,254,740.99'), 900_719_925_474_099n);
  });

  it('tolerates surrounding spaces', () => {
    assert.equal(cents('  $5,000 '), 500_000n);
    assert.equal(cents('$ 5,000'), 500_000n);
  });

  it('calls misplaced comma groups ambiguous instead of guessing (real rows: $65,676,50 and $2,500,00)', () => {
    for (const text of ['$65,676,50', '$2,500,00', '$1,00,000', '$12,34', '1,2345', '$1,000,000.5.0', '$1,,000']) {
      const result = parseMoney(text);
      assert.equal(result.kind, 'ambiguous', text);
    }
    assert.match((parseMoney('$65,676,50') as { reason: string }).reason, /three digits/);
  });

  it('calls two spaces, or a space before a comma, ambiguous', () => {
    assert.equal(parseMoney('$1,  300').kind, 'ambiguous');
    assert.equal(parseMoney('$1 ,300').kind, 'ambiguous');
    assert.equal(parseMoney('$1 300').kind, 'ambiguous');
  });

  it('keeps prose as prose (real rows: Not Listed, Cannot determine…)', () => {
    assert.deepEqual(parseMoney('Not Listed'), { kind: 'prose', text: 'Not Listed' });
    const long = 'Cannot determine trafficking portion due to multi-donor effort';
    assert.deepEqual(parseMoney(long), { kind: 'prose', text: long });
    assert.equal(parseMoney('N/A').kind, 'prose');
  });

  it('calls mixed text and figures ambiguous', () => {
    assert.equal(parseMoney('about $5,000').kind, 'ambiguous');
    assert.equal(parseMoney('$5,000 and $3,000').kind, 'ambiguous');
    assert.equal(parseMoney('(approx) $5,000').kind, 'ambiguous');
    assert.equal(parseMoney('5e6').kind, 'ambiguous');
    assert.equal(parseMoney('0x10').kind, 'ambiguous');
  });

  it('recognizes negative amounts in every usual notation', () => {
    for (const text of ['-$5,000', '- $5,000', '$-5,000', '-5000', '($5,000)', '(5,000)']) {
      assert.equal(parseMoney(text).kind, 'negative', text);
    }
  });

  it('reports an empty cell as empty', () => {
    assert.deepEqual(parseMoney(''), { kind: 'empty' });
    assert.deepEqual(parseMoney('   '), { kind: 'empty' });
  });

  it('refuses absurdly long figures rather than lose precision', () => {
    assert.equal(parseMoney('12345678901234').kind, 'ambiguous');
    assert.equal(cents('0000123'), 12_300n);
  });
});
