import { formatUsd } from '../shared/money.ts';
import type { OverlapMatch } from './coordination.schemas.ts';
import type { CandidateFeatures } from './overlap-candidates.ts';
import { fiscalYearsOfDates, type DraftContext } from './overlap-context.ts';
import { adjacentYearStrength, partnerStrength, regionalPlaceStrength, signalWeights, textMix, type Signal } from './overlap-weights.ts';

type SignalResult = { strength: number; reason?: string };

const list = (items: string[]) => [...new Set(items)].join(', ');

function scorePartner(context: DraftContext, candidate: CandidateFeatures): SignalResult {
  const matches = candidate.partnerIds.flatMap((id) => context.organizations.get(id) ?? []);
  if (matches.length === 0) return { strength: 0 };
  const best = matches.reduce((left, right) => (partnerStrength[right.relation] > partnerStrength[left.relation] ? right : left));
  const reason = {
    same: `same partner: ${list(matches.filter((match) => match.relation === 'same').map((match) => match.name))}`,
    parent: `partner ${best.name} is the parent organization of ${best.draftPartner}`,
    child: `partner ${best.name} is part of ${best.draftPartner}`,
    sibling: `partner ${best.name} belongs to the same parent organization as ${best.draftPartner}`,
    'similar-name': `partner ${best.name} (not yet reviewed) has a name like ${best.draftPartner}`,
  }[best.relation];
  return { strength: partnerStrength[best.relation], reason };
}

function scorePlace(context: DraftContext, candidate: CandidateFeatures): SignalResult {
  const name = (kind: 'c' | 'r', code: string) => context.placeNames.get(`${kind}:${code}`) ?? code;
  const sameCountries = candidate.countries.filter((code) => context.countries.includes(code));
  const sameRegions = candidate.regions.filter((code) => context.regions.includes(code));
  if (sameCountries.length || sameRegions.length) {
    const names = [...sameCountries.map((code) => name('c', code)), ...sameRegions.map((code) => name('r', code))];
    return { strength: 1, reason: `same ${sameCountries.length ? 'country' : 'region'}: ${list(names)}` };
  }
  const covering = candidate.regions.find((code) => context.coveringRegions.has(code));
  if (covering) {
    const covered = context.coveringRegions.get(covering)!.map((code) => name('c', code));
    return { strength: regionalPlaceStrength, reason: `regional program (${name('r', covering)}) that covers ${list(covered)}` };
  }
  const inside = candidate.countries.find((code) => context.memberCountries.has(code));
  if (inside) {
    return {
      strength: regionalPlaceStrength,
      reason: `works in ${name('c', inside)}, inside the draft's region ${name('r', context.memberCountries.get(inside)!)}`,
    };
  }
  return { strength: 0 };
}

function candidateYears(candidate: CandidateFeatures): number[] {
  return [...new Set([...candidate.years, ...fiscalYearsOfDates(candidate.startDate, candidate.endDate)])].sort(
    (left, right) => left - right,
  );
}

function scorePeriod(context: DraftContext, candidate: CandidateFeatures): SignalResult {
  const years = candidateYears(candidate);
  const shared = years.filter((year) => context.years.includes(year));
  if (shared.length) return { strength: 1, reason: `same period: FY${shared.join(', FY')}` };
  const adjacent = years.filter((year) => context.years.some((draftYear) => Math.abs(draftYear - year) === 1));
  if (adjacent.length) return { strength: adjacentYearStrength, reason: `adjacent fiscal year: FY${adjacent.join(', FY')}` };
  return { strength: 0 };
}

function scoreTerms(context: DraftContext, candidate: CandidateFeatures): SignalResult {
  if (context.terms.length === 0 || candidate.terms.length === 0) return { strength: 0 };
  const shared = candidate.terms.filter((term) => context.terms.includes(term));
  if (shared.length === 0) return { strength: 0 };
  const strength = (2 * shared.length) / (context.terms.length + candidate.terms.length);
  const names = (vocabulary: string) =>
    shared.filter((term) => term.startsWith(`${vocabulary}:`)).map((term) => context.termNames.get(term) ?? term.split(':')[1]!);
  const parts = [
    names('pillar').length ? `pillars ${list(names('pillar'))}` : '',
    names('assistance-type').length ? `assistance types ${list(names('assistance-type'))}` : '',
  ];
  return { strength, reason: `shared ${parts.filter(Boolean).join('; ')}` };
}

