import { createHash } from 'node:crypto';
import type { PlaceMatch, PlaceResolver } from '../../reference/place-resolver.ts';
import { parseMoney } from './parse-money.ts';
import type { ImportProblem, TipGrantColumn, TipGrantRow } from './tip-grants.parser.ts';

/**
 * What one row of the grant listing means, before anything is written: the decisions of the
 * import, row by row, as a pure function of the row and the place names the database knows.
 */
export type RowOutcome =
  | { kind: 'skipped'; line: number; problems: ImportProblem[] }
  | { kind: 'rejected'; line: number; problems: ImportProblem[]; unresolvedPlace?: string }
  | { kind: 'grant'; line: number; problems: ImportProblem[]; grant: GrantDraft; unresolvedPlaces: string[] };

/** A grant row read into program terms; organizations are resolved later, in one batch. */
export type GrantDraft = {
  /** Stable key derived from the row's content: the same row imports onto the same program. */
  sourceKey: string;
  fiscalYear: number;
  recipient: string | null;
  /** IATI OrganisationType from recipient_type, for an organization the import has to create. */
  recipientTypeCode: string | null;
  /** The subgrantee column when it holds names rather than a 0/1 flag. */
  subgrantees: string | null;
  places: PlaceMatch[];
  amountCents: number | null;
  amountNote: string | null;
  pillars: string[];
  assistanceTypes: string[];
  /** The row as read, for provenance: raw fields plus the 0/1 flags of the flag layout. */
  record: { fields: Record<TipGrantColumn, string>; recipientIsSubgrantee: boolean | null; regional: boolean | null };
};

/** The code of the research assistance type in the 'assistance-type' vocabulary. */
export const researchAssistanceType = 'research';

const recipientTypeCodes: Record<string, string | null> = {
  igo: '40', // intergovernmental: IATI 40 multilateral
  npo: '21', // the listing does not say whether an NGO is international or national: 21, see README
  ngo: '21',
  government: '10',
  university: '80',
  neither: null,
};

/** Recipient cells that say the recipient is not known rather than naming one. */
const placeholderRecipients = new Set(['n a', 'not listed', 'tbd', 'unknown', 'various']);

/** Regional cells that say nothing about a place. */
const placeholderRegions = new Set(['n a', 'not listed', 'none']);

const pillarColumns = ['prevention', 'protection', 'prosecution'] as const;

function problem(line: number, field: string, message: string, severity: ImportProblem['severity']): ImportProblem {
  return { line, field, message, severity };
}

function isFlag(value: string): value is '0' | '1' {
  return value === '0' || value === '1';
}

function simplify(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The key of a row: the same 13 values always give the same key, whatever the line. */
export function sourceKeyOf(fields: Record<TipGrantColumn, string>, fiscalYear: number | string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(Object.values(fields).map((value) => value.trim())))
    .digest('hex');
  return `fy${fiscalYear}-${digest.slice(0, 24)}`;
}

function readFlags(row: TipGrantRow, problems: ImportProblem[]): { pillars: string[]; research: boolean } {
  const { line, fields } = row;
  const pillars: string[] = [];
  const notApplicable: string[] = [];
  for (const column of [...pillarColumns, 'research'] as const) {
    const value = fields[column].trim();
    if (value === '1' && column !== 'research') pillars.push(column);
    else if (simplify(value) === 'n a') notApplicable.push(column);
    else if (value !== '' && !isFlag(value))
      problems.push(problem(line, column, `expected 0 or 1, found '${value}'; not counted`, 'warning'));
  }
  if (notApplicable.length) {
    problems.push(problem(line, notApplicable[0]!, `${notApplicable.join(', ')} given as 'N/A'; read as not marked`, 'info'));
  }
  return { pillars, research: fields.research.trim() === '1' };
}

