import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { importTipGrants } from '../imports/tip-grants/tip-grants.importer.ts';
import { seedOrganizations } from '../organizations/seed-organizations.ts';
import { createProgram } from '../programs/program.service.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { buildApp } from '../app/app.ts';
import { buildProgramInput, insertTestOrganization, testActor } from './fixtures.ts';
import { describeEachDatabase } from './test-database.ts';
import { rateLimitOff } from '../http/rate-limit.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const excerptPath = path.join(here, '..', 'imports', 'tip-grants', 'fixtures', 'tip-grants-excerpt.csv');
/** The whole real grant listing, as `npm start` loads it. */
export const demoDataPath = path.join(here, '..', '..', 'demo', 'tip-grants', 'funding_original.csv');

export const hostileTitle = '<script>alert(1)</script> =HYPERLINK("x")';
export const restrictedTitle = 'Restricted program zanzibarian';

/** What a portal test database holds besides the imported excerpt. */
export type PortalFixture = { hostileId: number; restrictedId: number; secretPartnerId: number };

/**
 * Seeds reference data and organizations, imports the grant-listing excerpt, and adds a program
 * with a hostile title and a restricted program (in Nepal, with a partner of its own, FY2014)
 * that no public page may show.
 */
export async function preparePortalDatabase(db: Database, options: { dataFile?: string } = {}): Promise<PortalFixture> {
  await seedReferenceData({ db });
  await seedOrganizations({ db });
  await importTipGrants({
    db,
    filePath: options.dataFile ?? excerptPath,
    fundingAgencyId: 'state-tip',
    actor: { name: 'test', door: 'system' },
  });
  const hostile = await createProgram({
    db,
    input: buildProgramInput({
      title: hostileTitle,
      description: '<img src=x onerror=alert(2)>',
      places: [{ countryCode: 'AFG' }],
      obligations: [{ fiscalYear: 2012, amountCents: 1_000_00, amountNote: null }],
    }),
    actor: testActor,
  });
  const secretPartnerId = await insertTestOrganization({ db, name: 'Secret Partner Zanzibarian' });
  const restricted = await createProgram({
    db,
    input: buildProgramInput({
      title: restrictedTitle,
      visibility: 'restricted',
      status: 'proposed',
      places: [{ countryCode: 'NPL' }],
      partners: [{ organizationId: secretPartnerId, role: 'prime' }],
      obligations: [{ fiscalYear: 2014, amountCents: 777_777_00, amountNote: null }],
      pillars: ['partnership'],
      assistanceTypes: ['hotlines'],
    }),
    actor: testActor,
  });
  return { hostileId: hostile.id, restrictedId: restricted.id, secretPartnerId };
}

/** The whole app, in process, as the public sees it (no token). */
export async function buildPortalApp(db: Database): Promise<FastifyInstance> {
  return buildApp({ db, config: { bodyLimit: 65_536, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff }, logger: false });
}

/** The text of the page's one h1 (tags removed), and how many h1 there are. */
export function headingsOf(html: string): { h1: string[] } {
  const h1 = [...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, '').trim());
  return { h1 };
}

/** Structural checks every page must pass: language, one h1, a main landmark, the skip link, labelled controls. */
export function assertPageBasics(html: string, assert: typeof import('node:assert/strict')): void {
  assert.match(html, /^<!doctype html><html lang="en">/);
  assert.equal(headingsOf(html).h1.length, 1, 'one h1');
  assert.match(html, /<main id="main-content"/);
  assert.match(html, /<a class="usa-skipnav" href="#main-content">/);
  for (const match of html.matchAll(/<(?:select|input|textarea)\b[^>]*\bid="([^"]+)"/g)) {
    if (/type="(?:hidden|submit)"/.test(match[0])) continue;
    assert.match(html, new RegExp(`<label[^>]*for="${match[1]}"`), `control ${match[1]} has a label`);
  }
  for (const match of html.matchAll(/<(select|input|textarea)\b(?![^>]*\bid=)[^>]*>/g)) {
    assert.match(match[0], /type="(?:hidden|submit)"/, `control without id: ${match[0]}`);
  }
  assert.doesNotMatch(html, /<script>alert/);
}

const fixtures = new WeakMap<object, PortalFixture>();

/** The app and fixture ids of one portal test suite, available inside tests. */
export type PortalContext = { readonly app: FastifyInstance; readonly fixture: PortalFixture; readonly db: Database };

/**
 * Runs a page test suite once per database kind on a prepared database (reference data, the
 * imported excerpt, a hostile and a restricted program), with the whole app built in process.
 */
export function describePortal(title: string, body: (context: PortalContext) => void): void {
  describeEachDatabase(
    title,
    { prepare: async (database) => fixtures.set(database, await preparePortalDatabase(database.db)) },
    (database) => {
      let app: FastifyInstance | undefined;
      before(async () => {
        app = await buildPortalApp(database.db);
      });
      after(async () => app?.close());
      body({
        get app() {
          if (!app) throw new Error('The app is built in before(); use it inside tests');
          return app;
        },
        get fixture() {
          return fixtures.get(database)!;
        },
        get db() {
          return database.db;
        },
      });
    },
  );
}
