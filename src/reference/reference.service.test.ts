import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertRejectsWithAppError } from '../testing/app-error.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import {
  agencyListSchema,
  coordinationBodyListSchema,
  countryDetailSchema,
  countryListSchema,
  regionListSchema,
  vocabularyTermListSchema,
} from './reference.schemas.ts';
import {
  assertKnownPlaces,
  assertKnownTerms,
  getCountry,
  listAgencies,
  listCoordinationBodies,
  listCountries,
  listRegions,
  listVocabulary,
} from './reference.service.ts';
import { seedReferenceData } from './seed-reference.ts';

describeEachDatabase('reference service', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  test('agencies form a hierarchy: dol-ilab-iclp → dol-ilab → dol', async () => {
    const agencies = await listAgencies({ db: database.db });
    agencyListSchema.parse({ items: agencies });
    const byId = new Map(agencies.map((agency) => [agency.id, agency]));
    assert.equal(byId.get('dol-ilab-iclp')?.parentId, 'dol-ilab');
    assert.equal(byId.get('dol-ilab-ofr')?.parentId, 'dol-ilab');
    assert.equal(byId.get('dol-ilab')?.parentId, 'dol');
    assert.equal(byId.get('dol')?.parentId, null);
    assert.equal(byId.get('dol-ilab')?.parentName, 'Department of Labor');
    for (const [id, parent] of [
      ['state-tip', 'state'],
      ['state-prm', 'state'],
      ['doj-fbi', 'doj'],
      ['dhs-ice', 'dhs'],
    ]) {
      assert.equal(byId.get(id!)?.parentId, parent, id);
    }
    for (const id of ['hhs', 'usaid', 'omb', 'dci']) assert.ok(byId.has(id), id);
    assert.deepEqual(byId.get('state-tip')?.memberships, [
      { bodyId: 'spog', bodyName: 'Senior Policy Operating Group on Trafficking in Persons', role: 'chair' },
    ]);
  });

  test('the Task Force is chaired by State, the SPOG by the TIP Office, with the same member agencies', async () => {
    const bodies = await listCoordinationBodies({ db: database.db });
    coordinationBodyListSchema.parse({ items: bodies });
    const ptf = bodies.find((body) => body.id === 'ptf');
    const spog = bodies.find((body) => body.id === 'spog');
    assert.equal(ptf?.chair?.agencyId, 'state');
    assert.equal(spog?.chair?.agencyId, 'state-tip');
    assert.equal(spog?.parentBodyId, 'ptf');
    const memberIds = (body: typeof ptf) =>
      body!.members
        .filter((member) => member.role === 'member')
        .map((member) => member.agencyId)
        .sort();
    assert.deepEqual(memberIds(ptf), ['dci', 'dhs', 'doj', 'dol', 'hhs', 'omb', 'usaid']);
    assert.deepEqual(memberIds(spog), memberIds(ptf));
  });

  test('countries leave historical ones out unless asked', async () => {
    const current = await listCountries({ db: database.db });
    const all = await listCountries({ db: database.db, includeHistorical: true });
    countryListSchema.parse({ items: all });
    assert.equal(current.length, 250);
    assert.ok(!current.some((country) => country.code === 'YUG'));
    assert.ok(all.find((country) => country.code === 'YUG')?.historical);
  });

  test('getCountry gives regions and aliases, and NOT_FOUND naming an unknown code', async () => {
    const congo = await getCountry({ db: database.db, code: 'cod' });
    countryDetailSchema.parse(congo);
    assert.ok(congo.aliases.includes('Zaire'));
    assert.deepEqual(
      congo.regions.map((region) => region.code).filter((code) => /^\d/.test(code)),
      ['001', '002', '017', '202'],
    );
    await assertRejectsWithAppError(getCountry({ db: database.db, code: 'ZZZ' }), 'NOT_FOUND', /ZZZ/);
  });

  test('regions carry their count of current member countries', async () => {
    const regions = await listRegions({ db: database.db });
    regionListSchema.parse({ items: regions });
    const byCode = new Map(regions.map((region) => [region.code, region]));
    assert.equal(byCode.get('001')?.countryCount, 250);
    assert.equal(byCode.get('ctip-mekong')?.countryCount, 6);
    assert.equal(byCode.get('011')?.parentCode, '202');
    const bureaus = await listRegions({ db: database.db, kind: 'state-bureau' });
    assert.equal(bureaus.length, 6);
  });

  test('vocabularies list their terms in order, with default pillars for assistance types', async () => {
    const pillars = await listVocabulary({ db: database.db, vocabulary: 'pillar' });
    assert.deepEqual(
      pillars.map((term) => term.code),
      ['prevention', 'protection', 'prosecution', 'partnership'],
    );
    const types = await listVocabulary({ db: database.db, vocabulary: 'assistance-type' });
    vocabularyTermListSchema.parse({ items: types });
    const pillarOf = new Map(types.map((term) => [term.code, term.pillar]));
    assert.equal(pillarOf.get('shelters'), 'protection');
    assert.equal(pillarOf.get('laws-drafting'), 'prosecution');
    assert.equal(pillarOf.get('economic-alternatives'), 'prevention');
    assert.ok(types.every((term) => term.pillar && /^[a-z]+(-[a-z]+)*$/.test(term.code)));
    const forms = await listVocabulary({ db: database.db, vocabulary: 'trafficking-form' });
    for (const code of [
      'sex-trafficking',
      'forced-labor',
      'domestic-servitude',
      'child-soldiers',
      'child-sex-tourism',
      'child-camel-jockeys',
    ]) {
      assert.ok(
        forms.some((term) => term.code === code),
        code,
      );
    }
    assert.ok((await listVocabulary({ db: database.db, vocabulary: 'target-group' })).some((term) => term.code === 'children'));
    await assertRejectsWithAppError(listVocabulary({ db: database.db, vocabulary: 'colours' }), 'NOT_FOUND', /colours/);
  });

  test('assertKnownTerms accepts known codes and names each unknown one', async () => {
    await assertKnownTerms({ db: database.db, vocabulary: 'assistance-type', codes: ['shelters', 'hotlines', 'shelters'] });
    await assertKnownTerms({ db: database.db, vocabulary: 'pillar', codes: [] });
    const error = await assertRejectsWithAppError(
      assertKnownTerms({ db: database.db, vocabulary: 'assistance-type', codes: ['shelters', 'teleportation', 'prevention'] }),
      'VALIDATION_FAILED',
      /.teleportation./,
      /.prevention./,
    );
    assert.deepEqual(
      error.details?.map((detail) => detail.message),
      ["unknown assistance-type 'teleportation'", "unknown assistance-type 'prevention'"],
    );
  });

  test('assertKnownPlaces names each unknown country and region code', async () => {
    await assertKnownPlaces({ db: database.db, countryCodes: ['NPL', 'XKX', 'YUG'], regionCodes: ['002', 'ctip-sadc'] });
    const error = await assertRejectsWithAppError(
      assertKnownPlaces({ db: database.db, countryCodes: ['NPL', 'UNK'], regionCodes: ['ctip-atlantis'] }),
      'VALIDATION_FAILED',
      /UNK/,
      /ctip.atlantis/,
    );
    assert.deepEqual(error.details, [
      { field: 'countryCode', message: "unknown country code 'UNK'" },
      { field: 'regionCode', message: "unknown region code 'ctip-atlantis'" },
    ]);
  });
});
