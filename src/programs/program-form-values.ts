import type { ProgramDetail } from './program.schemas.ts';
import { formatUsd, type CentsValue } from '../shared/money.ts';

/** One partner row as typed: the organization is chosen by name, resolved on submit. */
export type PartnerRow = { name: string; role: string };
/** One place row: a country or a region, and the share of the program it receives. */
export type PlaceRow = { country: string; region: string; share: string };
/** One obligation row: amount in dollars as typed ("1,234.56"); empty with a note means unknown. */
export type ObligationRow = { fiscalYear: string; amount: string; note: string };

export const termFields = ['assistanceTypes', 'pillars', 'traffickingForms', 'targetGroups'] as const;
export type TermField = (typeof termFields)[number];

/**
 * The program form exactly as the person typed it: every value a string, so a re-rendered form
 * shows what they wrote (even when it is not valid) and not what we made of it.
 */
export type ProgramFormValues = {
  title: string;
  description: string;
  fundingAgencyId: string;
  status: string;
  visibility: string;
  startDate: string;
  endDate: string;
  partners: PartnerRow[];
  places: PlaceRow[];
  obligations: ObligationRow[];
} & Record<TermField, string[]>;

/** What the submit button asked for: save, check for similar programs, or more empty rows. */
export type FormAction = 'save' | 'check' | 'add-rows';

export type ProgramFormSubmission = {
  values: ProgramFormValues;
  action: FormAction;
  /** The version the writer opened (edit form only). */
  version: number | undefined;
  /** How many empty rows each repeating group shows. */
  emptyRows: number;
  /** Numbers of strongly overlapping programs the writer confirmed ("Save despite the overlap"). */
  confirmOverlaps: number[];
};

export const defaultEmptyRows = 3;
const maxEmptyRows = 30;
/** A bound on row numbers read from a form, far above any real program (the body limit bounds it too). */
const maxRows = 300;

type Body = Record<string, unknown>;

function text(body: Body, key: string): string {
  const value = body[key];
  if (Array.isArray(value)) return String(value[0] ?? '');
  return typeof value === 'string' ? value : '';
}

function list(body: Body, key: string): string[] {
  const value = body[key];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** Rows named `group.N.column`, in row order, with rows whose key columns are all empty dropped. */
function rows<Row extends Record<string, string>>(
  body: Body,
  group: string,
  columns: (keyof Row & string)[],
  keyColumns: (keyof Row & string)[],
): Row[] {
  const pattern = new RegExp(`^${group}\\.(\\d{1,3})\\.(\\w+)$`);
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = pattern.exec(key);
    if (match && Number(match[1]) < maxRows) indexes.add(Number(match[1]));
  }
  return [...indexes]
    .sort((left, right) => left - right)
    .map((index) => Object.fromEntries(columns.map((column) => [column, text(body, `${group}.${index}.${column}`)])) as Row)
    .filter((row) => keyColumns.some((column) => row[column]!.trim() !== ''));
}

function actionOf(body: Body): FormAction {
  const action = text(body, 'action');
  return action === 'check' || action === 'add-rows' ? action : 'save';
}

/** Reads a urlencoded program form (as @fastify/formbody parses it) without judging any value. */
export function readProgramForm(rawBody: unknown): ProgramFormSubmission {
  const body = (rawBody && typeof rawBody === 'object' ? rawBody : {}) as Body;
  const values: ProgramFormValues = {
    title: text(body, 'title'),
    description: text(body, 'description'),
    fundingAgencyId: text(body, 'fundingAgencyId'),
    status: text(body, 'status'),
    visibility: text(body, 'visibility'),
    startDate: text(body, 'startDate').trim(),
    endDate: text(body, 'endDate').trim(),
    partners: rows<PartnerRow>(body, 'partners', ['name', 'role'], ['name']),
    places: rows<PlaceRow>(body, 'places', ['country', 'region', 'share'], ['country', 'region', 'share']),
    obligations: rows<ObligationRow>(body, 'obligations', ['fiscalYear', 'amount', 'note'], ['fiscalYear', 'amount', 'note']),
    assistanceTypes: list(body, 'assistanceTypes'),
    pillars: list(body, 'pillars'),
    traffickingForms: list(body, 'traffickingForms'),
    targetGroups: list(body, 'targetGroups'),
  };
  const versionText = text(body, 'version');
  const version = /^[1-9]\d{0,9}$/.test(versionText) ? Number(versionText) : undefined;
  const emptyText = text(body, 'emptyRows');
  const empty = /^\d{1,2}$/.test(emptyText) ? Number(emptyText) : defaultEmptyRows;
  const action = actionOf(body);
  const emptyRows = Math.min(maxEmptyRows, action === 'add-rows' ? empty + defaultEmptyRows : empty);
  const confirmOverlaps = text(body, 'confirmOverlaps')
    .split(',')
    .filter((part) => /^[1-9]\d{0,9}$/.test(part.trim()))
    .map(Number)
    .filter((id) => id <= 2_147_483_647)
    .slice(0, 50);
  return { values, action, version, emptyRows, confirmOverlaps };
}

/** Dollars with cents and thousands separators, without the dollar sign: 123456 → "1,234.56". */
export function dollarsText(cents: CentsValue): string {
  return formatUsd(cents).slice(1);
}

/** The form of an existing program, as the edit page first shows it. */
export function formValuesOf(program: ProgramDetail): ProgramFormValues {
  return {
    title: program.title,
    description: program.description ?? '',
    fundingAgencyId: program.fundingAgency.id,
    status: program.status,
    visibility: program.visibility,
    startDate: program.startDate ?? '',
    endDate: program.endDate ?? '',
    partners: program.partners.map((partner) => ({ name: partner.name, role: partner.role })),
    places: program.places.map((place) => ({
      country: place.countryCode ?? '',
      region: place.regionCode ?? '',
      share: place.sharePercent === null ? '' : String(place.sharePercent),
    })),
    obligations: program.obligations.map((obligation) => ({
      fiscalYear: String(obligation.fiscalYear),
      amount: obligation.amountCents === null ? '' : dollarsText(obligation.amountCents),
      note: obligation.amountNote ?? '',
    })),
    assistanceTypes: program.assistanceTypes,
    pillars: program.pillars,
    traffickingForms: program.traffickingForms,
    targetGroups: program.targetGroups,
  };
}

/** An empty form for a new program, funded by `fundingAgencyId` unless the writer picks another. */
export function emptyFormValues(fundingAgencyId: string): ProgramFormValues {
  return {
    title: '',
    description: '',
    fundingAgencyId,
    status: 'proposed',
    visibility: 'restricted',
    startDate: '',
    endDate: '',
    partners: [],
    places: [],
    obligations: [],
    assistanceTypes: [],
    pillars: [],
    traffickingForms: [],
    targetGroups: [],
  };
}
