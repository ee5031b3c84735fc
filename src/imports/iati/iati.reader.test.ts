import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { interpretActivity, type ActivityDraft } from './iati.activity.ts';
import { parseIatiAmount } from './iati.money.ts';
import { roundShares } from './iati.places.ts';
import { createTraffickingMatcher } from './iati.trafficking.ts';
import { readIatiActivities, type IatiFileHeader } from './iati.xml-reader.ts';
import { fixtures } from './testing/iati-fixture.ts';

async function readDrafts(file: string): Promise<{ header: IatiFileHeader; drafts: ActivityDraft[] }> {
  const drafts: ActivityDraft[] = [];
  let header: IatiFileHeader | undefined;
  for await (const batch of readIatiActivities(createReadStream(file, { encoding: 'utf8' }), { batchSize: 2 })) {
    header = batch.header;
    for (const activity of batch.activities) drafts.push(interpretActivity(activity, batch.header).draft!);
  }
  return { header: header!, drafts };
}

describe('IATI reader and activity interpretation', () => {
  it('reads 1.01 (DFID): text directly in elements, dates in text, letter transaction codes', async () => {
    const { header, drafts } = await readDrafts(fixtures.dfid101);
    assert.deepEqual(header, { version: '1.01', versionFamily: '1', defaultLanguage: null });
    assert.equal(drafts.length, 5);
    const second = drafts[1]!;
    assert.equal(second.identifier, 'GB-1-105838-101');
    assert.equal(second.path, 'iati-activity[2]');
    assert.equal(second.line, 29);
    assert.deepEqual(second.titles, [['en', 'NONBUDSUPPFINAID and P0015 for Support to the Poverty Reduction Strategy Process']]);
    assert.deepEqual(second.dates, {
      'end-actual': '2008-11-30',
      'end-planned': '2008-11-30',
      'start-actual': '2004-01-01',
      'start-planned': '2004-01-01',
    });
    assert.deepEqual(
      second.organisations.map((org) => org.role),
      ['funding', 'extending', 'implementing'],
    );
    const [commitment] = second.transactions;
    assert.deepEqual(commitment, {
      transactionType: 'commitment',
      valueDate: '2009-04-01',
      transactionDate: '2004-01-01',
      fiscalYear: 2004,
      amountMinor: 106791200n,
      currency: 'GBP',
      description: null,
      sourceLocation: 'iati-activity[2]/transaction[1] (line 66)',
    });
  });

  it('reads 1.00 (Sida): DAC vocabulary names become vocabulary 1, regions keep their DAC code', async () => {
    const { drafts } = await readDrafts(fixtures.sida100);
    assert.deepEqual(drafts[0]!.sectors[0], {
      vocabulary: '1',
      code: '72010',
      percentage: '100',
      name: 'Material relief assistance and services',
    });
    assert.deepEqual(
      drafts[0]!.places.map(({ kind, code, vocabulary, percentage }) => ({ kind, code, vocabulary, percentage })),
      [{ kind: 'region', code: '189', vocabulary: '1', percentage: '100' }],
    );
    assert.equal(drafts[0]!.transactions[0]!.transactionType, 'disbursement');
  });

  it('reads 2.03: narratives by language with the main (English) one first, description types joined', async () => {
    const { header, drafts } = await readDrafts(fixtures.example203);
    assert.equal(header.version, '2.03');
    const draft = drafts[0]!;
    assert.deepEqual(draft.titles, [
      ['en', 'Activity title'],
      ['fr', "Titre de l'activité"],
      ['es', 'Título de la actividad'],
    ]);
    assert.match(draft.descriptions[0]![1], /^General activity description text.*\n\nObjectives: Objectives for the activity/s);
    assert.equal(draft.descriptions[1]![0], 'fr');
    assert.deepEqual(
      draft.organisations.map((org) => [org.role, org.ref]),
      [
        ['funding', 'BB-BBB-123456789'],
        ['accountable', 'CC-CCC-123456789'],
        ['extending', 'AA-AAA-123456789'],
      ],
    );
    assert.deepEqual(
      draft.tags.map((tag) => [tag.vocabulary, tag.code]),
      [
        ['1', '1'],
        ['99', 'T1'],
      ],
    );
    assert.deepEqual(draft.dates, { 'start-planned': '2012-04-15', 'start-actual': '2012-04-28', 'end-planned': '2015-12-31' });
  });

  it('gives element paths with sibling indexes, skipping elements the mapping does not read', async () => {
    const { drafts } = await readDrafts(fixtures.example203);
    const transaction = drafts[0]!.transactions[0]!;
    assert.equal(transaction.transactionType, 'incoming-funds');
    assert.match(transaction.sourceLocation, /^iati-activity\[1\]\/transaction\[1\] \(line \d+\)$/);
    assert.equal(transaction.currency, 'EUR');
    assert.equal(transaction.amountMinor, 100000n);
  });

  it('reports an activity without identifier as an error with its path and line', () => {
    const element = { name: 'iati-activity', attrs: {}, text: '', children: [], line: 7, path: 'iati-activity[3]' };
    const { draft, problems } = interpretActivity(element, { version: '2.03', versionFamily: '2', defaultLanguage: null });
    assert.equal(draft, null);
    assert.deepEqual(problems[0], {
      line: 7,
      path: 'iati-activity[3]',
      field: 'iati-identifier',
      message: 'the activity has no iati-identifier, the key ctip upserts by; not imported',
      severity: 'error',
    });
  });
});

