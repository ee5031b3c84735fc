import { encodeCsvRecord, programCsvColumns, type ProgramCsvColumn } from '../../exports/program-csv.format.ts';

/** The example row of `ctip template csv`: every column filled the way the importer reads it. */
export const templateExampleRow: Record<ProgramCsvColumn, string> = {
  program_key: 'npl-shelters-2024',
  id: '',
  source: '',
  source_key: '',
  title: 'Shelter and reintegration services for returned victims',
  description: 'Safe house operation, legal counseling and vocational training.',
  funding_agency: 'state-tip',
  status: 'active',
  visibility: 'public',
  start_date: '2023-10-01',
  end_date: '2025-09-30',
  places: 'NPL=80; 034=20',
  prime_partners: 'International Organization for Migration',
  sub_partners: '',
  assistance_types: 'shelters; return-reintegration',
  pillars: 'protection',
  trafficking_forms: 'sex-trafficking; forced-labor',
  target_groups: 'women; children',
  fiscal_year: '2024',
  obligation_usd: '250000.00',
  obligation_note: '',
};

/** The template: the header line and one example row, CRLF-terminated like the export. */
export function renderCsvTemplate(): string {
  return `${programCsvColumns.join(',')}\r\n${encodeCsvRecord(templateExampleRow)}`;
}
