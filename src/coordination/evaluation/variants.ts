import type { ProgramDetail, ProgramInput } from '../../programs/program.schemas.ts';
import { normalizeName } from '../../shared/names.ts';
import { createRandom } from '../../shared/seeded-random.ts';

/** How a derived variant differs from the real grant it comes from. */
export const variantKinds = ['alias', 'fiscal-year', 'reworded', 'agency'] as const;
export type VariantKind = (typeof variantKinds)[number] | 'exact-duplicate';

/** One query of the evaluation: a draft and the program the check must find. */
export type EvaluationCase = { kind: VariantKind; expectedId: number; draft: ProgramInput; note: string };

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/** The create body that would produce this program again. */
export function inputOf(detail: ProgramDetail): ProgramInput {
  return {
    title: detail.title,
    description: detail.description,
    fundingAgencyId: detail.fundingAgency.id,
    status: 'proposed',
    visibility: 'public',
    startDate: detail.startDate,
    endDate: detail.endDate,
    partners: detail.partners.map(({ organizationId, role }) => ({ organizationId, role })),
    places: detail.places.map((place) => (place.countryCode ? { countryCode: place.countryCode } : { regionCode: place.regionCode! })),
    obligations: detail.obligations.map(({ fiscalYear, amountCents, amountNote }) => ({ fiscalYear, amountCents, amountNote })),
    assistanceTypes: detail.assistanceTypes,
    pillars: detail.pillars,
    traffickingForms: detail.traffickingForms,
    targetGroups: detail.targetGroups,
  };
}

/** The parts of an imported title: "IOM — Afghanistan, FY2004". */
function titleParts(detail: ProgramDetail): { recipient: string; place: string; year: number } | undefined {
  const match = /^(.*) — (.*), FY(\d{4})$/.exec(detail.title);
  return match ? { recipient: match[1]!, place: match[2]!, year: Number(match[3]) } : undefined;
}

const rewordings = [
  (r: string, p: string, y: number) => `Anti-trafficking grant to ${r} for ${p} (fiscal year ${y})`,
  (r: string, p: string, y: number) => `${p}: ${r} project against trafficking in persons, ${y}`,
  (r: string, p: string, y: number) => `Support through ${r} to combat human trafficking in ${p}, FY ${y}`,
];

const otherAgencies = ['dol-ilab', 'usaid', 'state-prm', 'doj', 'hhs', 'dhs-ice'];

/**
 * Derives one variant of a real grant, the way it would reach ctip from another agency or
 * another listing: the partner under another reviewed spelling (resolved through the alias
 * table, as an import would), the fiscal year shifted by one, the title and description
 * reworded, or another funding agency. Returns undefined when the grant cannot take that kind.
 */
export function deriveVariant(options: {
  kind: (typeof variantKinds)[number];
  detail: ProgramDetail;
  spellings: Map<number, string[]>;
  resolve: (name: string) => number | undefined;
  random: () => number;
}): EvaluationCase | undefined {
  const { kind, detail, random } = options;
  const parts = titleParts(detail);
  const base = inputOf(detail);
  if (!parts || detail.obligations.length !== 1) return undefined;
  const { recipient, place, year } = parts;
  if (kind === 'alias') {
    const partner = detail.partners.find((item) => item.role === 'prime');
    const spellings = (partner && options.spellings.get(partner.organizationId)) ?? [];
    const others = spellings.filter((spelling) => normalizeName(spelling) !== normalizeName(recipient));
    if (!partner || others.length === 0) return undefined;
    const alias = pick(others, random);
    const organizationId = options.resolve(alias);
    if (organizationId === undefined) return undefined;
    const partners = [{ organizationId, role: 'prime' as const }, ...base.partners.filter((item) => item.role !== 'prime')];
    const description = (base.description ?? '').replace(`Recipient as listed: ${recipient}.`, `Recipient as listed: ${alias}.`);
    return {
      kind,
      expectedId: detail.id,
      note: `'${recipient}' → '${alias}'`,
      draft: { ...base, title: `${alias} — ${place}, FY${year}`, description, partners },
    };
  }
  if (kind === 'fiscal-year') {
    const shifted = year + (random() < 0.5 ? -1 : 1);
    const obligations = base.obligations.map((obligation) => ({ ...obligation, fiscalYear: shifted }));
    return {
      kind,
      expectedId: detail.id,
      note: `FY${year} → FY${shifted}`,
      draft: { ...base, title: `${recipient} — ${place}, FY${shifted}`, obligations },
    };
  }
  if (kind === 'reworded') {
    const title = pick(rewordings, random)(recipient, place, year);
    const pillars = base.pillars.length ? ` Work on ${base.pillars.join(' and ')}.` : '';
    return {
      kind,
      expectedId: detail.id,
      note: title,
      draft: { ...base, title, description: `Award made to ${recipient} for work in ${place}.${pillars}` },
    };
  }
  const agency = pick(
    otherAgencies.filter((id) => id !== base.fundingAgencyId),
    random,
  );
  return { kind, expectedId: detail.id, note: `funded by ${agency}`, draft: { ...base, fundingAgencyId: agency } };
}

/**
 * Builds the evaluation set: one case per exact-duplicate group of the listing (the import merged
 * them into one program whose sourceRecord.lines lists every line; the later line's draft is the
 * same create body), then `count` derived variants of grants drawn with a seeded PRNG, the four
 * kinds in turn.
 */
export function buildEvaluationSet(options: {
  details: ProgramDetail[];
  spellings: Map<number, string[]>;
  resolve: (name: string) => number | undefined;
  count: number;
  seed: number;
}): EvaluationCase[] {
  const random = createRandom(options.seed);
  const cases: EvaluationCase[] = [];
  for (const detail of options.details) {
    const lines = (detail.sourceRecord as { lines?: number[] } | null)?.lines ?? [];
    if (lines.length > 1)
      cases.push({ kind: 'exact-duplicate', expectedId: detail.id, draft: inputOf(detail), note: `lines ${lines.join(', ')}` });
  }
  const used = new Set<number>();
  for (let attempt = 0, made = 0; made < options.count && attempt < options.count * 50; attempt += 1) {
    const detail = pick(options.details, random);
    if (used.has(detail.id)) continue;
    const variant = deriveVariant({
      kind: variantKinds[made % variantKinds.length]!,
      detail,
      spellings: options.spellings,
      resolve: options.resolve,
      random,
    });
    if (!variant) continue;
    used.add(detail.id);
    cases.push(variant);
    made += 1;
  }
  return cases;
}
