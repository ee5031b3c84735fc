import type { Executor } from '../db/database.ts';
import type { Viewer } from '../shared/actor.ts';
import { centsText } from '../shared/money.ts';
import type {
  DimensionRow,
  DuplicationGroupRow,
  FragmentationRow,
  OverlapReport,
  OverlapReportSummary,
  PairRow,
} from './coordination.schemas.ts';
import { loadPortfolio, type PortfolioProgram } from './portfolio-data.ts';
import { findDuplicationGroups, type DuplicationGroup } from './portfolio-groups.ts';
import { findFragmentation, findOverlapPairs, memoizedSimilarity, type FragmentedArea, type ProgramPair } from './portfolio-pairs.ts';
import { reportThresholds } from './overlap-weights.ts';

export const reportDefinitions = {
  fragmentation:
    'Several agencies fund the same broad area of need: the same country or region and the same pillar, two or more funding agencies with obligations in the range.',
  overlap: `Similar goals, activities or beneficiaries: two programs in the same country or region with obligations in the same fiscal year, sharing an assistance type or pillar, with titles at least ${reportThresholds.overlapText * 100}% alike once place names and fiscal years are set aside.`,
  duplication: `The same activities for the same beneficiaries: a group of programs funded through the same partner in the same country or region, each with obligations in a fiscal year and a title at least ${reportThresholds.duplicationText * 100}% alike those of another program of the group. Two such programs are not listed again as overlap.`,
  amounts:
    'Obligations (money committed) in the range, in exact cents, of the programs named. A program in several findings is counted in each row, but once in the totals; regional programs are reported under their region, not spread over its countries.',
} as const;

/** What the report can leave out: 'summary' gives counts and tallies without the member lists. */
export type ReportDetail = 'full' | 'summary';

type ReportOptions = { db: Executor; from: number; to: number; viewer: Viewer };

const totalCents = (programs: PortfolioProgram[]) => programs.reduce((sum, program) => sum + program.obligatedCents, 0n);

function programRef(program: PortfolioProgram) {
  return { id: program.id, title: program.title, agency: program.agencyLabel, obligatedCents: centsText(program.obligatedCents) };
}

function toPairRow(pair: ProgramPair): PairRow {
  return {
    kind: 'overlap',
    placeCode: pair.place.code.slice(2),
    placeName: pair.place.name,
    fiscalYears: pair.years,
    sharedPartners: pair.sharedPartners,
    sharedTerms: pair.sharedTerms,
    textSimilarity: Math.round(pair.similarity * 100) / 100,
    crossAgency: pair.first.agencyId !== pair.second.agencyId,
    first: programRef(pair.first),
    second: programRef(pair.second),
    obligatedCents: centsText(pair.first.obligatedCents + pair.second.obligatedCents),
  };
}

function toGroupRow(group: DuplicationGroup): DuplicationGroupRow {
  const agencies = [...new Set(group.programs.map((program) => program.agencyLabel))].sort();
  return {
    places: group.places.map((place) => ({ code: place.code.slice(2), name: place.name })),
    partners: group.partners.map((partner) => partner.name),
    assistanceTypes: group.assistanceTypes,
    fiscalYears: group.years,
    agencies,
    crossAgency: new Set(group.programs.map((program) => program.agencyId)).size > 1,
    programs: group.programs.map(programRef),
    obligatedCents: centsText(totalCents(group.programs)),
  };
}

function toFragmentationRow(area: FragmentedArea): FragmentationRow {
  return {
    placeCode: area.place.code.slice(2),
    placeName: area.place.name,
    pillar: area.pillar,
    agencies: area.agencies,
    programs: area.programs.length,
    programIds: area.programs.map((program) => program.id),
    obligatedCents: centsText(totalCents(area.programs)),
  };
}

type Kind = 'fragmentation' | 'overlap' | 'duplication';
type Finding = { kind: Kind; programs: PortfolioProgram[]; places: { code: string; name: string }[] };
type Tally = { label: string; fragmentation: number; overlap: number; duplication: number; programs: Map<number, bigint> };

