import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { describeEachDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { importIatiFile, type IatiImportReport } from './iati.importer.ts';
import { countRows, fixtures, testActor, writeTemporaryFile } from './testing/iati-fixture.ts';
import { selectRows } from '../../db/select-rows.ts';

async function prepare(database: TestDatabase): Promise<void> {
  await seedReferenceData({ db: database.db });
  await seedOrganizations({ db: database.db });
}

const counts = ({ read, imported, created, updated, merged, rejected, skipped, unchanged }: IatiImportReport) => ({
  read,
  imported,
  created,
  updated,
  merged,
  rejected,
  skipped,
  unchanged,
});

async function programOf(database: TestDatabase, key: string) {
  const [row] = await selectRows<{
    id: number;
    title: string;
    description: string | null;
    funding_agency_id: string;
    status: string;
    start_date: string | null;
    end_date: string | null;
    source_record: Record<string, unknown>;
  }>(
    database.db,
    sql`SELECT id, title, description, funding_agency_id, status, start_date::text, end_date::text, source_record FROM programs WHERE source = 'iati' AND source_key = ${key}`,
  );
  assert.ok(row, `a program for ${key}`);
  return row;
}

describeEachDatabase('importIatiFile', { prepare }, (database) => {
  it('rejects an activity whose funder is not a ctip agency when no --funding-agency is given, and imports the others', async () => {
    const report = await importIatiFile({ db: database.db, filePath: fixtures.trafficking, actor: testActor });
    assert.deepEqual(counts(report), { read: 5, imported: 4, created: 4, updated: 0, merged: 0, rejected: 1, skipped: 0, unchanged: 0 });
    const error = report.problems.find((problem) => problem.severity === 'error')!;
    assert.equal(error.path, 'iati-activity[2]');
    assert.match(error.message, /the funder, FCDO \(GB-GOV-1\), is not a U\.S\. agency ctip knows .*--funding-agency ID/);
  });

  it('maps a USAID activity: agency, dates, status, English title with the other languages as narratives', async () => {
    const program = await programOf(database, 'US-GOV-1-TIP-001');
    assert.deepEqual(
      { title: program.title, agency: program.funding_agency_id, status: program.status, start: program.start_date, end: program.end_date },
      { title: 'Countering human trafficking in South Asia', agency: 'usaid', status: 'active', start: '2015-09-01', end: '2018-08-31' },
    );
    assert.equal(
      program.description,
      'Protection and reintegration of survivors of trafficking.\n\nObjectives: Train police and prosecutors.',
    );
    assert.deepEqual(program.source_record.fundingAgency, { id: 'usaid', assignedBy: 'IATI funding organisation US-GOV-1' });
    const narratives = await selectRows(
      database.db,
      sql`SELECT field, language, text FROM program_narratives WHERE program_id = ${program.id} ORDER BY field, language`,
    );
    assert.deepEqual(narratives, [
      { field: 'description', language: 'fr', text: 'Protection et réintégration des survivants de la traite.' },
      { field: 'title', language: 'es', text: 'Lucha contra la trata de personas en Asia meridional' },
      { field: 'title', language: 'fr', text: 'Lutte contre la traite des personnes en Asie du Sud' },
    ]);
  });

  it('keeps transactions with currency, value date and U.S. fiscal year; USD commitments become obligations per fiscal year', async () => {
    const { id } = await programOf(database, 'US-GOV-1-TIP-001');
    const transactions = await selectRows(
      database.db,
      sql`SELECT transaction_type, value_date::text, fiscal_year, amount_minor::text, currency, description FROM program_transactions WHERE program_id = ${id} ORDER BY id`,
    );
    assert.deepEqual(transactions, [
      {
        transaction_type: 'commitment',
        value_date: '2015-09-30',
        fiscal_year: 2015,
        amount_minor: '100000000',
        currency: 'USD',
        description: null,
      },
      {
        transaction_type: 'commitment',
        value_date: '2015-10-05',
        fiscal_year: 2016,
        amount_minor: '25000050',
        currency: 'USD',
        description: 'Second tranche',
      },
      {
        transaction_type: 'disbursement',
        value_date: '2016-03-15',
        fiscal_year: 2016,
        amount_minor: '40000000',
        currency: 'USD',
        description: null,
      },
      {
        transaction_type: 'expenditure',
        value_date: '2016-06-02',
        fiscal_year: 2016,
        amount_minor: '100055',
        currency: 'EUR',
        description: null,
      },
    ]);
    const obligations = await selectRows(
      database.db,
      sql`SELECT fiscal_year, amount_cents::text FROM program_obligations WHERE program_id = ${id} ORDER BY fiscal_year`,
    );
    assert.deepEqual(obligations, [
      { fiscal_year: 2015, amount_cents: '100000000' },
      { fiscal_year: 2016, amount_cents: '25000050' },
    ]);
  });

  it('turns percentages into whole shares that never exceed 100, and DAC and M49 regions into ctip regions', async () => {
    const shares = async (key: string) => {
      const { id } = await programOf(database, key);
      return selectRows(
        database.db,
        sql`SELECT country_code, region_code, share_percent FROM program_places WHERE program_id = ${id} ORDER BY id`,
      );
    };
    assert.deepEqual(await shares('US-GOV-1-TIP-001'), [
      { country_code: 'NPL', region_code: null, share_percent: 34 },
      { country_code: 'BGD', region_code: null, share_percent: 33 },
      { country_code: 'IND', region_code: null, share_percent: 33 },
    ]);
    assert.deepEqual(await shares('US-GOV-11-EVAWG-7'), [
      { country_code: 'GTM', region_code: null, share_percent: 60 },
      { country_code: null, region_code: '005', share_percent: 40 },
    ]);
    assert.deepEqual(await shares('US-GOV-1-WATER-9'), [{ country_code: null, region_code: '419', share_percent: 100 }]);
  });

  it('resolves implementing partners by reviewed alias, records their IATI identifier, and files unknown names for review', async () => {
    const { id } = await programOf(database, 'US-GOV-1-TIP-001');
    const partners = await selectRows<{ name: string; role: string; reviewed: boolean }>(
      database.db,
      sql`SELECT o.name, p.role, o.reviewed FROM program_partners p JOIN organizations o ON o.id = p.organization_id WHERE p.program_id = ${id} ORDER BY o.name`,
    );
    assert.deepEqual(partners, [
      { name: 'International Organization for Migration', role: 'prime', reviewed: true },
      { name: 'Shakti Samuha', role: 'prime', reviewed: false },
    ]);
    const identifiers = await selectRows(
      database.db,
      sql`SELECT o.name, i.value FROM organization_identifiers i JOIN organizations o ON o.id = i.organization_id WHERE i.scheme = 'iati'`,
    );
    assert.deepEqual(identifiers, [{ name: 'International Organization for Migration', value: 'XM-DAC-47066' }]);
    const unresolved = await selectRows(database.db, sql`SELECT kind, name, source FROM unresolved_names WHERE source = 'iati'`);
    assert.deepEqual(unresolved, [{ kind: 'organization', name: 'Shakti Samuha', source: 'iati' }]);
  });

  it('with --only-trafficking and --funding-agency: keeps what the rules match, says which rule, skips the rest', async () => {
    const report = await importIatiFile({
      db: database.db,
      filePath: fixtures.trafficking,
      actor: testActor,
      onlyTrafficking: true,
      fundingAgencyId: 'state-tip',
    });
    assert.deepEqual(counts(report), { read: 5, imported: 1, created: 1, updated: 0, merged: 0, rejected: 0, skipped: 1, unchanged: 3 });
    assert.deepEqual(
      report.details.kept.map((entry) => [entry.identifier, entry.rules]),
      [
        ['US-GOV-1-TIP-001', ['sdg-8.7', 'en-trafficking', 'fr-traite', 'es-trata']],
        ['GB-GOV-1-300001', ['fr-traite']],
        ['US-GOV-11-EVAWG-7', ['sector-15180']],
        ['US-GOV-17-CL-3', ['es-trabajo-forzoso', 'ru-torgovlya-lyudmi']],
      ],
    );
    assert.equal(report.details.rulesMatched['fr-traite'], 2);
    const fcdo = await programOf(database, 'GB-GOV-1-300001');
    assert.equal(fcdo.title, 'Lutte contre la traite des êtres humains au Niger');
    assert.equal(fcdo.funding_agency_id, 'state-tip');
    assert.match(
      String((fcdo.source_record.fundingAgency as { assignedBy: string }).assignedBy),
      /--funding-agency \(the funding organisation, FCDO \(GB-GOV-1\), is not a ctip agency\)/,
    );
    assert.ok(
      report.problems.some(
        (problem) =>
          problem.path === 'iati-activity[2]' && /commitments in GBP are kept in program transactions only/.test(problem.message),
      ),
    );
  });

  it('is idempotent: a second import changes nothing', async () => {
    const before = await countRows(database.db);
    const report = await importIatiFile({
      db: database.db,
      filePath: fixtures.trafficking,
      actor: testActor,
      fundingAgencyId: 'state-tip',
    });
    assert.deepEqual(counts(report), { read: 5, imported: 0, created: 0, updated: 0, merged: 0, rejected: 0, skipped: 0, unchanged: 5 });
    const after = await countRows(database.db);
    assert.deepEqual({ ...after, import_runs: before.import_runs }, before);
  });

  it('updates (with history) an activity whose transactions changed', async () => {
    const changed = readFileSync(fixtures.trafficking, 'utf8').replace('>400000<', '>400001<');
    const report = await importIatiFile({
      db: database.db,
      filePath: writeTemporaryFile('changed.xml', changed),
      actor: testActor,
      fundingAgencyId: 'state-tip',
    });
    assert.deepEqual(counts(report), { read: 5, imported: 1, created: 0, updated: 1, merged: 0, rejected: 0, skipped: 0, unchanged: 4 });
    const { id } = await programOf(database, 'US-GOV-1-TIP-001');
    const rows = await selectRows(
      database.db,
      sql`SELECT amount_minor::text FROM program_transactions WHERE program_id = ${id} AND transaction_type = 'disbursement'`,
    );
    assert.deepEqual(rows, [{ amount_minor: '40000100' }]);
    const history = await selectRows(database.db, sql`SELECT action FROM program_history WHERE program_id = ${id} ORDER BY id`);
    assert.deepEqual(history, [{ action: 'create' }, { action: 'update' }]);
  });

  it('a dry run reports what would be created and writes nothing', async () => {
    const before = await countRows(database.db);
    const report = await importIatiFile({
      db: database.db,
      filePath: fixtures.dfid101,
      actor: testActor,
      fundingAgencyId: 'state-tip',
      dryRun: true,
    });
    assert.equal(report.dryRun, true);
    assert.deepEqual(counts(report), { read: 5, imported: 5, created: 5, updated: 0, merged: 0, rejected: 0, skipped: 0, unchanged: 0 });
    assert.deepEqual(await countRows(database.db), before);
  });

  it('imports the real DFID 1.01 excerpt: GBP kept in transactions, no USD obligations, placeholder partners left out', async () => {
    const report = await importIatiFile({ db: database.db, filePath: fixtures.dfid101, actor: testActor, fundingAgencyId: 'state-tip' });
    assert.deepEqual(counts(report), { read: 5, imported: 5, created: 5, updated: 0, merged: 0, rejected: 0, skipped: 0, unchanged: 0 });
    assert.equal(report.details.iatiVersion, '1.01');
    assert.equal(report.details.transactions, 8);
    const program = await programOf(database, 'GB-1-105838-101');
    assert.deepEqual([program.status, program.start_date, program.end_date], ['completed', '2004-01-01', '2008-11-30']);
    const totals = await selectRows(
      database.db,
      sql`SELECT t.currency, t.transaction_type, t.fiscal_year, sum(t.amount_minor)::text AS total FROM program_transactions t JOIN programs p ON p.id = t.program_id
          WHERE p.source_key LIKE 'GB-1-%' GROUP BY 1, 2, 3 ORDER BY 2, 3`,
    );
    assert.ok(totals.length > 0 && totals.every((row) => (row as { currency: string }).currency === 'GBP'));
    const obligations = await selectRows(
      database.db,
      sql`SELECT count(*)::int AS n FROM program_obligations o JOIN programs p ON p.id = o.program_id WHERE p.source_key LIKE 'GB-1-%'`,
    );
    assert.deepEqual(obligations, [{ n: 0 }]);
    assert.ok(report.problems.some((problem) => /'Other\.' is a placeholder/.test(problem.message)));
    const again = await importIatiFile({ db: database.db, filePath: fixtures.dfid101, actor: testActor, fundingAgencyId: 'state-tip' });
    assert.deepEqual(counts(again), { read: 5, imported: 0, created: 0, updated: 0, merged: 0, rejected: 0, skipped: 0, unchanged: 5 });
  });

  it('imports the 2.03 and 2.01 examples and Sida 1.00 (USD disbursements, DAC region 189 → M49 015)', async () => {
    const example = await importIatiFile({
      db: database.db,
      filePath: fixtures.example203,
      actor: testActor,
      fundingAgencyId: 'state-tip',
    });
    assert.deepEqual(counts(example), { read: 1, imported: 1, created: 1, updated: 0, merged: 0, rejected: 0, skipped: 0, unchanged: 0 });
    assert.ok(
      example.problems.some((problem) => problem.path === 'iati-activity[1]/recipient-region[2]' && /vocabulary 99/.test(problem.message)),
    );
    const older = await importIatiFile({ db: database.db, filePath: fixtures.example201, actor: testActor, fundingAgencyId: 'state-tip' });
    assert.equal(older.details.iatiVersion, '2.01');
    const sida = await importIatiFile({ db: database.db, filePath: fixtures.sida100, actor: testActor, fundingAgencyId: 'state-tip' });
    assert.deepEqual(counts(sida), { read: 2, imported: 2, created: 2, updated: 0, merged: 0, rejected: 0, skipped: 0, unchanged: 0 });
    const { id } = await programOf(database, 'SE-6-5204017401-189ANO-72010');
    assert.deepEqual(await selectRows(database.db, sql`SELECT region_code, share_percent FROM program_places WHERE program_id = ${id}`), [
      { region_code: '015', share_percent: 100 },
    ]);
  });
});
