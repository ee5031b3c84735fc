import { parseDollars, parsePlace, splitCellValues, unprotectFormula, type ProgramCsvColumn } from '../../exports/program-csv.format.ts';
import { programInputSchema, type ProgramInput } from '../../programs/program.schemas.ts';
import type { CtipCsvRow, ImportProblem } from './ctip-csv.parser.ts';

/** Codes the file may use, loaded once from the database so each program is checked on its own. */
export type KnownCodes = {
  agencies: Set<string>;
  countries: Set<string>;
  regions: Set<string>;
  terms: Record<'assistance-type' | 'pillar' | 'trafficking-form' | 'target-group', Set<string>>;
};

/** A program the file describes; partners are still names, resolved in one batch later. */
export type ProgramDraft = {
  key: string;
  lines: number[];
  id: number | null;
  source: string;
  /** The upsert key: source_key, else program_key when no id is given (see README). */
  sourceKey: string | null;
  input: ProgramInput;
  partnerNames: { prime: string[]; sub: string[] };
};

export type GroupOutcome =
  { kind: 'program'; draft: ProgramDraft; problems: ImportProblem[] } | { kind: 'rejected'; lines: number[]; problems: ImportProblem[] };

/** Program columns: the same on every row of a program. */
const programColumns: ProgramCsvColumn[] = [
  'id',
  'source',
  'source_key',
  'title',
  'description',
  'funding_agency',
  'status',
  'visibility',
  'start_date',
  'end_date',
  'places',
  'prime_partners',
  'sub_partners',
  'assistance_types',
  'pillars',
  'trafficking_forms',
  'target_groups',
];

/** Where a zod issue on the program input points in the file. */
const fieldOfPath: Record<string, ProgramCsvColumn> = {
  title: 'title',
  description: 'description',
  fundingAgencyId: 'funding_agency',
  status: 'status',
  visibility: 'visibility',
  startDate: 'start_date',
  endDate: 'end_date',
  places: 'places',
  obligations: 'fiscal_year',
  assistanceTypes: 'assistance_types',
  pillars: 'pillars',
  traffickingForms: 'trafficking_forms',
  targetGroups: 'target_groups',
};

/** Every cell as meant: formula-protection apostrophes removed, surrounding spaces trimmed (descriptions keep theirs inside). */
function cleanRow(row: CtipCsvRow): CtipCsvRow {
  const fields = Object.fromEntries(
    Object.entries(row.fields).map(([column, value]) => [column, unprotectFormula(column === 'description' ? value : value.trim())]),
  );
  return { line: row.line, fields: fields as CtipCsvRow['fields'] };
}

/** Groups rows by program_key in order of first appearance; blank rows are returned apart. */
export function groupRows(rows: CtipCsvRow[]): { groups: CtipCsvRow[][]; blank: CtipCsvRow[]; keyless: CtipCsvRow[] } {
  const groups = new Map<string, CtipCsvRow[]>();
  const blank: CtipCsvRow[] = [];
  const keyless: CtipCsvRow[] = [];
  for (const raw of rows) {
    const row = cleanRow(raw);
    if (Object.values(row.fields).every((value) => value.trim() === '')) blank.push(row);
    else if (!row.fields.program_key) keyless.push(row);
    else groups.set(row.fields.program_key, [...(groups.get(row.fields.program_key) ?? []), row]);
  }
  return { groups: [...groups.values()], blank, keyless };
}

class Problems {
  readonly list: ImportProblem[] = [];
  error(line: number, field: string, message: string) {
    this.list.push({ line, field, message, severity: 'error' });
  }
  get failed() {
    return this.list.some((problem) => problem.severity === 'error');
  }
}

function readTerms(cell: string, known: Set<string>, field: ProgramCsvColumn, line: number, problems: Problems): string[] {
  const codes = splitCellValues(cell);
  for (const code of codes) if (!known.has(code)) problems.error(line, field, `unknown code '${code}'`);
  return codes;
}

function readPlaces(cell: string, known: KnownCodes, line: number, problems: Problems): ProgramInput['places'] {
  return splitCellValues(cell).flatMap((text) => {
    const place = parsePlace(text);
    if ('invalid' in place) {
      problems.error(line, 'places', place.invalid);
      return [];
    }
    // Spreadsheets turn M49 codes such as 034 into 34; the code is three digits.
    const regionCode = place.regionCode && /^\d{1,3}$/.test(place.regionCode) ? place.regionCode.padStart(3, '0') : place.regionCode;
    if (place.countryCode && !known.countries.has(place.countryCode))
      problems.error(line, 'places', `unknown country code '${place.countryCode}' (use ISO 3166-1 alpha-3, such as NPL)`);
    if (regionCode && !known.regions.has(regionCode))
      problems.error(line, 'places', `unknown region code '${regionCode}' (use a UN M49 code such as 034 or a ctip region code)`);
    return [
      place.countryCode
        ? { countryCode: place.countryCode, sharePercent: place.sharePercent }
        : { regionCode: regionCode!, sharePercent: place.sharePercent },
    ];
  });
}

