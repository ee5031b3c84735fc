import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DatabaseHandle } from '../db/database.ts';
import { breakdownDimensions } from '../stats/stats.schemas.ts';
import { createProgram } from '../programs/program.service.ts';
import { buildProgramInput, insertTestOrganization, testActor } from '../testing/fixtures.ts';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { buildRoleWorld, injectAs, type RoleKey, type RoleWorld } from '../testing/role-fixtures.ts';

/** What must never show: a word of the title and description, the partner's name, the amount. */
const secretWord = 'quillfeather';
const secretPartner = 'Kestrelmoor Relief Collective';
const secretAmounts = ['7,777,777', '7777777.77', '777777777'];
const outsiders: RoleKey[] = ['public', 'ngo', 'dolEditor'];

/** Every public door, as GET URLs (pages, API, downloads) plus the overlap check below. */
const doors = [
  '/api/programs',
  `/api/programs?q=${secretWord}`,
  '/api/programs?fiscalYear=2031',
  '/api/programs?country=KEN&sort=-obligated',
  '/api/stats/summary?fy=2031',
  ...breakdownDimensions.map((dimension) => `/api/stats/by/${dimension}?fy=2031`),
  ...breakdownDimensions.map((dimension) => `/api/stats/by/${dimension}`),
  '/api/exports/programs.csv?fiscalYear=2031',
  '/api/exports/programs.json?fiscalYear=2031',
  '/api/exports/programs.xml?fiscalYear=2031',
  `/api/exports/programs.csv?q=${secretWord}`,
  '/api/organizations?q=kestrelmoor',
  '/api/organizations?limit=500',
  '/api/coordination/overlap?from=2030&to=2031',
  '/api/coordination/overlap.csv?from=2030&to=2031',
  '/coordination/overlap?from=2030&to=2031',
  '/',
  '/about',
  '/programs',
  '/programs?fiscalYear=2031',
  `/programs?q=${secretWord}`,
  '/programs?country=KEN',
  '/countries',
  '/countries/KEN',
  '/regions',
  '/regions/002',
  '/agencies',
  '/agencies/state-tip',
];

const checkDraft = buildProgramInput({
  title: `${secretWord} shelter for survivors`,
  description: `${secretWord} safe house and reintegration`,
  places: [{ countryCode: 'KEN' }],
  obligations: [{ fiscalYear: 2031, amountCents: 50_000_000, amountNote: null }],
});

