import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import { getProgramById } from '../../programs/program.service.ts';
import { systemViewer } from '../../shared/actor.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedForImport, testActor } from '../../testing/tip-grants-fixture.ts';
import { selectRows } from '../../db/select-rows.ts';
import { splitRecipients } from '../shared/split-recipients.ts';
import { importTipGrants } from './tip-grants.importer.ts';

const header =
  '"name","fiscal year","cowcode","grant","recipient","subgrantee","prevention","protection","prosecution","research","amount","regional","recipient_type"';

it('splits a list only when every part is a known organization, never inside parentheses', () => {
  const known = new Map([
    ['world education', 1],
    ['terre des hommes foundation', 2],
    ['ilo', 3],
    ['international rescue committee (irc)', 4],
    ['adpa', 5],
  ]);
  const lookUp = (name: string) => {
    const id = known.get(name.trim().toLowerCase());
    return id === undefined ? undefined : { organizationId: id };
  };
  assert.deepEqual(splitRecipients('World Education, Terre des Hommes Foundation', lookUp), [{ organizationId: 1 }, { organizationId: 2 }]);
  assert.equal(splitRecipients('ILO, International Program on the Elimination of Child Labor', lookUp), undefined);
  assert.deepEqual(splitRecipients('International Rescue Committee (IRC); and ADPA', lookUp), [
    { organizationId: 4 },
    { organizationId: 5 },
  ]);
  assert.equal(splitRecipients('World Education', lookUp), undefined, 'one name is not a list');
  assert.deepEqual(splitRecipients('ILO; ILO', lookUp), [{ organizationId: 3 }], 'the same organization twice is one partner');
});

describeEachDatabase('importTipGrants: recipient cells that list several organizations', { prepare: seedForImport }, (database) => {
  it('makes each known organization a partner, keeps the cell as written, and files the rest for review', async () => {
    const report = await importTipGrants({
      db: database.db,
      content: `${[
        header,
        '"Nepal",2009,790,1,"World Education, Terre des Hommes Foundation",1,1,0,1,1,"$4,248,224",,',
        '"Nepal",2008,790,1,"ILO, International Program on the Elimination of Child Labor",,1,0,0,0,"$10,000",,"IGO"',
        '"Nepal",2007,790,1,"World Education, Some Local Partner Nobody Reviewed",,1,0,0,0,"$20,000",,"NGO"',
      ].join('\n')}\n`,
      actor: testActor,
    });
    assert.equal(report.imported, 3);
    const programs = await selectRows<{ id: number; title: string }>(
      database.db,
      sql`SELECT id, title FROM programs WHERE source = 'tip-grants' ORDER BY id`,
    );
    const partnersOf = async (id: number) =>
      (await getProgramById({ db: database.db, id, viewer: systemViewer })).partners.map((p) => p.name);

    const split = programs.find((program) => program.title.startsWith('World Education, Terre des Hommes Foundation'))!;
    assert.deepEqual((await partnersOf(split.id)).sort(), ['Terre des Hommes', 'World Education']);
    const detail = await getProgramById({ db: database.db, id: split.id, viewer: systemViewer });
    assert.match(detail.description ?? '', /Recipient as listed: World Education, Terre des Hommes Foundation\./, 'the original is kept');

    const ilo = programs.find((program) => program.title.startsWith('ILO, International Program'))!;
    assert.equal((await partnersOf(ilo.id)).length, 1, 'stays one partner');
    const unknown = programs.find((program) => program.title.startsWith('World Education, Some Local'))!;
    assert.deepEqual(await partnersOf(unknown.id), ['World Education, Some Local Partner Nobody Reviewed'], 'one unreviewed name');
    const review = report.unresolvedNames.filter((entry) => entry.kind === 'organization').map((entry) => entry.name);
    assert.ok(review.includes('World Education, Some Local Partner Nobody Reviewed'), 'filed for review');
    assert.ok(!review.includes('World Education, Terre des Hommes Foundation'), 'a split list is not filed');
  });
});
