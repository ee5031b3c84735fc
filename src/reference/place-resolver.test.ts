import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase } from '../testing/test-database.ts';
import { createPlaceResolver, type PlaceResolver } from './place-resolver.ts';
import { seedReferenceData } from './seed-reference.ts';
import { tipGrantsBureauNames, tipGrantsPlaceNames, tipGrantsRegionalSpellings } from './fixtures/tip-grants-place-names.ts';

describeEachDatabase('place resolver', { prepare: ({ db }) => seedReferenceData({ db }) }, (database) => {
  let resolver: PlaceResolver;
  before(async () => {
    resolver = await createPlaceResolver({ db: database.db });
  });

  test('every spelling in the State TIP grant listing name column resolves', () => {
    const unresolved = tipGrantsPlaceNames.filter((name) => !resolver.resolve(name, { scheme: 'state-bureaus' }));
    assert.deepEqual(unresolved, []);
  });

  test('squashed and misspelt spellings of the listing resolve to the right country', () => {
    const expected: Record<string, string> = {
      BosniaandHerz: 'BIH',
      DomRep: 'DOM',
      CentralAfRep: 'CAF',
      'Congo, DemRep (Zaire)': 'COD',
      'Congo (Brazzaville; Rep)': 'COG',
      KyrgyzRep: 'KGZ',
      'SaoT&P': 'STP',
      'St.Kitts&Nevis': 'KNA',
      'Trin&Tobago': 'TTO',
      UArabEmir: 'ARE',
      PapuaNG: 'PNG',
      MarshallIs: 'MHL',
      SolomonIs: 'SLB',
      Madagasgar: 'MDG',
      Surinam: 'SUR',
      YemenAR: 'YEM',
      'Cote D\uFFFDIvoire': 'CIV',
      UK: 'GBR',
      USA: 'USA',
      Vatican: 'VAT',
      Brunei: 'BRN',
      'South Korea': 'KOR',
      Micronesia: 'FSM',
    };
    for (const [name, code] of Object.entries(expected)) assert.equal(resolver.resolveCountryCode(name), code, name);
  });

  test('bureau names mean State bureaus in the listing, and M49 regions elsewhere', () => {
    for (const [name, code] of Object.entries(tipGrantsBureauNames)) {
      assert.deepEqual(resolver.resolve(name, { scheme: 'state-bureaus' }), { regionCode: code }, name);
    }
    assert.deepEqual(resolver.resolve('Africa'), { regionCode: '002' });
    assert.deepEqual(resolver.resolve('Europe'), { regionCode: '150' });
    assert.deepEqual(resolver.resolve('Near East Asia'), { regionCode: 'ctip-state-nea' });
  });

  test('single-place spellings of the regional column map to M49 or program regions', () => {
    for (const [name, code] of Object.entries(tipGrantsRegionalSpellings)) {
      assert.equal(resolver.resolveRegionCode(name, { scheme: 'state-bureaus' }), code, name);
    }
    // "Iraq Region" is a group of countries, not Iraq.
    assert.equal(resolver.resolveCountryCode('Iraq Region'), undefined);
  });

  test('each part of a list of regions resolves, so an importer can split the list', () => {
    for (const part of ['Central America', 'North America', 'the Caribbean', 'South America', 'Caribbean', 'Near East']) {
      assert.ok(resolver.resolveRegionCode(part), part);
    }
  });

  test('historical and former names resolve', () => {
    const expected: Record<string, string> = {
      Yugoslavia: 'YUG',
      'Serbia and Montenegro': 'SCG',
      'Soviet Union': 'SUN',
      USSR: 'SUN',
      Czechoslovakia: 'CSK',
      Zaire: 'COD',
      'East Timor': 'TLS',
      Burma: 'MMR',
      Swaziland: 'SWZ',
      Macedonia: 'MKD',
      'Ivory Coast': 'CIV',
      "Cote d'Ivoire": 'CIV',
      "Côte d'Ivoire": 'CIV',
      Turkey: 'TUR',
    };
    for (const [name, code] of Object.entries(expected)) assert.equal(resolver.resolveCountryCode(name), code, name);
  });

  test('Kosovo and Taiwan resolve by name and code', () => {
    for (const name of ['Kosovo', 'XKX', 'XK', 'Republic of Kosovo']) assert.equal(resolver.resolveCountryCode(name), 'XKX', name);
    for (const name of ['Taiwan', 'TWN', 'TW']) assert.equal(resolver.resolveCountryCode(name), 'TWN', name);
    assert.equal(resolver.resolveCountryCode('UNK'), undefined);
  });

  test('codes, official names, case and articles', () => {
    assert.equal(resolver.resolveCountryCode('npl'), 'NPL');
    assert.equal(resolver.resolveCountryCode('NP'), 'NPL');
    assert.equal(resolver.resolveCountryCode('524'), 'NPL');
    assert.equal(resolver.resolveCountryCode('Federal Democratic Republic of Nepal'), 'NPL');
    assert.equal(resolver.resolveCountryCode('The Gambia'), 'GMB');
    assert.equal(resolver.resolveRegionCode('002'), '002');
    assert.equal(resolver.resolveRegionCode('ctip-mekong'), 'ctip-mekong');
    assert.equal(resolver.resolveRegionCode('Sub-Saharan Africa'), '202');
  });

  test('reused withdrawn codes do not resolve; unknown and empty names give undefined', () => {
    assert.equal(resolver.resolve('CS'), undefined, 'CS was Czechoslovakia and then Serbia and Montenegro');
    assert.equal(resolver.resolve('Atlantis'), undefined);
    assert.equal(resolver.resolve('  '), undefined);
    assert.equal(resolver.resolve('Not Listed'), undefined);
    assert.equal(resolver.resolve('Bangladesh, India, and Nepal'), undefined);
  });
});