/** Bodies differ run to run only in timestamps, file names and form tokens. */
const normalize = (body: string) =>
  body
    .replace(/name="_csrf" value="[^"]*"/g, 'CSRF')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, 'TIME')
    .replace(/ctip-[a-z-]*\d{4}-\d{2}-\d{2}[^"]*/g, 'FILE');

async function snapshot(world: RoleWorld, role: RoleKey): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for (const url of doors) {
    const response = await injectAs(world.app, world.credentials[role], { url });
    assert.ok(response.statusCode < 500, `${url} as ${role}: ${response.statusCode}`);
    bodies.set(url, response.body);
  }
  const check = await injectAs(world.app, world.credentials[role], { method: 'POST', url: '/api/coordination/check', payload: checkDraft });
  bodies.set('POST /api/coordination/check', check.body);
  return bodies;
}

/** `asked` is true when the request itself carried the word (a search box shows what was typed). */
function assertNoSecret(where: string, body: string, asked = false): void {
  if (!asked) assert.ok(!body.toLowerCase().includes(secretWord), `${where} shows the word`);
  assert.ok(!body.includes(secretPartner) && !body.includes(secretPartner.replace(/ /g, '+')), `${where} shows the partner`);
  for (const amount of secretAmounts) assert.ok(!body.includes(amount), `${where} shows the amount ${amount}`);
}

describe('a restricted program leaks through no door', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-leak-'));
  let handle: DatabaseHandle;
  let world: RoleWorld;
  const before_: Partial<Record<RoleKey, Map<string, string>>> = {};
  let secretId = 0;
  let partnerId = 0;
  before(async () => {
    handle = await createTestDatabase({ kind: 'pglite' });
    world = await buildRoleWorld(handle.db);
    const db = handle.db;
    const open = await insertTestOrganization({ db, name: 'Open Hands Kenya' });
    for (const [title, cents] of [
      ['Kenya hotline', 12_500_000],
      ['Coast shelter network', 8_000_000],
      // Titled like the secret program: the overlap report pairs them for those who may see it.
      ['Shelter proposal', 3_000_000],
    ] as const) {
      await createProgram({
        db,
        actor: testActor,
        input: buildProgramInput({
          title,
          places: [{ countryCode: 'KEN' }],
          partners: [{ organizationId: open, role: 'prime' }],
          obligations: [{ fiscalYear: 2031, amountCents: cents, amountNote: null }],
        }),
      });
    }
    for (const role of outsiders) before_[role] = await snapshot(world, role);
    partnerId = await insertTestOrganization({ db, name: secretPartner });
    const secret = await createProgram({
      db,
      actor: testActor,
      input: buildProgramInput({
        title: `Quillfeather shelter proposal`,
        description: `Pre-decisional: ${secretWord} safe house for survivors in Mombasa.`,
        visibility: 'restricted',
        status: 'proposed',
        places: [{ countryCode: 'KEN' }],
        partners: [{ organizationId: partnerId, role: 'prime' }],
        obligations: [{ fiscalYear: 2031, amountCents: 777_777_777, amountNote: null }],
      }),
    });
    secretId = secret.id;
  });
  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    await world?.app.close();
    await handle?.close();
  });

  for (const role of outsiders) {
    test(`as ${role}: no word, partner or amount anywhere, and every answer is what it was without the program`, async () => {
      const now = await snapshot(world, role);
      const changed: string[] = [];
      for (const [door, body] of now) {
        assertNoSecret(`${door} as ${role}`, body, door.includes(secretWord) || door.startsWith('POST'));
        if (normalize(body) !== normalize(before_[role]!.get(door)!)) changed.push(door);
      }
      assert.deepEqual(changed, [], `answers that changed when the restricted program was planted (totals, counts, facets)`);
    });

    test(`as ${role}: the program, its history, its partner and its pages are missing, exactly like missing ones`, async () => {
      const pairs = [
        [`/api/programs/${secretId}`, '/api/programs/1999999999'],
        [`/api/programs/${secretId}/history`, '/api/programs/1999999999/history'],
        [`/programs/${secretId}`, '/programs/1999999999'],
        [`/api/organizations/${partnerId}`, '/api/organizations/1999999999'],
        [`/partners/${partnerId}`, '/partners/1999999999'],
      ];
      for (const [hiddenUrl, missingUrl] of pairs) {
        const hidden = await injectAs(world.app, world.credentials[role], { url: hiddenUrl! });
        const missing = await injectAs(world.app, world.credentials[role], { url: missingUrl! });
        assert.equal(hidden.statusCode, 404, hiddenUrl);
        assertNoSecret(hiddenUrl!, hidden.body);
        const strip = (body: string, id: string) => normalize(body).replace(new RegExp(`(?<![\\d.])${id}(?![\\w.])`, 'g'), 'ID');
        assert.equal(
          strip(hidden.body, hiddenUrl!.match(/\d+/)![0]),
          strip(missing.body, '1999999999'),
          `${hiddenUrl} answers like ${missingUrl}`,
        );
      }
      const filtered = await injectAs(world.app, world.credentials[role], { url: `/api/programs?partner=${partnerId}` });
      assertNoSecret('partner filter', filtered.body);
    });
  }

  for (const role of ['viewer', 'editor', 'coordinator', 'admin'] as const) {
    test(`as ${role}: the program shows where it should`, async () => {
      const found = (await injectAs(world.app, world.credentials[role], { url: `/api/programs?q=${secretWord}` })).json();
      assert.equal(found.total, 1);
      assert.equal((await injectAs(world.app, world.credentials[role], { url: `/api/programs/${secretId}` })).statusCode, 200);
      assert.match((await injectAs(world.app, world.credentials[role], { url: `/programs/${secretId}` })).body, /Quillfeather/);
      assert.match(
        (await injectAs(world.app, world.credentials[role], { url: '/api/exports/programs.csv?fiscalYear=2031' })).body,
        /Quillfeather/,
      );
      assert.match((await injectAs(world.app, world.credentials[role], { url: `/partners/${partnerId}` })).body, /Kestrelmoor/);
      const summary = (await injectAs(world.app, world.credentials[role], { url: '/api/stats/summary?fy=2031' })).body;
      const outsider = before_.public!.get('/api/stats/summary?fy=2031')!;
      assert.notEqual(normalize(summary), normalize(outsider), 'the total counts the program');
    });
  }

  // The overlap check and the portfolio report show what the policy lets each viewer see: state-tip's
  // staff (the program is state-tip's), coordinators and administrators; the outsiders above never.
  for (const role of ['viewer', 'editor', 'coordinator', 'admin'] as const) {
    test(`as ${role}: the overlap check and the portfolio report (API, CSV, page) name the program`, async () => {
      const as = (options: { url: string; method?: 'POST'; payload?: object }) => injectAs(world.app, world.credentials[role], options);
      const check = (await as({ method: 'POST', url: '/api/coordination/check', payload: checkDraft })).json();
      assert.ok(
        check.matches.some((match: { programId: number }) => match.programId === secretId),
        'the check finds it',
      );
      const report = (await as({ url: '/api/coordination/overlap?from=2030&to=2031' })).json();
      const paired = report.overlap.some((pair: { first: { id: number }; second: { id: number } }) =>
        [pair.first.id, pair.second.id].includes(secretId),
      );
      assert.ok(paired, 'the report pairs it with the public shelter proposal');
      assert.match((await as({ url: '/api/coordination/overlap.csv?from=2030&to=2031' })).body, /Quillfeather/);
      assert.match((await as({ url: '/coordination/overlap?from=2030&to=2031' })).body, /Quillfeather/);
    });
  }

  test('ctip check and ctip overlap (the operator, who sees everything) name the program', async () => {
    const draftFile = path.join(folder, 'draft.json');
    writeFileSync(draftFile, JSON.stringify(checkDraft));
    const check = await runCtipInProcess({ args: ['check', draftFile, '--json'], handle });
    assert.equal(check.code, 0, check.stderr);
    assert.ok(JSON.parse(check.stdout).matches.some((match: { programId: number }) => match.programId === secretId));
    const report = await runCtipInProcess({ args: ['overlap', '--from', '2030', '--to', '2031', '--csv'], handle });
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /Quillfeather/);
  });
});
