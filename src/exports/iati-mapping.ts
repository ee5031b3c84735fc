import type { ProgramDetail } from '../programs/program.schemas.ts';

/**
 * The decisions of the IATI export that are data: organisation identifiers, status codes and
 * the sector mapping. README.md in this folder says why each one is what it is.
 */

/** An IATI organisation: `ref` only when a registered identifier is known. */
export type IatiOrganisation = { ref?: string; type: string; name: string };

/**
 * Identifiers of U.S. agencies: the OECD DAC donor-agency numbers of the retired IATI
 * OrganisationIdentifier codelist (US-1 USAID, US-11 State, US-17 Labor) in the US-GOV-n form the
 * U.S. government publishes under. Sub-units (the TIP Office, PRM, ILAB) take their department's.
 */
export const agencyIatiRefs: Record<string, string> = {
  usaid: 'US-GOV-1',
  state: 'US-GOV-11',
  dol: 'US-GOV-17',
};

/** Who reports programs of agencies without an identifier: State, as chair of the SPOG (secondary reporter). */
export const secretariatAgencyId = 'state';

/** IATI OrganisationType 10: Government. */
export const governmentType = '10';

/** ctip status → IATI ActivityStatus (1 pipeline, 2 implementation, 4 closed, 5 cancelled). */
export const activityStatusCodes: Record<ProgramDetail['status'], string> = {
  proposed: '1',
  under_review: '1',
  active: '2',
  completed: '4',
  cancelled: '5',
};

/** The DAC 5-digit purpose code of each ctip assistance type (vocabulary 1). */
export const assistanceTypeSectors: Record<string, string> = {
  'laws-drafting': '15130',
  'law-enforcement-equipment': '15130',
  'training-officials': '15130',
  'anti-corruption': '15113',
  'economic-alternatives': '16020',
  education: '15160',
  awareness: '15160',
  'demand-deterrence': '15160',
  'training-medical-personnel': '16010',
  'victim-identification': '16010',
  shelters: '16010',
  hotlines: '16010',
  'return-reintegration': '15190',
  'psychological-services': '16010',
  'legal-services': '16010',
  'medical-services': '16010',
  'counseling-services': '16010',
  'ngo-capacity-building': '15150',
  'regional-cooperation': '15190',
  research: '15160',
};

/** When a program records no assistance type: the DAC code of each pillar. */
export const pillarSectors: Record<string, string> = {
  prevention: '15160',
  protection: '16010',
  prosecution: '15130',
  partnership: '15190',
};

/** Human rights: DAC's code for programming that targets victims of trafficking, the fallback. */
export const defaultSector = '15160';

/**
 * Splits `total` into whole parts proportional to `weights` (largest remainder), so integer
 * percentages always add up to exactly the total. Zero or no weights split equally.
 */
export function apportion(weights: number[], total = 100): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((left, right) => left + right, 0);
  const shares = sum > 0 ? weights.map((weight) => (weight * total) / sum) : weights.map(() => total / weights.length);
  const parts = shares.map(Math.floor);
  let missing = total - parts.reduce((left, right) => left + right, 0);
  const order = shares
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((left, right) => right.remainder - left.remainder || left.index - right.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    parts[index]! += 1;
    missing -= 1;
  }
  return parts;
}

/**
 * Percentages of a program's places that add up to 100: known shares are kept, places without
 * one share what the known ones leave equally, and the result is scaled to 100 when known shares
 * alone fall short.
 */
export function placePercentages(shares: (number | null)[]): number[] {
  const known = shares.reduce<number>((sum, share) => sum + (share ?? 0), 0);
  const unknownCount = shares.filter((share) => share === null).length;
  const each = unknownCount ? Math.max(0, 100 - known) / unknownCount : 0;
  return apportion(shares.map((share) => share ?? each));
}

/** DAC sectors with percentages: from the assistance types, else the pillars, else human rights. */
export function dacSectors(program: Pick<ProgramDetail, 'assistanceTypes' | 'pillars'>): { code: string; percentage: number }[] {
  const fromTypes = program.assistanceTypes.flatMap((code) => assistanceTypeSectors[code] ?? []);
  const fromPillars = program.pillars.flatMap((code) => pillarSectors[code] ?? []);
  const codes = fromTypes.length ? fromTypes : fromPillars.length ? fromPillars : [defaultSector];
  const weights = new Map<string, number>();
  for (const code of codes) weights.set(code, (weights.get(code) ?? 0) + 1);
  const sorted = [...weights].sort(([left], [right]) => left.localeCompare(right));
  const percentages = apportion(sorted.map(([, weight]) => weight));
  return sorted.map(([code], index) => ({ code, percentage: percentages[index]! }));
}

/** The first day of U.S. fiscal year N: 1 October of N-1. */
export function fiscalYearStart(fiscalYear: number): string {
  return `${fiscalYear - 1}-10-01`;
}
