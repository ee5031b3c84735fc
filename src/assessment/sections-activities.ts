import type { Breakdown } from '../stats/stats.schemas.ts';
import { money, plural } from '../ui/format.ts';
import type { AssessmentData } from './assessment-data.ts';
import { bars, breakdownTable, cents, groupLines, list, notice, paragraph, programTitle, section, text } from './assessment-blocks.ts';
import type { Block, Section } from './assessment.types.ts';

/** Assistance types that support investigations and prosecutions. */
export const prosecutionAssistanceTypes = ['laws-drafting', 'law-enforcement-equipment', 'training-officials', 'anti-corruption'];
/** Assistance types about awareness, outreach and training. */
export const outreachTrainingAssistanceTypes = [
  'awareness',
  'education',
  'demand-deterrence',
  'training-officials',
  'training-medical-personnel',
  'ngo-capacity-building',
];

function pick(breakdown: Breakdown, keys: string[]): Breakdown['rows'] {
  return breakdown.rows.filter((row) => keys.includes(row.key));
}

function largestProgramsList(data: AssessmentData): Block {
  const describe = (line: AssessmentData['domesticPrograms'][number]) =>
    `${programTitle(line.title)}${line.partners.length ? ` — ${line.partners.join(', ')}` : ''}${line.places.length ? `, ${line.places.join(', ')}` : ''}`;
  // Rows the source repeats (same title, partners and places) are one entry with their count.
  const largest = groupLines(
    data.domesticPrograms.filter((line) => line.cents !== null),
    describe,
  ).slice(0, 10);
  return list(
    largest.map(
      (group) =>
        `${describe(group.line)}${group.programs > 1 ? ` (${plural(group.programs, 'program')})` : ''}: ${money(group.cents ?? 0n)}`,
    ),
  );
}

/** Domestic programs and services: programs placed in the United States. */
export function buildDomesticSection(data: AssessmentData): Section {
  const { domestic } = data.summary;
  const fy = `FY${data.fiscalYear}`;
  if (domestic.programs === 0) {
    return section('domestic', 'Domestic programs and services', [
      notice(`No domestic program (placed in the United States) is recorded for ${fy}.`),
    ]);
  }
  return section('domestic', 'Domestic programs and services', [
    paragraph(
      `In ${fy}, ${plural(domestic.programs, 'domestic program')} placed in the United States had obligations recorded, ${money(domestic.obligatedCents)} in all.`,
    ),
    breakdownTable({
      id: 'domestic-by-agency',
      caption: `Domestic programs by funding agency, ${fy}`,
      label: 'Funding agency',
      breakdown: data.domestic.agency,
    }),
    breakdownTable({
      id: 'domestic-by-assistance-type',
      caption: `Domestic programs by type of assistance, ${fy}`,
      label: 'Type of assistance',
      breakdown: data.domestic['assistance-type'],
    }),
    paragraph(`The largest domestic programs of ${fy}:`),
    largestProgramsList(data),
    notice(
      'Victim services (shelters, hotlines, legal, medical and counseling services) are not recorded in ctip yet: the directory of service providers will list them.',
    ),
  ]);
}

function termRowsTable(options: { id: string; caption: string; breakdown: Breakdown; keys: string[]; names: Map<string, string> }): Block {
  const found = new Map(pick(options.breakdown, options.keys).map((row) => [row.key, row]));
  return {
    kind: 'table',
    id: options.id,
    caption: options.caption,
    columns: [{ label: 'Type of assistance' }, { label: 'Programs', numeric: true }, { label: 'Obligated', numeric: true }],
    rows: options.keys.map((key) => {
      const row = found.get(key);
      return [text(row?.label ?? options.names.get(key) ?? key), { count: row?.programs ?? 0 }, cents(row?.obligatedCents ?? 0n)];
    }),
    note: 'All programs of the year, international and domestic. A program counts under each of its types.',
  };
}

const assistanceNames = new Map([
  ['laws-drafting', 'Development or improvement of anti-trafficking laws'],
  ['law-enforcement-equipment', 'Equipment for law enforcement'],
  ['training-officials', 'Training for government officials'],
  ['anti-corruption', 'Anti-corruption measures'],
  ['awareness', 'Awareness and outreach'],
  ['education', 'Education programs'],
  ['demand-deterrence', 'Deterrence of the demand for sex trafficking'],
  ['training-medical-personnel', 'Training for medical personnel'],
  ['ngo-capacity-building', 'Support and training for NGOs and service providers'],
]);

/** Investigations and prosecutions: what the data can say (programs), and what it cannot yet (cases). */
export function buildProsecutionSection(data: AssessmentData): Section {
  const fy = `FY${data.fiscalYear}`;
  const pillar = data.all.pillar.rows.find((row) => row.key === 'prosecution');
  return section('prosecution', 'Investigations and prosecutions', [
    notice(
      'Investigations, prosecutions and convictions are not recorded in ctip yet: there is no case-level data. This section reports the programs that support them.',
    ),
    paragraph(
      pillar
        ? `In ${fy}, ${plural(pillar.programs, 'program')} served the prosecution pillar, with ${money(pillar.obligatedCents)} obligated (a program serving several pillars counts under each).`
        : `No program of ${fy} is recorded as serving the prosecution pillar.`,
    ),
    termRowsTable({
      id: 'prosecution-assistance',
      caption: `Programs supporting law enforcement and prosecution, ${fy}`,
      breakdown: data.all['assistance-type'],
      keys: prosecutionAssistanceTypes,
      names: assistanceNames,
    }),
  ]);
}

/** Outreach and training: programs tagged with awareness, education and training assistance types. */
export function buildOutreachSection(data: AssessmentData): Section {
  const fy = `FY${data.fiscalYear}`;
  const rows = pick(data.all['assistance-type'], outreachTrainingAssistanceTypes);
  return section('outreach', 'Outreach and training', [
    paragraph(
      rows.length
        ? `Programs of ${fy} tagged with awareness, education or training assistance are listed below (international and domestic).`
        : `No program of ${fy} is tagged with awareness, education or training assistance.`,
    ),
    termRowsTable({
      id: 'outreach-training',
      caption: `Outreach and training programs, ${fy}`,
      breakdown: data.all['assistance-type'],
      keys: outreachTrainingAssistanceTypes,
      names: assistanceNames,
    }),
    ...(rows.length
      ? [
          {
            kind: 'chart' as const,
            chart: { type: 'bars' as const, id: 'chart-outreach', title: `Outreach and training obligations, ${fy}`, rows: bars(rows) },
          },
        ]
      : []),
    notice('Trainings held and people trained are not recorded in ctip yet (the training register will record them).'),
  ]);
}