type Obligation = ProgramInput['obligations'][number];

/** The obligations of a program, each with the line it came from (for problems found later). */
function readObligations(rows: CtipCsvRow[], problems: Problems): { obligations: Obligation[]; lines: number[] } {
  const read = rows
    .filter((row) => row.fields.fiscal_year || row.fields.obligation_usd || row.fields.obligation_note)
    .flatMap(({ line, fields }): { obligation: Obligation; line: number }[] => {
      if (!/^\d{4}$/.test(fields.fiscal_year)) {
        problems.error(
          line,
          'fiscal_year',
          fields.fiscal_year ? `'${fields.fiscal_year}' is not a fiscal year such as 2004` : 'an obligation needs its fiscal year',
        );
        return [];
      }
      const base = { fiscalYear: Number(fields.fiscal_year), amountNote: fields.obligation_note || null };
      if (!fields.obligation_usd) return [{ obligation: { ...base, amountCents: null }, line }];
      const amount = parseDollars(fields.obligation_usd);
      if (amount.kind === 'invalid') {
        problems.error(line, 'obligation_usd', amount.reason);
        return [];
      }
      return [{ obligation: { ...base, amountCents: amount.cents }, line }];
    });
  return { obligations: read.map((item) => item.obligation), lines: read.map((item) => item.line) };
}

/** Reports every program column that differs from the program's first row. */
function checkConsistency(rows: CtipCsvRow[], problems: Problems): void {
  const [first, ...rest] = rows;
  for (const row of rest) {
    for (const column of programColumns) {
      if (row.fields[column] !== first!.fields[column])
        problems.error(
          row.line,
          column,
          `differs from line ${first!.line} of the same program_key '${first!.fields.program_key}'; program columns must repeat on every row`,
        );
    }
  }
}

function readIdentity(fields: CtipCsvRow['fields'], line: number, problems: Problems): Pick<ProgramDraft, 'id' | 'source' | 'sourceKey'> {
  const validId = /^\d{1,9}$/.test(fields.id) && Number(fields.id) > 0;
  if (fields.id && !validId) problems.error(line, 'id', `'${fields.id}' is not a program id`);
  const id = validId ? Number(fields.id) : null;
  const source = fields.source || 'ctip-csv';
  if (!/^[a-z0-9][a-z0-9._-]{0,39}$/.test(source))
    problems.error(line, 'source', `'${source}' is not a source name (lower-case letters, digits, - . _)`);
  if (fields.source_key.length > 500) problems.error(line, 'source_key', 'is longer than 500 characters');
  // Without an id or a source key, the program key is the stable key, so a second import updates.
  const sourceKey = fields.source_key || (id === null ? fields.program_key : null);
  return { id, source, sourceKey };
}

/**
 * Reads the rows of one program into a draft, or rejects the program with every problem found.
 * Pure: codes are checked against `known`, nothing is written and nothing throws.
 */
export function interpretGroup(rows: CtipCsvRow[], known: KnownCodes): GroupOutcome {
  const problems = new Problems();
  const lines = rows.map((row) => row.line);
  checkConsistency(rows, problems);
  const { line, fields } = rows[0]!;
  const identity = readIdentity(fields, line, problems);
  const obligations = readObligations(rows, problems);
  if (fields.funding_agency && !known.agencies.has(fields.funding_agency))
    problems.error(line, 'funding_agency', `unknown agency '${fields.funding_agency}'`);
  const candidate = {
    title: fields.title,
    description: fields.description.trim() ? fields.description : null,
    fundingAgencyId: fields.funding_agency,
    status: fields.status,
    visibility: fields.visibility || 'public',
    startDate: fields.start_date || null,
    endDate: fields.end_date || null,
    partners: [],
    places: readPlaces(fields.places, known, line, problems),
    obligations: obligations.obligations,
    assistanceTypes: readTerms(fields.assistance_types, known.terms['assistance-type'], 'assistance_types', line, problems),
    pillars: readTerms(fields.pillars, known.terms.pillar, 'pillars', line, problems),
    traffickingForms: readTerms(fields.trafficking_forms, known.terms['trafficking-form'], 'trafficking_forms', line, problems),
    targetGroups: readTerms(fields.target_groups, known.terms['target-group'], 'target_groups', line, problems),
  };
  const parsed = programInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path;
      const obligationLine = head === 'obligations' && typeof index === 'number' ? obligations.lines[index] : undefined;
      const field =
        head === 'obligations' && issue.path[2] === 'amountCents' ? 'obligation_usd' : (fieldOfPath[String(head)] ?? String(head ?? 'row'));
      problems.error(obligationLine ?? line, field, issue.message);
    }
  }
  if (problems.failed || !parsed.success) return { kind: 'rejected', lines, problems: problems.list };
  const partnerNames = { prime: splitCellValues(fields.prime_partners), sub: splitCellValues(fields.sub_partners) };
  return {
    kind: 'program',
    problems: problems.list,
    draft: { key: fields.program_key, lines, ...identity, input: parsed.data, partnerNames },
  };
}
