import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { schema } from '../db/database.ts';
import { createProgram } from '../programs/program.service.ts';
import { publicViewer, systemViewer, type Viewer } from '../shared/actor.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { viewerOf } from '../testing/viewers.ts';
import { checkOverlap } from './overlap-check.ts';
import { ilabTurkeyDraft, organizationIdOf, prepareCoordinationData, programIdOf } from './testing/coordination-fixture.ts';

describeEachDatabase('overlap check', { prepare: ({ db }) => prepareCoordinationData(db) }, (database) => {
  let restrictedId: number;
  let childOfficeProgramId: number;
  before(async () => {
    const { db } = database;
    const secret = await createProgram({
      db,
      actor: testActor,
      input: buildProgramInput({
        title: 'Confidential safe house network in Nepal',
        visibility: 'restricted',
        places: [{ countryCode: 'NPL' }],
      }),
    });
    restrictedId = secret.id;
    const ilo = await organizationIdOf(db, 'ILO');
    const [office] = await db
      .insert(schema.organizations)
      .values({ name: 'ILO Country Office for Nepal', typeCode: '40', parentId: ilo })
      .returning({ id: schema.organizations.id });
    const officeProgram = await createProgram({
      db,
      actor: testActor,
      input: buildProgramInput({
        title: 'Child labour and trafficking survey in Nepal',
        partners: [{ organizationId: office!.id, role: 'prime' }],
        obligations: [{ fiscalYear: 2006, amountCents: 9_000_000, amountNote: null }],
      }),
    });
    childOfficeProgramId = officeProgram.id;
  });

  test('an ILAB draft finds the State grant to the same partner under another spelling, with reasons in words', async () => {
    const { db } = database;
    const result = await checkOverlap({ db, draft: await ilabTurkeyDraft(db), viewer: publicViewer });
    const expected = await programIdOf(db, 'ILO-IPEC — T%, FY2003');
    const [top] = result.matches;
    assert.equal(top?.programId, expected);
    assert.ok(top.score > 0.7 && top.score <= 1, `score ${top.score}`);
    assert.equal(top.crossAgency, true);
    const reasons = top.reasons.join('\n');
    assert.match(reasons, /same partner: International Labour Organization/);
    assert.match(reasons, /same country: T(urkey|ürkiye)/);
    assert.match(reasons, /same period: FY2003/);
    assert.match(reasons, /shared pillars Prevention, Protection/);
    assert.match(reasons, /funded by another agency \(State\/TIP Office\)/);
    for (let index = 1; index < result.matches.length; index += 1)
      assert.ok(result.matches[index - 1]!.score >= result.matches[index]!.score, 'ranked by score');
  });

  test('a partner that is part of the draft partner counts, and says so', async () => {
    const { db } = database;
    const draft = buildProgramInput({
      title: 'Survey of child trafficking',
      fundingAgencyId: 'dol-ilab',
      partners: [{ organizationId: await organizationIdOf(db, 'ILO'), role: 'prime' }],
      obligations: [{ fiscalYear: 2006, amountCents: null, amountNote: 'not yet known' }],
    });
    const match = (await checkOverlap({ db, draft, viewer: systemViewer })).matches.find((item) => item.programId === childOfficeProgramId);
    assert.ok(match, 'the country office program is found');
    assert.match(match.reasons.join('\n'), /partner ILO Country Office for Nepal is part of International Labour Organization/);
  });

  test('a regional program covers its countries, and a country program lies inside a draft region', async () => {
    const { db } = database;
    const iom = await organizationIdOf(db, 'IOM');
    const kenyaDraft = buildProgramInput({
      title: 'Return and reintegration in Kenya',
      partners: [{ organizationId: iom, role: 'prime' }],
      places: [{ countryCode: 'KEN' }],
      obligations: [{ fiscalYear: 2004, amountCents: 1_000_000, amountNote: null }],
    });
    const kenya = await checkOverlap({ db, draft: kenyaDraft, viewer: publicViewer });
    const regional = kenya.matches.find((match) => match.title.startsWith('IOM — Africa'));
    assert.ok(regional, `the Africa regional IOM grant is found: ${kenya.matches.map((match) => match.title).join('; ')}`);
    assert.match(regional.reasons.join('\n'), /regional program \(.+\) that covers Kenya/);

    const solidarity = await organizationIdOf(db, 'Solidarity Center');
    const regionDraft = buildProgramInput({
      title: 'Labor rights and trafficking in East Africa',
      partners: [{ organizationId: solidarity, role: 'prime' }],
      places: [{ regionCode: '014' }],
      obligations: [{ fiscalYear: 2004, amountCents: null, amountNote: null }],
    });
    const east = await checkOverlap({ db, draft: regionDraft, viewer: publicViewer });
    const kenyaGrant = east.matches.find((match) => match.title === 'Solidarity Center — Kenya, FY2004');
    assert.ok(kenyaGrant, 'the Kenya grant inside the draft region is found');
    assert.match(kenyaGrant.reasons.join('\n'), /works in Kenya, inside the draft's region Eastern Africa/);
  });

  test('restricted programs stay hidden from a public check and appear for the token holder', async () => {
    const { db } = database;
    const draft = buildProgramInput({ title: 'Confidential safe house network in Nepal', places: [{ countryCode: 'NPL' }] });
    const asPublic = await checkOverlap({ db, draft, viewer: publicViewer });
    assert.ok(!asPublic.matches.some((match) => match.programId === restrictedId));
    const asOperator = await checkOverlap({ db, draft, viewer: systemViewer });
    assert.equal(asOperator.matches[0]?.programId, restrictedId);
    assert.equal(asOperator.matches[0]?.score, 1);
    assert.equal(asOperator.matches[0]?.crossAgency, false);
    const excluded = await checkOverlap({ db, draft, viewer: systemViewer, excludeProgramId: restrictedId, limit: 2 });
    assert.ok(excluded.matches.length <= 2 && !excluded.matches.some((match) => match.programId === restrictedId));
  });

  test("an agency's staff find their own agency's restricted programs, as the policy lets them see them; other agencies' staff do not", async () => {
    const { db } = database;
    const draft = buildProgramInput({ title: 'Confidential safe house network in Nepal', places: [{ countryCode: 'NPL' }] });
    const matchesOf = async (viewer: Viewer) => (await checkOverlap({ db, draft, viewer })).matches.map((match) => match.programId);
    for (const role of ['agency_editor', 'agency_viewer'] as const) {
      assert.equal((await matchesOf(viewerOf(role, ['state-tip'])))[0], restrictedId, `${role} of state-tip`);
      assert.ok(!(await matchesOf(viewerOf(role, ['dol-ilab']))).includes(restrictedId), `${role} of dol-ilab`);
    }
    assert.ok(!(await matchesOf(viewerOf('ngo_manager'))).includes(restrictedId), 'ngo_manager');
    assert.equal((await matchesOf(viewerOf('coordinator')))[0], restrictedId, 'coordinator');
  });

  test('unknown references are refused with each one named, and nothing is written', async () => {
    const { db } = database;
    const draft = await ilabTurkeyDraft(db, { places: [{ countryCode: 'XXZ' }], pillars: ['persuasion'] });
    await assert.rejects(checkOverlap({ db, draft, viewer: publicViewer }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.match(error.message, /unknown country code 'XXZ'/);
      assert.match(error.message, /unknown pillar 'persuasion'/);
      return true;
    });
  });
});