function readAmount(row: TipGrantRow, problems: ImportProblem[]): { cents: number | null; note: string | null } | 'negative' {
  const { line } = row;
  const text = row.fields.amount;
  const parsed = parseMoney(text);
  switch (parsed.kind) {
    case 'amount':
      if (parsed.note) problems.push(problem(line, 'amount', `'${text.trim()}' ${parsed.note}`, 'info'));
      if (parsed.cents === 0n) problems.push(problem(line, 'amount', 'the amount is $0; stored as zero', 'warning'));
      return { cents: Number(parsed.cents), note: null };
    case 'empty':
      problems.push(problem(line, 'amount', 'no amount given; stored as unknown', 'warning'));
      return { cents: null, note: 'No amount given in the source' };
    case 'prose':
      problems.push(problem(line, 'amount', `'${parsed.text}' is not a figure; stored as unknown`, 'warning'));
      return { cents: null, note: parsed.text };
    case 'ambiguous':
      problems.push(problem(line, 'amount', `'${parsed.text}' is ambiguous (${parsed.reason}); stored as unknown, not guessed`, 'warning'));
      return { cents: null, note: parsed.text };
    case 'negative':
      problems.push(
        problem(line, 'amount', `'${parsed.text}' is negative; a grant listing records obligations, which cannot be negative`, 'error'),
      );
      return 'negative';
  }
}

function samePlace(left: PlaceMatch, right: PlaceMatch): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * The places a row benefits. The `name` column gives a country or (Global, Africa, Western
 * Hemisphere…) a region; a place named in `regional` is added. When both are regions the
 * `regional` one is the more precise and replaces the `name` one ("Africa" + "West Africa").
 */
function readPlaces(
  row: TipGrantRow,
  resolver: PlaceResolver,
  problems: ImportProblem[],
  unresolved: string[],
): { places: PlaceMatch[]; regionalFlag: boolean | null } | undefined {
  const { line, fields } = row;
  const name = fields.name.trim();
  const main = name ? resolver.resolve(name, { scheme: 'state-bureaus' }) : undefined;
  if (!main) return undefined;
  const regional = fields.regional.trim();
  if (regional === '' || isFlag(regional)) return { places: [main], regionalFlag: regional === '' ? null : regional === '1' };
  if (placeholderRegions.has(simplify(regional))) {
    problems.push(problem(line, 'regional', `'${regional}' names no place; ignored`, 'info'));
    return { places: [main], regionalFlag: null };
  }
  const extra = resolver.resolve(regional, { scheme: 'state-bureaus' });
  if (!extra) {
    unresolved.push(regional);
    problems.push(problem(line, 'regional', `'${regional}' is not a known region or country; kept in the source record only`, 'warning'));
    return { places: [main], regionalFlag: true };
  }
  if (samePlace(main, extra)) return { places: [main], regionalFlag: true };
  if ('regionCode' in main && 'regionCode' in extra) return { places: [extra], regionalFlag: true };
  return { places: [main, extra], regionalFlag: true };
}

function hasContent(fields: Record<TipGrantColumn, string>, columns: TipGrantColumn[]): boolean {
  return columns.some((column) => fields[column].trim() !== '');
}

function readGrantFlag(row: TipGrantRow): RowOutcome | undefined {
  const { line, fields } = row;
  const grant = fields.grant.trim();
  if (grant === '1') return undefined;
  const amount = parseMoney(fields.amount);
  const zeroAmount = amount.kind === 'empty' || (amount.kind === 'amount' && amount.cents === 0n);
  if (grant === '0') {
    const problems =
      fields.recipient.trim() || !zeroAmount
        ? [
            problem(
              line,
              'grant',
              `grant is 0 although the row names '${fields.recipient.trim()}' and ${fields.amount.trim() || 'no amount'}; skipped as the file says`,
              'warning',
            ),
          ]
        : [];
    return { kind: 'skipped', line, problems };
  }
  const rest: TipGrantColumn[] = [
    'recipient',
    'subgrantee',
    'prevention',
    'protection',
    'prosecution',
    'research',
    'regional',
    'recipient_type',
  ];
  if (grant === '' && !hasContent(fields, rest) && zeroAmount) {
    return {
      kind: 'skipped',
      line,
      problems: [problem(line, 'grant', 'the grant flag is empty and the row lists no grant; skipped', 'info')],
    };
  }
  const message =
    grant === ''
      ? `the grant flag is empty but the row lists a grant (${fields.recipient.trim() || 'no recipient'}, ${fields.amount.trim() || 'no amount'}); set grant to 1 or 0`
      : `the grant flag must be 0 or 1, found '${grant}'`;
  return { kind: 'rejected', line, problems: [problem(line, 'grant', message, 'error')] };
}

