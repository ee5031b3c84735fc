// Every importer behind one signature, with the real fixture it reads, for the tests that throw
// hostile files at all of them (NUL bytes, wide headers, mutated fixtures).
import path from 'node:path';
import type { Database } from '../../../db/database.ts';
import { importCtipCsv } from '../../ctip-csv/ctip-csv.importer.ts';
import { encodeCsvRecord } from '../../../exports/program-csv.format.ts';
import { renderCsvTemplate, templateExampleRow } from '../../ctip-csv/ctip-csv.template.ts';
import { importForeignAssistance } from '../../foreignassistance/foreignassistance.importer.ts';
import { importIatiFile } from '../../iati/iati.importer.ts';
import { importTipGrants } from '../../tip-grants/tip-grants.importer.ts';
import { importUsaspending } from '../../usaspending/usaspending.importer.ts';

const importsFolder = path.resolve(import.meta.dirname, '..', '..');
const actor = { name: 'hostile-file-test', door: 'import' } as const;

export type ImporterCase = {
  name: string;
  /** A real file the importer accepts (for the ctip CSV: the template and a second program). */
  fixture: string | (() => string);
  kind: 'csv' | 'xml';
  run: (options: { db: Database; filePath: string }) => Promise<unknown>;
};

export const importerCases: ImporterCase[] = [
  {
    name: 'tip-grants',
    kind: 'csv',
    fixture: path.join(importsFolder, 'tip-grants', 'fixtures', 'tip-grants-excerpt.csv'),
    run: ({ db, filePath }) => importTipGrants({ db, filePath, actor }),
  },
  {
    name: 'usaspending',
    kind: 'csv',
    fixture: path.join(importsFolder, 'usaspending', 'fixtures', 'usaspending-awards.csv'),
    run: ({ db, filePath }) => importUsaspending({ db, filePath, actor }),
  },
  {
    name: 'foreignassistance',
    kind: 'csv',
    fixture: path.join(importsFolder, 'foreignassistance', 'fixtures', 'fa-gov-trafficking-fictional.csv'),
    run: ({ db, filePath }) => importForeignAssistance({ db, filePath, actor }),
  },
  {
    name: 'ctip-csv',
    kind: 'csv',
    fixture: () =>
      renderCsvTemplate() + encodeCsvRecord({ ...templateExampleRow, program_key: 'second', title: 'Second program of the template file' }),
    run: ({ db, filePath }) => importCtipCsv({ db, filePath, actor }),
  },
  {
    name: 'iati',
    kind: 'xml',
    fixture: path.join(importsFolder, 'iati', 'fixtures', 'trafficking-2.03-constructed.xml'),
    run: ({ db, filePath }) => importIatiFile({ db, filePath, actor, fundingAgencyId: 'state-tip' }),
  },
];
