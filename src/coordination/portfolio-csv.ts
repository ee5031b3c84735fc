import type { CentsValue } from '../shared/money.ts';
import type { OverlapReport } from './coordination.schemas.ts';

const columns = [
  'finding',
  'place_code',
  'place',
  'fiscal_years',
  'pillar_or_shared_terms',
  'agencies',
  'shared_partners',
  'text_similarity',
  'cross_agency',
  'program_ids',
  'program_titles',
  'obligated_usd',
] as const;

/**
 * A cell as RFC 4180 wants it, safe to open in a spreadsheet: text that a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Exact dollars from integer cents: 12345 → "123.45". */
function dollars(cents: CentsValue): string {
  const value = BigInt(cents);
  return `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
}

/**
 * The report as one CSV table, one row per finding (an area for fragmentation, a group of
 * programs for duplication, a pair for overlap), CRLF line ends, UTF-8 with a byte-order mark for
 * spreadsheets. Lists inside a cell are separated by "; ", titles by " | ".
 */
export function overlapReportCsv(report: OverlapReport): string {
  const rows: string[][] = [];
  for (const area of report.fragmentation) {
    rows.push([
      'fragmentation',
      area.placeCode,
      area.placeName,
      `${report.fiscalYearFrom}-${report.fiscalYearTo}`,
      area.pillar,
      area.agencies.join('; '),
      '',
      '',
      'true',
      area.programIds.join('; '),
      '',
      dollars(area.obligatedCents),
    ]);
  }
  for (const group of report.duplication) {
    rows.push([
      'duplication',
      group.places.map((place) => place.code).join('; '),
      group.places.map((place) => place.name).join('; '),
      group.fiscalYears.join('; '),
      group.assistanceTypes.join('; '),
      group.agencies.join('; '),
      group.partners.join('; '),
      '',
      String(group.crossAgency),
      group.programs.map((program) => program.id).join('; '),
      group.programs.map((program) => program.title).join(' | '),
      dollars(group.obligatedCents),
    ]);
  }
  for (const pair of report.overlap) {
    rows.push([
      pair.kind,
      pair.placeCode,
      pair.placeName,
      pair.fiscalYears.join('; '),
      pair.sharedTerms.join('; '),
      [...new Set([pair.first.agency, pair.second.agency])].join('; '),
      pair.sharedPartners.join('; '),
      pair.textSimilarity.toFixed(2),
      String(pair.crossAgency),
      `${pair.first.id}; ${pair.second.id}`,
      `${pair.first.title} | ${pair.second.title}`,
      dollars(pair.obligatedCents),
    ]);
  }
  const lines = [columns.join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