/** Counts findings and the distinct programs (and their money) behind them under each key. */
function tallyBy(findings: Finding[], keysOf: (finding: Finding) => { key: string; label: string }[]): DimensionRow[] {
  const tallies = new Map<string, Tally>();
  for (const finding of findings) {
    for (const { key, label } of keysOf(finding)) {
      const tally = tallies.get(key) ?? { label, fragmentation: 0, overlap: 0, duplication: 0, programs: new Map() };
      tally[finding.kind] += 1;
      for (const program of finding.programs) tally.programs.set(program.id, program.obligatedCents);
      tallies.set(key, tally);
    }
  }
  return [...tallies.entries()]
    .map(([key, tally]) => ({
      key,
      label: tally.label,
      fragmentation: tally.fragmentation,
      overlap: tally.overlap,
      duplication: tally.duplication,
      programs: tally.programs.size,
      obligatedCents: centsText([...tally.programs.values()].reduce((sum, cents) => sum + cents, 0n)),
    }))
    .sort(
      (a, b) =>
        b.duplication + b.overlap + b.fragmentation - (a.duplication + a.overlap + a.fragmentation) ||
        a.label.localeCompare(b.label) ||
        a.key.localeCompare(b.key),
    );
}

const unique = <T extends { key: string }>(items: T[]) => [...new Map(items.map((item) => [item.key, item])).values()];
const placeKeys = (finding: Finding) => unique(finding.places.map((place) => ({ key: place.code.slice(2), label: place.name })));
const partnerKeys = (finding: Finding) =>
  unique(finding.programs.flatMap((program) => program.partners.map((partner) => ({ key: String(partner.id), label: partner.name }))));
const assistanceKeys = (finding: Finding) => {
  const keys = unique(
    finding.programs.flatMap((program) =>
      program.terms
        .filter((term) => term.key.startsWith('assistance-type:'))
        .map((term) => ({ key: term.key.slice(16), label: term.name })),
    ),
  );
  return keys.length ? keys : [{ key: 'none', label: 'Not specified' }];
};

/**
 * The portfolio overlap report of a fiscal-year range, by the auditors' definitions: fragmented
 * areas, overlapping pairs and duplication groups, with counts and amounts by country or region,
 * partner and assistance type. Covers the programs the viewer may see. With `detail: 'summary'`
 * the lists of findings are left out (counts and tallies only), for callers that print figures.
 */
export async function getOverlapReport(options: ReportOptions & { detail?: 'full' }): Promise<OverlapReport>;
export async function getOverlapReport(options: ReportOptions & { detail: 'summary' }): Promise<OverlapReportSummary>;
export async function getOverlapReport(options: ReportOptions & { detail?: ReportDetail }): Promise<OverlapReport | OverlapReportSummary> {
  const programs = await loadPortfolio(options);
  const areas = findFragmentation(programs);
  const similarity = memoizedSimilarity();
  const pairs = findOverlapPairs(programs, similarity);
  const groups = findDuplicationGroups(programs, similarity);
  const findings: Finding[] = [
    ...areas.map((area) => ({ kind: 'fragmentation' as const, programs: area.programs, places: [area.place] })),
    ...pairs.map((pair) => ({ kind: 'overlap' as const, programs: [pair.first, pair.second], places: [pair.place] })),
    ...groups.map((group) => ({ kind: 'duplication' as const, programs: group.programs, places: group.places })),
  ];
  const involved = new Map(findings.flatMap((finding) => finding.programs.map((program) => [program.id, program.obligatedCents] as const)));
  const summary: OverlapReportSummary = {
    fiscalYearFrom: options.from,
    fiscalYearTo: options.to,
    programsInRange: programs.length,
    obligatedCentsInvolved: centsText([...involved.values()].reduce((sum, cents) => sum + cents, 0n)),
    obligatedCentsInRange: centsText(totalCents(programs)),
    definitions: reportDefinitions,
    counts: {
      fragmentation: areas.length,
      overlap: pairs.length,
      duplication: groups.length,
      duplicatedPrograms: new Set(groups.flatMap((group) => group.programs.map((program) => program.id))).size,
    },
    byCountry: tallyBy(findings, placeKeys),
    byPartner: tallyBy(findings, partnerKeys),
    byAssistanceType: tallyBy(findings, assistanceKeys),
  };
  if (options.detail === 'summary') return summary;
  return { ...summary, fragmentation: areas.map(toFragmentationRow), overlap: pairs.map(toPairRow), duplication: groups.map(toGroupRow) };
}
