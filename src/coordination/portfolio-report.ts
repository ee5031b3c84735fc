import type { Executor } from '../db/database.ts';
import type { Viewer } from '../shared/actor.ts';
import type { DimensionRow, FragmentationRow, OverlapReport, PairRow } from './coordination.schemas.ts';
import { loadPortfolio, type PortfolioProgram } from './portfolio-data.ts';
import { findFragmentation, findPairs, type ProgramPair } from './portfolio-pairs.ts';
import { reportThresholds } from './overlap-weights.ts';

export const reportDefinitions = {
  fragmentation:
    'Several agencies fund the same broad area of need: the same country or region and the same pillar, two or more funding agencies with obligations in the range.',
  overlap: `Similar goals, activities or beneficiaries: two programs in the same country or region with obligations in the same fiscal year, sharing an assistance type or pillar, with titles at least ${reportThresholds.overlapText * 100}% alike once place names and fiscal years are set aside.`,
  duplication: `The same activities for the same beneficiaries: the same partner, the same country or region and the same fiscal year, with titles at least ${reportThresholds.duplicationText * 100}% alike. Listed here only, not again as overlap.`,
  amounts:
    'Obligations (money committed) in the range, in exact cents, of the programs named. A program in several findings is counted in each row, but once in the totals; regional programs are reported under their region, not spread over its countries.',
} as const;

function programRef(program: PortfolioProgram) {
  return { id: program.id, title: program.title, agency: program.agencyLabel, obligatedCents: Number(program.obligatedCents) };
}

function toPairRow(pair: ProgramPair): PairRow {
  return {
    kind: pair.kind,
    placeCode: pair.place.code.slice(2),
    placeName: pair.place.name,
    fiscalYears: pair.years,
    sharedPartners: pair.sharedPartners,
    sharedTerms: pair.sharedTerms,
    textSimilarity: Math.round(pair.similarity * 100) / 100,
    crossAgency: pair.first.agencyId !== pair.second.agencyId,
    first: programRef(pair.first),
    second: programRef(pair.second),
    obligatedCents: Number(pair.first.obligatedCents + pair.second.obligatedCents),
  };
}

type Tally = { label: string; fragmentation: number; overlap: number; duplication: number; programs: Map<number, bigint> };

/** Counts findings and the distinct programs (and their money) behind them under each key. */
function tallyBy(findings: { kind: 'fragmentation' | 'overlap' | 'duplication'; programs: PortfolioProgram[]; keys: { key: string; label: string }[] }[]): DimensionRow[] {
  const tallies = new Map<string, Tally>();
  for (const finding of findings) {
    for (const { key, label } of finding.keys) {
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
      obligatedCents: Number([...tally.programs.values()].reduce((sum, cents) => sum + cents, 0n)),
    }))
    .sort((a, b) => b.duplication + b.overlap + b.fragmentation - (a.duplication + a.overlap + a.fragmentation) || a.label.localeCompare(b.label));
}

const unique = <T extends { key: string }>(items: T[]) => [...new Map(items.map((item) => [item.key, item])).values()];
const partnerKeys = (programs: PortfolioProgram[]) => unique(programs.flatMap((program) => program.partners.map((partner) => ({ key: String(partner.id), label: partner.name }))));
const assistanceKeys = (programs: PortfolioProgram[]) => {
  const keys = unique(programs.flatMap((program) => program.terms.filter((term) => term.key.startsWith('assistance-type:')).map((term) => ({ key: term.key.slice(16), label: term.name }))));
  return keys.length ? keys : [{ key: 'none', label: 'Not specified' }];
};

/**
 * The portfolio overlap report of a fiscal-year range, by the auditors' definitions
 * (fragmentation, overlap, duplication), with counts and amounts by country or region, partner
 * and assistance type. Covers the programs the viewer may see.
 */
export async function getOverlapReport(options: { db: Executor; from: number; to: number; viewer: Viewer }): Promise<OverlapReport> {
  const programs = await loadPortfolio(options);
  const areas = findFragmentation(programs);
  const pairs = findPairs(programs);
  const findings = [
    ...areas.map((area) => ({ kind: 'fragmentation' as const, programs: area.programs, place: area.place })),
    ...pairs.map((pair) => ({ kind: pair.kind, programs: [pair.first, pair.second], place: pair.place })),
  ];
  const involved = new Map(findings.flatMap((finding) => finding.programs.map((program) => [program.id, program.obligatedCents] as const)));
  const fragmentation: FragmentationRow[] = areas.map((area) => ({
    placeCode: area.place.code.slice(2),
    placeName: area.place.name,
    pillar: area.pillar,
    agencies: area.agencies,
    programs: area.programs.length,
    programIds: area.programs.map((program) => program.id),
    obligatedCents: Number(area.programs.reduce((sum, program) => sum + program.obligatedCents, 0n)),
  }));
  return {
    fiscalYearFrom: options.from,
    fiscalYearTo: options.to,
    programsInRange: programs.length,
    obligatedCentsInvolved: Number([...involved.values()].reduce((sum, cents) => sum + cents, 0n)),
    obligatedCentsInRange: Number(programs.reduce((sum, program) => sum + program.obligatedCents, 0n)),
    definitions: reportDefinitions,
    fragmentation,
    overlap: pairs.filter((pair) => pair.kind === 'overlap').map(toPairRow),
    duplication: pairs.filter((pair) => pair.kind === 'duplication').map(toPairRow),
    byCountry: tallyBy(findings.map((finding) => ({ ...finding, keys: [{ key: finding.place.code.slice(2), label: finding.place.name }] }))),
    byPartner: tallyBy(findings.map((finding) => ({ ...finding, keys: partnerKeys(finding.programs) }))),
    byAssistanceType: tallyBy(findings.map((finding) => ({ ...finding, keys: assistanceKeys(finding.programs) }))),
  };
}
