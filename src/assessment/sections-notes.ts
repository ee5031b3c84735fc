import { publishedFigures } from '../portal/differences.tsx';
import { money, plural } from '../ui/format.ts';
import type { AssessmentData } from './assessment-data.ts';
import { list, notice, paragraph, section } from './assessment-blocks.ts';
import type { Block, Headline, Section } from './assessment.types.ts';

function sourceBlocks(data: AssessmentData): Block[] {
  const runs = data.imports.map((run) => `${run.fileName} (${run.source}, SHA-256 ${run.sha256.slice(0, 12)}…, imported ${run.date})`);
  return [
    paragraph(
      'Figures are computed from the programs recorded in ctip, public records only: restricted (pre-decisional) records never enter this report. The U.S. anti-trafficking grant listing FY2001–2014 was compiled by Judith G. Kelley and Andrew Heiss for Scorecard Diplomacy (2017) from State Department project fact sheets, MIT license.',
    ),
    runs.length ? list(runs) : notice('No import is recorded: the figures come from records entered directly.'),
  ];
}

const definitions = [
  'Fiscal year: the U.S. federal fiscal year N runs from 1 October N−1 to 30 September N.',
  'Obligation: money an agency committed to a program in a fiscal year, not a disbursement (money paid out). Every amount here is an obligation, exact to the cent.',
  'International and domestic: a program placed in the United States is domestic; every other program is international.',
  'Pillars: prevention, protection and prosecution (the “3P” paradigm), plus partnership. Programs can serve several pillars and types of assistance, and count under each.',
];

function unknownAndRegional(headline: Headline, fiscalYear: number): string[] {
  return [
    `Unknown amounts: ${plural(headline.unknownAmountPrograms, 'program')} of FY${fiscalYear} ${headline.unknownAmountPrograms === 1 ? 'has' : 'have'} an amount the source does not give in a usable form (“Not Listed”, prose, misplaced digit groups). It is stored as not known, never guessed; totals are sums of known amounts.`,
    `Regional programs: ${plural(headline.regionalPrograms, 'program')} of FY${fiscalYear} ${headline.regionalPrograms === 1 ? 'is' : 'are'} placed in a region (or worldwide) rather than only in countries. Country tables count them under their region, never spread over its countries, so no dollar is counted twice; “countries reached” adds the member countries of those regions only when a region is smaller than a continent (a global, continent-wide or State-bureau program is never spread over every territory); “countries and regions” counts each region named once beside the countries.`,
  ];
}

function comparisonBlocks(data: AssessmentData, headline: Headline): Block[] {
  const published = publishedFigures[data.fiscalYear];
  const fromData = `From the data: ${plural(headline.internationalPrograms, 'international program')}, ${money(headline.internationalCents)}, ${plural(headline.countriesNamed, 'country', 'countries')} named (${headline.countriesAndRegions} countries and regions, ${headline.countriesReached} countries reached through regions smaller than a continent); ${plural(headline.domesticPrograms, 'domestic program')}, ${money(headline.domesticCents)}; ${money(headline.obligatedCents)} in all.`;
  if (!published) return [notice(`No published figure is recorded for FY${data.fiscalYear} to compare with.`), paragraph(fromData)];
  return [
    paragraph(`Published for FY${data.fiscalYear}: ${published}.`),
    paragraph(fromData),
    list([
      'Published counts of programs abroad are international; ctip reports domestic programs apart.',
      'Amounts the source does not give in a usable form are not guessed, so totals can be lower.',
      'ctip counts countries named as places; the published “more than 86 countries” most likely counted countries and regions, each region named once (FY2004’s data give 86).',
      'Exact duplicate rows of the source are merged and rows without a recipient are rejected (the import report lists them by line).',
      'The listing was compiled by researchers from project fact sheets; the published totals were compiled by hand at the time, possibly from other versions and with other treatment of multi-year and multi-donor projects.',
      'The listing does not say which agency funded each row; the import records the agency given when importing.',
    ]),
  ];
}

/** Data notes: sources, definitions, unknown amounts, regional programs, comparison with published figures. */
export function buildNotesSection(data: AssessmentData, headline: Headline): Section {
  return section(
    'data-notes',
    'Data notes',
    [],
    [
      section('notes-sources', 'Sources', sourceBlocks(data)),
      section('notes-definitions', 'Definitions', [list([...definitions, ...unknownAndRegional(headline, data.fiscalYear)])]),
      section('notes-published', 'Comparison with published figures', comparisonBlocks(data, headline)),
    ],
  );
}
