import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { getProgramById } from '../../programs/program.service.ts';
import { systemViewer } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { importTipGrants } from './tip-grants.importer.ts';
import { countRows, seedForImport, testActor } from '../../testing/tip-grants-fixture.ts';
import { selectRows } from '../../db/select-rows.ts';

const header =
  '"name","fiscal year","cowcode","grant","recipient","subgrantee","prevention","protection","prosecution","research","amount","regional","recipient_type"';
const iomRow = '"Afghanistan",2004,700,1,"IOM",,1,1,1,0,"$101,852",,"IGO"';

function csv(...rows: string[]): string {
  return `${[header, ...rows].join('\n')}\n`;
}

async function rejectsWith(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected the import to fail');
}

describeEachDatabase('importTipGrants on bad input', { prepare: seedForImport }, (database) => {
  const run = (content: string | Uint8Array, extra: { fundingAgencyId?: string } = {}) =>
    importTipGrants({ db: database.db, content, actor: testActor, ...extra });

  it('names the missing and unexpected columns of an unknown layout, and writes nothing', async () => {
    const before = await countRows(database.db);
    const error = await rejectsWith(
      run(csv(iomRow).replace('"amount"', '"amount_usd"')),
      'INVALID_FILE',
      /missing column 'amount'.*unexpected column 'amount_usd'/,
    );
    assert.equal(error.details?.[0]?.line, 1);
    await rejectsWith(run('a,b,c\n1,2,3\n'), 'INVALID_FILE', /missing columns 'name', 'fiscal year'/);
    assert.deepEqual(await countRows(database.db), before);
  });

  it('names the line of an unclosed quote or a row with the wrong number of fields, and writes nothing', async () => {
    const before = await countRows(database.db);
    const unclosed = await rejectsWith(
      run(csv(iomRow, '"Albania",2004,339,1,"IOM",,1,1,1,0,"$5,000",,"IGO')),
      'INVALID_FILE',
      /not valid CSV at line \d+: a quoted field is never closed/,
    );
    assert.ok(unclosed.details?.[0]?.line);
    const stray = await rejectsWith(
      run(csv(iomRow, '"Albania",2004,339,1,"IOM,,1,1,1,0,"$5,000",,"IGO"')),
      'INVALID_FILE',
      /not valid CSV at line 3: a quote closes a field in the middle/,
    );
    assert.equal(stray.details?.[0]?.line, 3);
    const wrongCount = await rejectsWith(
      run(csv(iomRow, '"Albania",2004,339,1,"IOM",,1')),
      'INVALID_FILE',
      /at line 3: the row has a different number of fields/,
    );
    assert.equal(wrongCount.details?.[0]?.line, 3);
    assert.deepEqual(await countRows(database.db), before);
  });

  it('rejects an empty file and a blank one', async () => {
    await rejectsWith(run(''), 'INVALID_FILE', /empty/);
    await rejectsWith(run('\n\n  \n'), 'INVALID_FILE', /empty/);
    await rejectsWith(run('\uFEFF'), 'INVALID_FILE', /empty/);
  });

  it('reports a header-only file as zero rows read', async () => {
    const report = await run(csv());
    assert.equal(report.read, 0);
    assert.equal(report.imported, 0);
  });

  it('rejects an unknown funding agency before reading the file', async () => {
    await rejectsWith(
      importTipGrants({ db: database.db, filePath: '/nonexistent/file.csv', fundingAgencyId: 'nasa', actor: testActor }),
      'VALIDATION_FAILED',
      /Unknown funding agency 'nasa'.*state-tip/,
    );
    await rejectsWith(
      importTipGrants({ db: database.db, filePath: '/nonexistent/file.csv', actor: testActor }),
      'INVALID_FILE',
      /no such file/,
    );
  });

  it('rejects a row with a negative amount, with a problem, and writes no program for it', async () => {
    const before = await countRows(database.db);
    const report = await run(csv('"Albania",2004,339,1,"IOM",,1,1,1,0,"-$5,000",,"IGO"'));
    assert.deepEqual([report.read, report.rejected, report.imported], [1, 1, 0]);
    assert.deepEqual(report.problems, [
      {
        line: 2,
        field: 'amount',
        message: "'-$5,000' is negative; a grant listing records obligations, which cannot be negative",
        severity: 'error',
      },
    ]);
    const after = await countRows(database.db);
    assert.deepEqual({ ...after, import_runs: before.import_runs }, before);
  });

  it('rejects a row whose country is unknown and files the name for review', async () => {
    const before = await countRows(database.db);
    const report = await run(csv('"Atlantis",2004,999,1,"IOM",,1,1,1,0,"$5,000",,"IGO"', iomRow));
    assert.deepEqual([report.read, report.rejected, report.imported], [2, 1, 1]);
    assert.match(report.problems.find((problem) => problem.line === 2)!.message, /'Atlantis' is not a known country or region/);
    assert.deepEqual(report.unresolvedNames, [{ kind: 'place', name: 'Atlantis', occurrences: 1, firstLine: 2 }]);
    const after = await countRows(database.db);
    assert.equal(after.programs, before.programs + 1, 'only the good row became a program');
    const [filed] = await selectRows<{ kind: string; source: string }>(
      database.db,
      sql`SELECT kind, source FROM unresolved_names WHERE name = 'Atlantis'`,
    );
    assert.deepEqual(filed, { kind: 'place', source: 'tip-grants' });
  });

  it('reads a Windows-1252 file with a warning, accented names intact', async () => {
    const content = iconv.encode(csv('"Colombia",2004,100,1,"Fundación Esperanza",,1,1,0,0,"$80,000",,"NGO"'), 'windows-1252');
    const report = await run(content);
    assert.equal(report.encoding, 'windows-1252');
    assert.equal(report.imported, 1);
    assert.equal(report.problems[0]!.severity, 'warning');
    assert.match(report.problems[0]!.message, /not valid UTF-8; it was read as Windows-1252/);
    const [organization] = await selectRows<{ name: string; type_code: string }>(
      database.db,
      sql`SELECT name, type_code FROM organizations WHERE name LIKE 'Fundaci%Esperanza'`,
    );
    assert.deepEqual(organization, { name: 'Fundación Esperanza', type_code: '21' });
  });

  it('reads a UTF-8 file with a byte order mark', async () => {
    const report = await run(`\uFEFF${csv('"Nepal",2004,790,1,"The Asia Foundation",,1,0,0,0,"$120,000",,"NPO"')}`);
    assert.deepEqual([report.encoding, report.imported, report.problems.length], ['utf-8', 1, 0]);
  });

  it('attaches a country row with a regional text to the country and the region', async () => {
    const report = await run(csv('"Thailand",2006,800,1,"IOM",,1,1,0,0,"$250,000","Mekong Region","IGO"'));
    assert.equal(report.imported, 1);
    const [row] = await selectRows<{ id: number }>(
      database.db,
      sql`SELECT id FROM programs WHERE title = 'IOM — Thailand, Mekong Region, FY2006' OR title LIKE 'IOM — Thailand, %FY2006'`,
    );
    const detail = await getProgramById({ db: database.db, id: row!.id, viewer: systemViewer });
    assert.equal(detail.places.length, 2);
    assert.equal(detail.places[0]!.countryCode, 'THA');
    assert.ok(detail.places[1]!.regionCode);
  });

  it('rolls back everything when a failure happens half way', async () => {
    const before = await countRows(database.db);
    await assert.rejects(
      importTipGrants({
        db: database.db,
        content: csv('"Peru",2004,135,1,"Some New Peruvian NGO",,1,0,0,0,"$10,000",,"NGO"'),
        actor: testActor,
        onProgress: (progress) => {
          if (progress.phase === 'writing' && progress.done > 0) throw new Error('disk full');
        },
      }),
      /disk full/,
    );
    assert.deepEqual(await countRows(database.db), before, 'no program, organization, alias or unresolved name was left behind');
  });
});
