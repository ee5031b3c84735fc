import type { ImportProblem, ImportProblemSeverity } from '../shared/import-report.ts';
import { activityDateTypes, activityStatuses, organisationRoles } from './iati.codes.ts';
import { readTransactions, type TransactionDraft } from './iati.transactions.ts';
import { childOf, childrenOf, narrativesOf, type IatiFileHeader, type XmlElement } from './iati.xml-reader.ts';

export type OrganisationDraft = { role: string; ref: string | null; name: string | null; typeCode: string | null; line: number };
export type PlaceDraft = {
  kind: 'country' | 'region';
  code: string;
  vocabulary: string;
  percentage: string | null;
  name: string | null;
  line: number;
  path: string;
};
export type CodeDraft = { vocabulary: string; code: string; percentage?: string | null; name?: string | null };

/** One activity as read, before anything is resolved against the database. */
export type ActivityDraft = {
  identifier: string;
  line: number;
  path: string;
  /** [language, text], main language first. */
  titles: [string, string][];
  descriptions: [string, string][];
  reportingOrg: OrganisationDraft | null;
  organisations: OrganisationDraft[];
  places: PlaceDraft[];
  sectors: CodeDraft[];
  tags: CodeDraft[];
  statusCode: string | null;
  dates: Partial<Record<'start-planned' | 'start-actual' | 'end-planned' | 'end-actual', string>>;
  defaultCurrency: string | null;
  transactions: TransactionDraft[];
};

export function problemAt(
  element: { line: number; path: string },
  field: string,
  message: string,
  severity: ImportProblemSeverity,
): ImportProblem {
  return { line: element.line, path: element.path, field, message, severity };
}

const attr = (element: XmlElement, name: string): string | null => element.attrs[name]?.trim() || null;

function readOrganisation(element: XmlElement, language: string): OrganisationDraft {
  const names = narrativesOf(element, language);
  const name = (names.find(([lang]) => lang === 'en') ?? names[0])?.[1] ?? null;
  const roleText = (attr(element, 'role') ?? '').toLowerCase();
  return {
    role: organisationRoles[roleText] ?? roleText,
    ref: attr(element, 'ref'),
    name,
    typeCode: attr(element, 'type'),
    line: element.line,
  };
}

/** Puts the main language first: English, else the activity's language, else the first given. */
function mainFirst(pairs: [string, string][], language: string): [string, string][] {
  const main = pairs.find(([lang]) => lang === 'en') ?? pairs.find(([lang]) => lang === language) ?? pairs[0];
  return main ? [main, ...pairs.filter((pair) => pair !== main)] : [];
}

const descriptionPrefixes: Record<string, string> = { '2': 'Objectives: ', '3': 'Target groups: ', '4': '' };

/** Descriptions of every type joined per language (general first), main language first. */
function readDescriptions(activity: XmlElement, language: string): [string, string][] {
  const byLanguage = new Map<string, string[]>();
  const ordered = childrenOf(activity, 'description').sort(
    (left, right) => Number(attr(left, 'type') ?? 1) - Number(attr(right, 'type') ?? 1),
  );
  for (const element of ordered) {
    const prefix = descriptionPrefixes[attr(element, 'type') ?? '1'] ?? '';
    for (const [lang, text] of narrativesOf(element, language)) byLanguage.set(lang, [...(byLanguage.get(lang) ?? []), `${prefix}${text}`]);
  }
  return mainFirst(
    [...byLanguage].map(([lang, texts]) => [lang, texts.join('\n\n')]),
    language,
  );
}

/** Titles by language; a second title in the same language is reported and left out. */
function readTitles(activity: XmlElement, language: string, problems: ImportProblem[]): [string, string][] {
  const seen = new Map<string, string>();
  for (const element of childrenOf(activity, 'title')) {
    for (const [lang, text] of narrativesOf(element, language)) {
      if (!seen.has(lang)) seen.set(lang, text);
      else
        problems.push(problemAt(element, 'title', `a second title in language '${lang}' was left out: '${text.slice(0, 80)}'`, 'warning'));
    }
  }
  return mainFirst([...seen], language);
}

const isoDate = /^\d{4}-\d{2}-\d{2}/;