/** Reads one row of the listing into an outcome; never throws on bad data. */
export function interpretRow(row: TipGrantRow, resolver: PlaceResolver): RowOutcome {
  const { line, fields } = row;
  const flagOutcome = readGrantFlag(row);
  if (flagOutcome) return flagOutcome;
  const fiscalYear = /^\d{4}$/.test(fields['fiscal year'].trim()) ? Number(fields['fiscal year'].trim()) : NaN;
  if (!(fiscalYear >= 1990 && fiscalYear <= 2100)) {
    return {
      kind: 'rejected',
      line,
      problems: [problem(line, 'fiscal year', `'${fields['fiscal year']}' is not a fiscal year between 1990 and 2100`, 'error')],
    };
  }
  const recipientText = fields.recipient.trim();
  if (!recipientText) {
    const subgrantee = fields.subgrantee.trim();
    const hint = subgrantee && !isFlag(subgrantee) ? ` (the subgrantee column says '${subgrantee}')` : '';
    return { kind: 'rejected', line, problems: [problem(line, 'recipient', `a grant row must name its recipient${hint}`, 'error')] };
  }
  const amount = parseMoney(fields.amount);
  if (/^see\s/i.test(recipientText) && (amount.kind === 'empty' || (amount.kind === 'amount' && amount.cents === 0n))) {
    return {
      kind: 'skipped',
      line,
      problems: [
        problem(line, 'recipient', `'${recipientText}' refers to a grant listed elsewhere, with no amount of its own; skipped`, 'info'),
      ],
    };
  }
  const problems: ImportProblem[] = [];
  const unresolvedPlaces: string[] = [];
  const placeResult = readPlaces(row, resolver, problems, unresolvedPlaces);
  if (!placeResult) {
    const name = fields.name.trim();
    return {
      kind: 'rejected',
      line,
      problems: [
        problem(
          line,
          'name',
          name ? `'${name}' is not a known country or region; filed for review` : 'the row names no country or region',
          'error',
        ),
      ],
      ...(name ? { unresolvedPlace: name } : {}),
    };
  }
  const money = readAmount(row, problems);
  if (money === 'negative') return { kind: 'rejected', line, problems };
  const { pillars, research } = readFlags(row, problems);
  let recipient: string | null = recipientText;
  if (placeholderRecipients.has(simplify(recipientText))) {
    problems.push(
      problem(line, 'recipient', `the recipient is given as '${recipientText}'; imported without an implementing partner`, 'warning'),
    );
    recipient = null;
  }
  const typeText = simplify(fields.recipient_type);
  const knownType = Object.hasOwn(recipientTypeCodes, typeText);
  const recipientTypeCode = knownType ? recipientTypeCodes[typeText]! : null;
  if (typeText && !knownType) {
    problems.push(problem(line, 'recipient_type', `unknown recipient type '${fields.recipient_type.trim()}'; left unknown`, 'warning'));
  }
  const subgrantee = fields.subgrantee.trim();
  return {
    kind: 'grant',
    line,
    problems,
    unresolvedPlaces,
    grant: {
      sourceKey: sourceKeyOf(fields, fiscalYear),
      fiscalYear,
      recipient,
      recipientTypeCode,
      subgrantees: subgrantee && !isFlag(subgrantee) ? subgrantee : null,
      places: placeResult.places,
      amountCents: money.cents,
      amountNote: money.note,
      pillars,
      assistanceTypes: research ? [researchAssistanceType] : [],
      record: { fields, recipientIsSubgrantee: isFlag(subgrantee) ? subgrantee === '1' : null, regional: placeResult.regionalFlag },
    },
  };
}
