import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../db/database.ts';
import { importTipGrants } from '../../imports/tip-grants/tip-grants.importer.ts';
import { seedOrganizations } from '../../organizations/seed-organizations.ts';
import { createProgram } from '../../programs/program.service.ts';
import { seedReferenceData } from '../../reference/seed-reference.ts';
import { buildProgramInput, testActor } from '../../testing/fixtures.ts';
import type { Assessment, Block, Cell, Section } from '../assessment.types.ts';
import type { Figure } from './test-sql.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const realFilePath = path.join(here, '..', '..', '..', 'demo', 'tip-grants', 'funding_original.csv');
export const excerptPath = path.join(here, '..', '..', 'imports', 'tip-grants', 'fixtures', 'tip-grants-excerpt.csv');
export const restrictedTitle = 'Restricted proposal zanzibarian';

/**
 * Reference data, a grant listing (the real one by default), and one restricted FY2004 proposal
 * of $7,777,777 that no published figure may include.
 */
export async function prepareAssessmentDatabase(db: Database, filePath = realFilePath): Promise<void> {
  await seedReferenceData({ db });
  await seedOrganizations({ db });
  await importTipGrants({ db, filePath, actor: { name: 'test', door: 'import' } });
  await createProgram({
    db,
    input: buildProgramInput({
      title: restrictedTitle,
      visibility: 'restricted',
      status: 'proposed',
      places: [{ countryCode: 'NPL' }],
      obligations: [{ fiscalYear: 2004, amountCents: 777_777_700, amountNote: null }],
    }),
    actor: testActor,
  });
}

function allSections(assessment: Assessment): Section[] {
  return assessment.sections.flatMap((section) => [section, ...section.subsections]);
}

/** Every block of the report, in order. */
export function allBlocks(assessment: Assessment): Block[] {
  return allSections(assessment).flatMap((section) => section.blocks);
}

/** A table of the report by id. */
export function findTable(assessment: Assessment, id: string): Extract<Block, { kind: 'table' }> {
  const table = allBlocks(assessment).find(
    (block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table' && block.id === id,
  );
  assert.ok(table, `table ${id} is in the report`);
  return table;
}

const numberOf = (cell: Cell | undefined): number =>
  cell && 'count' in cell ? cell.count : cell && 'cents' in cell ? Number(cell.cents) : Number.NaN;
const centsOf = (cell: Cell | undefined): bigint =>
  cell && 'cents' in cell ? BigInt(cell.cents) : cell && 'count' in cell ? BigInt(cell.count) : -1n;
const labelOf = (cell: Cell | undefined): string => (cell && 'text' in cell ? cell.text : '');

/** A label → (programs, cents) table (columns 1 and 2) as a map. */
export function tableFigures(assessment: Assessment, id: string): Map<string, Figure> {
  return new Map(findTable(assessment, id).rows.map((row) => [labelOf(row[0]), { programs: numberOf(row[1]), cents: centsOf(row[2]) }]));
}

/**
 * Asserts the report's rows equal the SQL's: same programs, same cents; within `tolerance`
 * cents per program where the amounts are allocated (whole cents split among places).
 */
export function assertFiguresEqual(
  actual: Map<string, Figure>,
  expected: Map<string, Figure>,
  what: string,
  options: { allocated?: boolean; subset?: boolean } = {},
): void {
  if (!options.subset) assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${what}: the same rows`);
  for (const [label, figure] of actual) {
    const sqlFigure = expected.get(label);
    assert.ok(sqlFigure, `${what}: '${label}' is in the SQL result`);
    assert.equal(figure.programs, sqlFigure.programs, `${what}: programs of '${label}'`);
    const difference = figure.cents - sqlFigure.cents;
    const tolerance = options.allocated ? BigInt(sqlFigure.programs) : 0n;
    assert.ok(
      difference <= tolerance && difference >= -tolerance,
      `${what}: cents of '${label}': report ${figure.cents}, SQL ${sqlFigure.cents}`,
    );
  }
}
