import { programTitle } from './assessment-blocks.ts';
import { money, plural } from '../ui/format.ts';
import type { AssessmentData } from './assessment-data.ts';
import type { ProgramLine } from './assessment-queries.ts';

/** The figures one agency paragraph states, kept as data so tests can check them against SQL. */
export type AgencyFacts = {
  agencyId: string;
  name: string;
  programs: number;
  cents: bigint;
  unknownAmounts: number;
  places: number;
  largest: ProgramLine[];
  partners: { name: string; programs: number }[];
  pillars: { code: string; programs: number }[];
};

function tally(values: string[]): { name: string; programs: number }[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .map(([name, programs]) => ({ name, programs }))
    .sort((a, b) => b.programs - a.programs || a.name.localeCompare(b.name));
}

/** Facts per funding agency, compiled from its international programs of the year (largest agency first). */
export function compileAgencyFacts(data: AssessmentData): AgencyFacts[] {
  const byAgency = new Map<string, ProgramLine[]>();
  for (const line of data.internationalPrograms) byAgency.set(line.agencyId, [...(byAgency.get(line.agencyId) ?? []), line]);
  const names = new Map(
    data.agencies.map((agency) => [agency.id, agency.abbreviation ? `${agency.name} (${agency.abbreviation})` : agency.name]),
  );
  const facts = [...byAgency.entries()].map(([agencyId, lines]): AgencyFacts => ({
    agencyId,
    name: names.get(agencyId) ?? agencyId,
    programs: lines.length,
    cents: lines.reduce((sum, line) => sum + (line.cents ?? 0n), 0n),
    unknownAmounts: lines.filter((line) => line.cents === null).length,
    places: new Set(lines.flatMap((line) => line.places)).size,
    largest: lines.filter((line) => line.cents !== null).slice(0, 3),
    partners: tally(lines.flatMap((line) => [...new Set(line.partners)])).slice(0, 3),
    pillars: tally(lines.flatMap((line) => line.pillars)).map(({ name, programs }) => ({ code: name, programs })),
  }));
  return facts.sort((a, b) => (b.cents > a.cents ? 1 : b.cents < a.cents ? -1 : a.name.localeCompare(b.name)));
}

const pillarNames: Record<string, string> = {
  prevention: 'prevention',
  protection: 'protection',
  prosecution: 'prosecution',
  partnership: 'partnership',
};

/** One paragraph in plain words from an agency's facts. */
export function agencyParagraph(facts: AgencyFacts, fiscalYear: number): string {
  const parts = [
    `${facts.name} funded ${plural(facts.programs, 'international program')} in FY${fiscalYear}, obligating ${money(facts.cents)}` +
      `${facts.unknownAmounts ? ` (${plural(facts.unknownAmounts, 'program')} with an amount not known)` : ''}, in ${plural(facts.places, 'country or region', 'countries and regions')}.`,
  ];
  if (facts.largest.length) {
    const largest = facts.largest.map(
      (line) => `“${programTitle(line.title)}”${line.places.length ? ` in ${line.places.join(', ')}` : ''} (${money(line.cents ?? 0n)})`,
    );
    parts.push(`The largest ${facts.largest.length === 1 ? 'was' : 'were'} ${largest.join('; ')}.`);
  }
  if (facts.partners.length)
    parts.push(
      `Its most frequent partners were ${facts.partners.map((partner) => `${partner.name} (${plural(partner.programs, 'program')})`).join(', ')}.`,
    );
  if (facts.pillars.length)
    parts.push(
      `By pillar: ${facts.pillars.map((pillar) => `${pillarNames[pillar.code] ?? pillar.code} ${pillar.programs}`).join(', ')} programs.`,
    );
  return parts.join(' ');
}
