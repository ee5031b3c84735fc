import type { FaColumn } from './foreignassistance.columns.ts';

/**
 * Which ForeignAssistance.gov rows are about trafficking in persons: rules as data, tried in
 * order; the first that matches is recorded with the program and counted in the report.
 * DAC/CRS purpose codes have no code for trafficking (it falls under 15160 human rights, 15180
 * violence against women, 16020 employment…, all far broader), so no purpose code is a rule.
 */
export type TraffickingRule = { id: string; columns: FaColumn[]; pattern: string; flags: string; why: string };

export const traffickingRules: TraffickingRule[] = [
  {
    id: 'managing-bureau-tip',
    columns: ['Managing Sub-agency or Bureau Name', 'Managing Sub-agency or Bureau Acronym'],
    pattern: '\\btrafficking in persons\\b|^(?:J/)?TIP$',
    flags: 'i',
    why: 'managed by the State Office to Monitor and Combat Trafficking in Persons',
  },
  {
    id: 'us-sector-trafficking',
    columns: ['US Sector Name'],
    pattern: 'traffick',
    flags: 'i',
    why: "U.S. sector (SPSAS 'Trafficking in Persons', PS.5)",
  },
  {
    id: 'keyword-trafficking',
    columns: ['Activity Name', 'Activity Description'],
    pattern: 'traffick|trata de personas|trafic de personnes',
    flags: 'i',
    why: "'trafficking' (English, Spanish, French) in the activity name or description",
  },
  {
    id: 'keyword-forced-labor',
    columns: ['Activity Name', 'Activity Description'],
    pattern: 'forced\\s+labou?r|modern\\s+slavery|debt\\s+bondage|bonded\\s+labou?r',
    flags: 'i',
    why: 'forced labor, modern slavery or debt bondage in the activity name or description',
  },
  {
    id: 'acronym-tip',
    columns: ['Activity Name', 'Activity Description'],
    pattern: '\\b(?:C-?TIP|[GJ]/TIP|TIP)\\b',
    flags: '',
    why: "the acronym TIP or C-TIP (upper case only, so 'tip' and 'Tip' do not match)",
  },
];

const compiled = traffickingRules.map((rule) => ({ ...rule, regex: new RegExp(rule.pattern, rule.flags) }));

/** The id of the first rule a row matches, or undefined. */
export function matchTraffickingRule(get: (column: FaColumn) => string): string | undefined {
  return compiled.find((rule) => rule.columns.some((column) => rule.regex.test(get(column))))?.id;
}

/**
 * Managing agency (acronym, sub-agency acronym) → ctip agency, reviewed. The sub-agency entry
 * wins when ctip has that bureau or office.
 */
const bureaus: Record<string, string> = {
  'STATE/TIP': 'state-tip',
  'STATE/J/TIP': 'state-tip',
  'STATE/PRM': 'state-prm',
  'DOL/ILAB': 'dol-ilab',
};
const agencies: Record<string, string> = { STATE: 'state', USAID: 'usaid', DOL: 'dol', DOJ: 'doj', HHS: 'hhs', DHS: 'dhs' };

/** The ctip agency of a managing agency as the dataset names it, or undefined. */
export function mapManagingAgency(acronym: string, subAcronym: string): string | undefined {
  const top = acronym.trim().toUpperCase();
  return bureaus[`${top}/${subAcronym.trim().toUpperCase()}`] ?? agencies[top];
}
