import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/select-rows.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { publicViewer, systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildProgramInput, insertTestOrganization, testActor } from '../testing/fixtures.ts';
import { programQuerySchema } from './program.schemas.ts';
import { createProgram, deleteProgram, findPrograms, getProgramById, listProgramHistory, updateProgram } from './program.service.ts';

const query = (values: Record<string, unknown>) => programQuerySchema.parse(values);

async function rejects(promise: Promise<unknown>, code: AppError['code'], messagePattern: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, messagePattern);
    return true;
  });
}

describeEachDatabase('program service', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  test('creates a program with partners, places, obligations and terms, and records the creation', async () => {
    const { db } = database;
    const partnerId = await insertTestOrganization({ db, name: 'Maiti Nepal' });
    const created = await createProgram({
      db,
      input: buildProgramInput({
        partners: [{ organizationId: partnerId, role: 'prime' }],
        places: [
          { countryCode: 'NPL', sharePercent: 60 },
          { countryCode: 'IND', sharePercent: 40 },
        ],
        obligations: [
          { fiscalYear: 2004, amountCents: 12_345_67, amountNote: null },
          { fiscalYear: 2005, amountCents: null, amountNote: 'Not Listed' },
        ],
      }),
      actor: testActor,
    });
    assert.equal(created.version, 1);
    assert.deepEqual(created.partners, [{ organizationId: partnerId, name: 'Maiti Nepal', role: 'prime' }]);
    assert.deepEqual(
      created.places.map((place) => [place.countryCode, place.sharePercent]),
      [
        ['NPL', 60],
        ['IND', 40],
      ],
    );
    assert.equal(created.obligatedCents, String(12_345_67));
    assert.equal(created.hasUnknownAmount, true);
    assert.deepEqual(created.pillars, ['protection']);
    const history = await listProgramHistory({ db, id: created.id, viewer: systemViewer });
    assert.equal(history.length, 1);
    assert.equal(history[0]!.action, 'create');
    assert.equal(history[0]!.actor, 'test-runner');
    assert.equal((history[0]!.after as { title: string }).title, created.title);
  });

  test('refuses unknown references and names each one, writing nothing', async () => {
    const { db } = database;
    const before = await selectRows(db, sql`SELECT count(*)::int AS n FROM programs`);
    await rejects(
      createProgram({
        db,
        input: buildProgramInput({
          fundingAgencyId: 'no-such-agency',
          places: [{ countryCode: 'ZZZ' }],
          pillars: ['prevention', 'persuasion'],
          partners: [{ organizationId: 999_999, role: 'prime' }],
        }),
        actor: testActor,
      }),
      'VALIDATION_FAILED',
      /no-such-agency.*999999.*ZZZ.*persuasion/s,
    );
    const after = await selectRows(db, sql`SELECT count(*)::int AS n FROM programs`);
    assert.deepEqual(after, before);
  });

  test('an update with the version read succeeds; a stale one is refused with the current record', async () => {
    const { db } = database;
    const created = await createProgram({ db, input: buildProgramInput({ title: 'Hotline for victims' }), actor: testActor });
    const first = await updateProgram({
      db,
      id: created.id,
      expectedVersion: 1,
      input: buildProgramInput({ title: 'National hotline for victims' }),
      actor: { name: 'writer-one', door: 'api' },
      viewer: systemViewer,
    });
    assert.equal(first.version, 2);
    await assert.rejects(
      updateProgram({
        db,
        id: created.id,
        expectedVersion: 1,
        input: buildProgramInput({ title: 'Lost update' }),
        actor: { name: 'writer-two', door: 'api' },
        viewer: systemViewer,
      }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'VERSION_MISMATCH' &&
        (error.current as { title: string }).title === 'National hotline for victims',
    );
    const current = await getProgramById({ db, id: created.id, viewer: systemViewer });
    assert.equal(current.title, 'National hotline for victims');
    const history = await listProgramHistory({ db, id: created.id, viewer: systemViewer });
    assert.deepEqual(
      history.map((entry) => [entry.version, entry.action, entry.actor]),
      [
        [1, 'create', 'test-runner'],
        [2, 'update', 'writer-one'],
      ],
    );
    assert.equal((history[1]!.before as { title: string }).title, 'Hotline for victims');
  });

  test('two concurrent writers on the same version: exactly one wins', async () => {
    const { db } = database;
    const created = await createProgram({ db, input: buildProgramInput({ title: 'Race' }), actor: testActor });
    const write = (title: string) =>
      updateProgram({
        db,
        id: created.id,
        expectedVersion: 1,
        input: buildProgramInput({ title }),
        actor: testActor,
        viewer: systemViewer,
      });
    const results = await Promise.allSettled([write('Writer A'), write('Writer B')]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    assert.equal((rejected.reason as AppError).code, 'VERSION_MISMATCH');
    // The loser is shown what the winner wrote, not what it read before the race.
    const winner = (results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<{ title: string; version: number }>)
      .value;
    assert.deepEqual(
      {
        title: ((rejected.reason as AppError).current as { title: string }).title,
        version: ((rejected.reason as AppError).current as { version: number }).version,
      },
      { title: winner.title, version: 2 },
    );
  });

  test('restricted programs are invisible to the public in lists, totals and detail', async () => {
    const { db } = database;
    const secret = await createProgram({
      db,
      input: buildProgramInput({ title: 'Pre-decisional proposal zanzibar', visibility: 'restricted', status: 'proposed' }),
      actor: testActor,
    });
    const publicPage = await findPrograms({ db, query: query({ q: 'zanzibar' }), viewer: publicViewer });
    assert.equal(publicPage.total, 0);
    const systemPage = await findPrograms({ db, query: query({ q: 'zanzibar' }), viewer: systemViewer });
    assert.equal(systemPage.total, 1);
    await rejects(
      getProgramById({ db, id: secret.id, viewer: publicViewer }),
      'NOT_FOUND',
      new RegExp(`Program ${secret.id} does not exist`),
    );
    await rejects(listProgramHistory({ db, id: secret.id, viewer: publicViewer }), 'NOT_FOUND', /does not exist/);
  });

  test('filters, sorts and pages with a stable cursor', async () => {
    const { db } = database;
    const titles = [
      'Alpha labor inspection',
      'Bravo labor inspection',
      'Charlie labor inspection',
      'Delta labor inspection',
      'Echo labor inspection',
    ];
    for (const [index, title] of titles.entries()) {
      await createProgram({
        db,
        input: buildProgramInput({
          title,
          fundingAgencyId: 'dol-ilab',
          places: [{ countryCode: index % 2 === 0 ? 'BRA' : 'PER' }],
          obligations: [{ fiscalYear: 2006, amountCents: (index + 1) * 100_000, amountNote: null }],
          pillars: ['prosecution'],
        }),
        actor: testActor,
      });
    }
    const all = await findPrograms({
      db,
      query: query({ agency: 'dol', fiscalYear: '2006', sort: '-obligated', limit: '2' }),
      viewer: publicViewer,
    });
    assert.equal(all.total, 5, 'the department filter includes its bureaus');
    assert.deepEqual(
      all.items.map((item) => item.title),
      ['Echo labor inspection', 'Delta labor inspection'],
    );
    const second = await findPrograms({
      db,
      query: query({ agency: 'dol', fiscalYear: '2006', sort: '-obligated', limit: '2', cursor: all.nextCursor }),
      viewer: publicViewer,
    });
    assert.deepEqual(
      second.items.map((item) => item.title),
      ['Charlie labor inspection', 'Bravo labor inspection'],
    );
    const brazil = await findPrograms({ db, query: query({ country: 'bra', pillar: 'prosecution' }), viewer: publicViewer });
    assert.deepEqual(
      brazil.items.map((item) => item.title),
      ['Alpha labor inspection', 'Charlie labor inspection', 'Echo labor inspection'],
    );
    const text = await findPrograms({
      db,
      query: query({ q: 'inspection', fiscalYearFrom: '2006', fiscalYearTo: '2006', sort: 'title' }),
      viewer: publicViewer,
    });
    assert.equal(text.items[0]!.title, 'Alpha labor inspection');
    await rejects(findPrograms({ db, query: query({ cursor: 'not-a-cursor' }), viewer: publicViewer }), 'VALIDATION_FAILED', /cursor/);
    await rejects(
      findPrograms({ db, query: query({ fiscalYearFrom: '2008', fiscalYearTo: '2006' }), viewer: publicViewer }),
      'VALIDATION_FAILED',
      /after/,
    );
  });

  test('a region filter finds programs in its countries and programs placed in the region itself', async () => {
    const { db } = database;
    await createProgram({
      db,
      input: buildProgramInput({ title: 'Mekong cross-border xylophone', places: [{ countryCode: 'THA' }] }),
      actor: testActor,
    });
    await createProgram({
      db,
      input: buildProgramInput({ title: 'Global xylophone research', places: [{ regionCode: '001' }] }),
      actor: testActor,
    });
    const asia = await findPrograms({ db, query: query({ region: '142', q: 'xylophone' }), viewer: publicViewer });
    assert.deepEqual(
      asia.items.map((item) => item.title),
      ['Mekong cross-border xylophone'],
    );
    const thailandWithRegional = await findPrograms({
      db,
      query: query({ country: 'THA', includeRegional: 'true', q: 'xylophone' }),
      viewer: publicViewer,
    });
    assert.equal(thailandWithRegional.total, 2);
  });

  test('delete needs the current version and leaves the history', async () => {
    const { db } = database;
    const created = await createProgram({ db, input: buildProgramInput({ title: 'To be deleted' }), actor: testActor });
    await rejects(
      deleteProgram({ db, id: created.id, expectedVersion: 7, actor: testActor, viewer: systemViewer }),
      'VERSION_MISMATCH',
      /version 7/,
    );
    await deleteProgram({ db, id: created.id, expectedVersion: 1, actor: testActor, viewer: systemViewer });
    await rejects(getProgramById({ db, id: created.id, viewer: systemViewer }), 'NOT_FOUND', /does not exist/);
    const history = await listProgramHistory({ db, id: created.id, viewer: systemViewer });
    assert.deepEqual(
      history.map((entry) => entry.action),
      ['create', 'delete'],
    );
  });

  test('the history cannot be rewritten, even with SQL', async () => {
    const { db } = database;
    const created = await createProgram({ db, input: buildProgramInput({ title: 'Audited' }), actor: testActor });
    // drizzle wraps the database error; the server's own message is in the cause.
    const appendOnly = (error: unknown) => /append-only/.test(String((error as Error).cause ?? error));
    await assert.rejects(db.execute(sql`UPDATE program_history SET actor = 'someone else' WHERE program_id = ${created.id}`), appendOnly);
    await assert.rejects(db.execute(sql`DELETE FROM program_history WHERE program_id = ${created.id}`), appendOnly);
  });
});
