import { systemViewer } from '../shared/actor.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '../db/database.ts';
import { seedReferenceData } from '../reference/seed-reference.ts';
import { AppError } from '../shared/errors.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { reviewedOrganizations } from './organization-aliases.data.ts';
import { createOrganizationResolver } from './organization-resolver.ts';
import { organizationQuerySchema } from './organization.schemas.ts';
import { findOrganizations, getOrganizationById, listUnresolvedNames } from './organization.service.ts';
import { reviewedAliasRows, seedOrganizations } from './seed-organizations.ts';

describe('reviewed organization data', () => {
  it('never lets one spelling name two organizations', () => {
    assert.doesNotThrow(() => reviewedAliasRows());
    assert.throws(
      () =>
        reviewedAliasRows([
          { name: 'A', typeCode: '21', aliases: ['X'] },
          { name: 'B', typeCode: '21', aliases: ['x'] },
        ]),
      /'x' names both 'A' and 'B'/,
    );
  });

  it('maps every ILO spelling of the grant listing to one organization', () => {
    const byName = new Map(reviewedAliasRows().map((row) => [row.normalizedName, row.organization.name]));
    for (const spelling of [
      'ILO',
      'ILO/IPEC',
      'ILO-IPEC',
      'ILO, International Program on the Elimination of Child Labor',
      'International Labour Organization',
    ]) {
      assert.equal(
        byName.get(
          spelling
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, ' ')
            .trim(),
        ),
        'International Labour Organization',
        spelling,
      );
    }
  });

  it('uses IATI OrganisationType codes and flags faith-based organizations', () => {
    const find = (name: string) => reviewedOrganizations.find((organization) => organization.name === name)!;
    assert.equal(find('International Organization for Migration').typeCode, '40');
    assert.equal(find('Catholic Relief Services').faithBased, true);
    assert.equal(find('World Vision').faithBased, true);
    assert.equal(find('International Justice Mission').faithBased, true);
    assert.equal(
      new Set(reviewedOrganizations.map((organization) => organization.name)).size,
      reviewedOrganizations.length,
      'canonical names are unique',
    );
  });

  it('validates list queries', () => {
    assert.deepEqual(organizationQuerySchema.parse({ q: ' ipec ', limit: '5' }), { q: 'ipec', limit: 5 });
    assert.equal(organizationQuerySchema.safeParse({ limit: '0' }).success, false);
  });
});

describeEachDatabase('organizations', { prepare: async ({ db }) => void (await seedReferenceData({ db })) }, (database) => {
  it('seeds the reviewed organizations, and a second seed changes nothing', async () => {
    const first = await seedOrganizations({ db: database.db });
    assert.equal(first.created, reviewedOrganizations.length);
    const second = await seedOrganizations({ db: database.db });
    assert.deepEqual(second, { created: 0, updated: 0, aliases: first.aliases });
    const rows = await database.db.select().from(schema.organizations);
    assert.equal(rows.length, reviewedOrganizations.length);
  });

  it('resolves aliases to reviewed organizations and creates one unreviewed organization per new name', async () => {
    const resolver = await createOrganizationResolver({ db: database.db, source: 'test' });
    const resolved = await resolver.resolveAll([
      { name: 'ILO-IPEC' },
      { name: 'Dept. of Justice OPDAT' },
      { name: 'Hagar USA, Inc.', typeCode: '21' },
      { name: 'HAGAR USA INC' },
    ]);
    const ilo = resolved.get('ilo ipec')!;
    assert.equal(ilo.reviewed, true);
    assert.equal(
      (await getOrganizationById({ db: database.db, id: ilo.organizationId, viewer: systemViewer })).name,
      'International Labour Organization',
    );
    const hagar = resolver.get('Hagar USA, Inc.')!;
    assert.equal(hagar.reviewed, false);
    assert.equal(
      resolver.get('HAGAR USA INC')!.organizationId,
      hagar.organizationId,
      'spellings differing only in case and punctuation are one name',
    );
    const again = await (await createOrganizationResolver({ db: database.db, source: 'test' })).resolveAll([{ name: 'Hagar USA, Inc.' }]);
    assert.equal(again.get('hagar usa inc')!.organizationId, hagar.organizationId, 'a later import finds the same unreviewed organization');
    const detail = await getOrganizationById({ db: database.db, id: hagar.organizationId, viewer: systemViewer });
    assert.deepEqual([detail.reviewed, detail.typeCode, detail.typeName], [false, '21', 'International NGO']);
    assert.equal(resolver.lookupReviewed('Hagar USA, Inc.'), undefined);
    assert.equal(resolver.lookupReviewed('IIE - Humphrey Program')?.reviewed, true);
    const unresolved = await listUnresolvedNames({ db: database.db, viewer: systemViewer, kind: 'organization' });
    assert.deepEqual(
      unresolved.map((entry) => [entry.name, entry.occurrences, entry.source]),
      [['Hagar USA, Inc.', 2, 'test']],
    );
  });

  it('moves a spelling to the reviewed organization once reviewed data covers it', async () => {
    // As if 'World Vision International' had not been reviewed yet when an import met it.
    await database.db.delete(schema.organizationAliases).where(eq(schema.organizationAliases.normalizedName, 'world vision international'));
    const resolver = await createOrganizationResolver({ db: database.db, source: 'test' });
    await resolver.resolveAll([{ name: 'World Vision International' }]);
    const unreviewed = resolver.get('World Vision International')!;
    assert.equal(unreviewed.reviewed, false);
    await seedOrganizations({ db: database.db });
    const fresh = await createOrganizationResolver({ db: database.db, source: 'test' });
    const worldVision = fresh.lookupReviewed('World Vision International')!;
    assert.notEqual(worldVision.organizationId, unreviewed.organizationId);
    const detail = await getOrganizationById({ db: database.db, id: worldVision.organizationId, viewer: systemViewer });
    assert.deepEqual([detail.name, detail.faithBased], ['World Vision', true]);
  });

  it('finds organizations by any spelling, reviewed first', async () => {
    const found = await findOrganizations({ db: database.db, q: 'ipec' });
    assert.deepEqual(
      found.map((organization) => organization.name),
      ['International Labour Organization'],
    );
    const hagar = await findOrganizations({ db: database.db, q: 'hagar', reviewed: false });
    assert.equal(hagar[0]!.name, 'Hagar USA, Inc.');
    assert.equal((await findOrganizations({ db: database.db, q: '100%_' })).length, 0, 'LIKE wildcards in q are literal');
    assert.equal((await findOrganizations({ db: database.db, limit: 3 })).length, 3);
  });

  it('reports an unknown organization id as NOT_FOUND', async () => {
    await assert.rejects(
      getOrganizationById({ db: database.db, id: 999_999, viewer: systemViewer }),
      (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND',
    );
  });
});
