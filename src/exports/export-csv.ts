import type { ProgramDetail } from '../programs/program.schemas.ts';
import {
  encodeCsvRecord,
  formatCentsAsDollars,
  formatPlace,
  joinCellValues,
  programCsvColumns,
  type ProgramCsvColumn,
} from './program-csv.format.ts';
import { walkProgramPages, type ExportOptions } from './program-pages.ts';

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark. */
const byteOrderMark = '\uFEFF';

/** The CSV rows of one program: one per fiscal-year obligation, or one without a year when it has none. */
export function programCsvRows(program: ProgramDetail): Record<ProgramCsvColumn, string>[] {
  const common = {
    program_key: String(program.id),
    id: String(program.id),
    source: program.source,
    source_key: program.sourceKey ?? '',
    title: program.title,
    description: program.description ?? '',
    funding_agency: program.fundingAgency.id,
    status: program.status,
    visibility: program.visibility,
    start_date: program.startDate ?? '',
    end_date: program.endDate ?? '',
    places: joinCellValues(program.places.map(formatPlace)),
    prime_partners: joinCellValues(program.partners.filter((partner) => partner.role === 'prime').map((partner) => partner.name)),
    sub_partners: joinCellValues(program.partners.filter((partner) => partner.role === 'sub').map((partner) => partner.name)),
    assistance_types: joinCellValues(program.assistanceTypes),
    pillars: joinCellValues(program.pillars),
    trafficking_forms: joinCellValues(program.traffickingForms),
    target_groups: joinCellValues(program.targetGroups),
  };
  if (program.obligations.length === 0) return [{ ...common, fiscal_year: '', obligation_usd: '', obligation_note: '' }];
  return program.obligations.map((obligation) => ({
    ...common,
    fiscal_year: String(obligation.fiscalYear),
    obligation_usd: obligation.amountCents === null ? '' : formatCentsAsDollars(obligation.amountCents),
    obligation_note: obligation.amountNote ?? '',
  }));
}

/** The header line of the ctip program CSV (with the byte-order mark that starts the file). */
export function programCsvHeader(): string {
  return `${byteOrderMark}${programCsvColumns.join(',')}\r\n`;
}

/**
 * Streams every matching program as RFC 4180 CSV (CRLF, UTF-8 with BOM), one row per program
 * and fiscal year, text cells protected against formula injection. One chunk per page.
 */
export async function* exportProgramsCsv(options: ExportOptions): AsyncGenerator<string> {
  let first = true;
  for await (const page of walkProgramPages(options)) {
    let chunk = first ? programCsvHeader() : '';
    first = false;
    for (const program of page) for (const row of programCsvRows(program)) chunk += encodeCsvRecord(row);
    yield chunk;
  }
}