describe('parseIatiAmount', () => {
  it('reads decimals exactly into the minor units of the currency', () => {
    assert.deepEqual(parseIatiAmount('1067912', 'GBP'), { minor: 106791200n, rounded: false });
    assert.deepEqual(parseIatiAmount(' -250.5 ', 'USD'), { minor: -25050n, rounded: false });
    assert.deepEqual(parseIatiAmount('1500', 'JPY'), { minor: 1500n, rounded: false });
    assert.deepEqual(parseIatiAmount('1.2345', 'KWD'), { minor: 1235n, rounded: true });
    assert.deepEqual(parseIatiAmount('0.005', 'USD'), { minor: 1n, rounded: true });
    assert.deepEqual(parseIatiAmount('9007199254740993.01', 'USD'), { minor: 900719925474099301n, rounded: false });
  });
  it('refuses separators, exponents and words', () => {
    for (const text of ['1,000', '1e6', 'ten', '', '$5']) assert.ok('error' in parseIatiAmount(text, 'USD'), text);
  });
});

describe('roundShares', () => {
  it('never sums over 100 and gives leftover points to the largest remainders', () => {
    assert.deepEqual(roundShares([33.33, 33.33, 33.33]), [34, 33, 33]);
    assert.deepEqual(roundShares([12.5, 12.5, 75]), [13, 12, 75]);
    assert.deepEqual(roundShares([60, 40]), [60, 40]);
    assert.deepEqual(roundShares([50, 30]), [50, 30]);
    assert.deepEqual(roundShares([80, 80]), [50, 50]);
    assert.deepEqual(roundShares([0.4, 0.4]), [1, 0]);
    for (const shares of [roundShares([33.4, 33.4, 33.4]), roundShares([99.9, 0.6])]) assert.ok(shares.reduce((a, b) => a + b) <= 100);
  });
});

describe('trafficking rules', () => {
  const match = createTraffickingMatcher();
  const texts = (text: string) => match({ sectors: [], tags: [], texts: [text] });
  it('match keywords in six languages, not drug or arms trafficking', () => {
    assert.deepEqual(texts('Countering human trafficking in Nepal'), ['en-trafficking']);
    assert.deepEqual(texts('Lutte contre la traite des êtres humains'), ['fr-traite']);
    assert.deepEqual(texts('Prevención de la trata de personas'), ['es-trata']);
    assert.deepEqual(texts('Enfrentamento ao tráfico de pessoas'), ['pt-trafico']);
    assert.deepEqual(texts('Bekämpfung von Menschenhandel'), ['de-menschenhandel']);
    assert.deepEqual(texts('Противодействие торговле людьми'), ['ru-torgovlya-lyudmi']);
    assert.deepEqual(texts('Eliminating forced labour and child labour'), ['en-forced-labour', 'en-child-labour']);
    assert.deepEqual(texts('Counter-narcotics: drug trafficking interdiction'), []);
    assert.deepEqual(texts('trafficking of arms'), []);
    assert.deepEqual(texts('Rural water supply'), []);
  });
  it('match DAC sectors (vocabulary 1 only) and SDG targets (tag vocabulary 3)', () => {
    assert.deepEqual(match({ sectors: [{ vocabulary: '1', code: '15180' }], tags: [{ vocabulary: '3', code: '8.7' }], texts: [] }), [
      'sector-15180',
      'sdg-8.7',
    ]);
    assert.deepEqual(match({ sectors: [{ vocabulary: '2', code: '15180' }], tags: [{ vocabulary: '2', code: '8.7' }], texts: [] }), []);
  });
});