function scoreText(context: DraftContext, candidate: CandidateFeatures, maxRank: number): SignalResult {
  const mix = context.draft.description?.trim() ? textMix.withDescription : textMix.titleOnly;
  const fullText = maxRank > 0 ? candidate.fullTextRank / maxRank : 0;
  const strength = Math.min(
    1,
    mix.title * candidate.titleSimilarity + mix.description * candidate.descriptionSimilarity + mix.fullText * fullText,
  );
  if (strength < 0.2) return { strength };
  const parts = [`title ${Math.round(candidate.titleSimilarity * 100)}% alike`];
  if (mix.description && candidate.descriptionSimilarity > 0)
    parts.push(`description ${Math.round(candidate.descriptionSimilarity * 100)}% alike`);
  return { strength, reason: `similar text: ${parts.join(', ')}` };
}

function scoreAmount(context: DraftContext, candidate: CandidateFeatures): SignalResult {
  for (const amount of context.amounts) {
    if (candidate.amounts.includes(amount)) return { strength: 1, reason: `same amount: ${formatUsd(amount)}` };
  }
  for (const amount of context.amounts) {
    // Within 10%, in integers: |other − amount| × 10 ≤ amount.
    const near = candidate.amounts.find((other) => (other > amount ? other - amount : amount - other) * 10n <= amount);
    if (near !== undefined) return { strength: 0.5, reason: `similar amount: ${formatUsd(near)} against ${formatUsd(amount)}` };
  }
  return { strength: 0 };
}

/** The signals the draft itself gives: a signal the draft cannot have does not count against a match. */
function availableSignals(context: DraftContext): Signal[] {
  const signals: Signal[] = ['text'];
  if (context.organizations.size) signals.push('partner');
  if (context.countries.length || context.regions.length) signals.push('place');
  if (context.years.length) signals.push('period');
  if (context.terms.length) signals.push('terms');
  if (context.amounts.length) signals.push('amount');
  return signals;
}

/**
 * Scores one candidate: each signal's strength (0–1) times its weight, divided by the weights of
 * the signals the draft has, so an exact copy scores 1. Reasons come strongest first; the
 * agency reason always comes last.
 */
export function scoreCandidate(
  context: DraftContext,
  candidate: CandidateFeatures,
  maxRank: number,
): Omit<OverlapMatch, 'title'> & { exactScore: number } {
  const results: Record<Signal, SignalResult> = {
    partner: scorePartner(context, candidate),
    place: scorePlace(context, candidate),
    text: scoreText(context, candidate, maxRank),
    period: scorePeriod(context, candidate),
    terms: scoreTerms(context, candidate),
    amount: scoreAmount(context, candidate),
  };
  const signals = availableSignals(context);
  const totalWeight = signals.reduce((sum, signal) => sum + signalWeights[signal], 0);
  const exactScore = signals.reduce((sum, signal) => sum + signalWeights[signal] * results[signal].strength, 0) / totalWeight;
  const reasons = signals
    .filter((signal) => results[signal].reason)
    .sort((left, right) => signalWeights[right] * results[right].strength - signalWeights[left] * results[left].strength)
    .map((signal) => results[signal].reason!);
  const draftAgency = context.agencies.get(context.draft.fundingAgencyId);
  const agency = context.agencies.get(candidate.agencyId) ?? {
    id: candidate.agencyId,
    label: candidate.agencyId,
    lineage: [candidate.agencyId],
  };
  const related = draftAgency
    ? draftAgency.lineage.includes(agency.id) || agency.lineage.includes(draftAgency.id)
    : agency.id === context.draft.fundingAgencyId;
  reasons.push(related ? `funded by the same agency (${agency.label})` : `funded by another agency (${agency.label})`);
  const signalValues = Object.fromEntries(
    signals.map((signal) => [signal, Math.round(results[signal].strength * 1000) / 1000]),
  ) as OverlapMatch['signals'];
  return {
    programId: candidate.id,
    fundingAgency: { id: agency.id, label: agency.label },
    score: Math.round(exactScore * 1000) / 1000,
    exactScore,
    crossAgency: !related,
    reasons,
    signals: signalValues,
  };
}