function readDates(activity: XmlElement, problems: ImportProblem[]): ActivityDraft['dates'] {
  const dates: ActivityDraft['dates'] = {};
  for (const element of childrenOf(activity, 'activity-date')) {
    const type = activityDateTypes[(attr(element, 'type') ?? '').toLowerCase()];
    // 2.x puts the date in @iso-date; 1.0x files often put it in the text.
    const value = attr(element, 'iso-date') ?? element.text.trim();
    if (!type)
      problems.push(problemAt(element, 'activity-date', `unknown date type '${attr(element, 'type') ?? ''}'; left out`, 'warning'));
    else if (!isoDate.test(value) || Number.isNaN(Date.parse(value.slice(0, 10))))
      problems.push(problemAt(element, 'activity-date', `'${value.slice(0, 40)}' is not a date (YYYY-MM-DD); left out`, 'warning'));
    else dates[type] ??= value.slice(0, 10);
  }
  return dates;
}

/** 1.x sector vocabularies were names: DAC is vocabulary 1 (5-digit), DAC-3 is 2 (3-digit). */
const sectorVocabularies: Record<string, string> = { dac: '1', 'dac-3': '2' };

function readCodes(activity: XmlElement, name: 'sector' | 'tag', language: string): CodeDraft[] {
  return childrenOf(activity, name).flatMap((element) => {
    const code = attr(element, 'code');
    if (!code) return [];
    const vocabularyText = (attr(element, 'vocabulary') ?? '1').toLowerCase();
    const vocabulary = name === 'sector' ? (sectorVocabularies[vocabularyText] ?? vocabularyText) : vocabularyText;
    const text = narrativesOf(element, language)[0]?.[1] ?? null;
    return [{ vocabulary, code, ...(name === 'sector' ? { percentage: attr(element, 'percentage') } : {}), name: text }];
  });
}

function readPlaces(activity: XmlElement, language: string, problems: ImportProblem[]): PlaceDraft[] {
  const places: PlaceDraft[] = [];
  for (const element of activity.children) {
    if (element.name !== 'recipient-country' && element.name !== 'recipient-region') continue;
    const code = attr(element, 'code');
    const name = narrativesOf(element, language)[0]?.[1] ?? null;
    if (!code) {
      problems.push(problemAt(element, element.name, `no @code${name ? ` (text: '${name}')` : ''}; left out`, 'warning'));
      continue;
    }
    const kind = element.name === 'recipient-country' ? 'country' : 'region';
    places.push({
      kind,
      code,
      vocabulary: attr(element, 'vocabulary') ?? '1',
      percentage: attr(element, 'percentage'),
      name,
      line: element.line,
      path: element.path,
    });
  }
  return places;
}

/**
 * Reads one iati-activity element (1.0x or 2.0x) into a draft and the problems met; `null`
 * when the activity cannot be imported at all (no identifier), with an error problem saying so.
 */
export function interpretActivity(
  activity: XmlElement,
  header: IatiFileHeader,
): { draft: ActivityDraft | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const language = (attr(activity, 'xml:lang') ?? header.defaultLanguage ?? 'und').toLowerCase();
  const identifier = childOf(activity, 'iati-identifier')?.text.trim() ?? '';
  if (!identifier) {
    problems.push(
      problemAt(activity, 'iati-identifier', 'the activity has no iati-identifier, the key ctip upserts by; not imported', 'error'),
    );
    return { draft: null, problems };
  }
  const defaultCurrency = attr(activity, 'default-currency')?.toUpperCase() ?? null;
  const reporting = childOf(activity, 'reporting-org');
  const statusElement = childOf(activity, 'activity-status');
  const statusCode = statusElement ? attr(statusElement, 'code') : null;
  if (statusElement && (!statusCode || !activityStatuses[statusCode])) {
    problems.push(
      problemAt(
        statusElement,
        'activity-status',
        `unknown activity status '${statusCode ?? statusElement.text.trim()}'; the status is derived from the dates`,
        'warning',
      ),
    );
  }
  const draft: ActivityDraft = {
    identifier,
    line: activity.line,
    path: activity.path,
    titles: readTitles(activity, language, problems),
    descriptions: readDescriptions(activity, language),
    reportingOrg: reporting ? readOrganisation(reporting, language) : null,
    organisations: childrenOf(activity, 'participating-org').map((element) => readOrganisation(element, language)),
    places: readPlaces(activity, language, problems),
    sectors: readCodes(activity, 'sector', language),
    tags: readCodes(activity, 'tag', language),
    statusCode: statusCode && activityStatuses[statusCode] ? statusCode : null,
    dates: readDates(activity, problems),
    defaultCurrency,
    transactions: readTransactions(activity, { defaultCurrency, language, problems }),
  };
  return { draft, problems };
}
