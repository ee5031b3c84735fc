import type { Executor } from '../../db/database.ts';
import type { OrganizationResolver } from '../../organizations/organization-resolver.ts';
import type { ActivityDraft, OrganisationDraft } from './iati.activity.ts';
import { attachIdentifiers, findOrganizationsByIdentifier } from '../shared/organization-identifiers.ts';
import { fundingAgencyByOrgRef } from './iati.codes.ts';

export type FundingDecision = { agencyId: string; assignedBy: string } | { error: string };

const describe = (org: OrganisationDraft | null) =>
  org ? [org.name, org.ref ? `(${org.ref})` : ''].filter(Boolean).join(' ') || 'unnamed' : 'none given';

/**
 * The ctip agency that funds an activity: the first funding, then extending, then reporting
 * organisation whose IATI identifier the reviewed table maps to a ctip agency; otherwise the
 * --funding-agency option (the real funder stays in sourceRecord); otherwise an error.
 */
export function decideFundingAgency(draft: ActivityDraft, option: string | undefined): FundingDecision {
  const candidates = [
    ...draft.organisations.filter((org) => org.role === 'funding'),
    ...draft.organisations.filter((org) => org.role === 'extending'),
    ...(draft.reportingOrg ? [{ ...draft.reportingOrg, role: 'reporting' }] : []),
  ];
  for (const org of candidates) {
    const agencyId = org.ref ? fundingAgencyByOrgRef[org.ref.toUpperCase()] : undefined;
    if (agencyId) return { agencyId, assignedBy: `IATI ${org.role} organisation ${org.ref}` };
  }
  const funder = candidates[0] ?? null;
  if (option)
    return {
      agencyId: option,
      assignedBy: `--funding-agency (the ${funder?.role ?? 'funding'} organisation, ${describe(funder)}, is not a ctip agency)`,
    };
  return {
    error: `the funder, ${describe(funder)}, is not a U.S. agency ctip knows (reviewed IATI identifiers: ${Object.keys(
      fundingAgencyByOrgRef,
    )
      .filter((ref) => ref.includes('GOV'))
      .join(', ')}); import with --funding-agency ID to record it under a ctip agency`,
  };
}

/** Looks like an IATI organisation identifier (registration agency prefix, then an id): GB-CHC-285776, XM-DAC-41114. */
const iatiOrgRef = /^[A-Za-z]{2}-[A-Za-z0-9]+(-.+)?$/;

const placeholderName = /^(others?|n\/?a|none|not applicable|not known|unknown|various|tbd|to be determined)\.?$/i;

/** An implementing organisation named only by a placeholder ("Other.", "N/A"), which names nobody. */
export function isPlaceholder(org: OrganisationDraft): boolean {
  return !!org.name && placeholderName.test(org.name.trim()) && !(org.ref && iatiOrgRef.test(org.ref));
}

/** The organisations that become partners: implementing ones (role 4), except ctip agencies and placeholders. */
export function partnerOrganisations(draft: ActivityDraft): OrganisationDraft[] {
  return draft.organisations.filter(
    (org) =>
      org.role === 'implementing' &&
      (org.name || org.ref) &&
      !isPlaceholder(org) &&
      !(org.ref && fundingAgencyByOrgRef[org.ref.toUpperCase()]),
  );
}

export const partnerKey = (org: OrganisationDraft) =>
  org.ref && iatiOrgRef.test(org.ref) ? `ref:${org.ref.toUpperCase()}` : `name:${org.name ?? org.ref}`;

/**
 * Resolves the partners of a batch: an IATI identifier already recorded (scheme 'iati') wins;
 * otherwise the name goes through the organization resolver (reviewed aliases, else a new
 * unreviewed organization filed for review). New identifier links are recorded so later
 * imports find the organization by its ref. Returns organization ids by partnerKey, and the
 * names the resolver could not resolve with confidence.
 */
export async function resolvePartners(options: {
  db: Executor;
  resolver: OrganizationResolver;
  organisations: OrganisationDraft[];
}): Promise<{ ids: Map<string, number>; unreviewed: OrganisationDraft[] }> {
  const { db, resolver, organisations } = options;
  const refs = [...new Set(organisations.flatMap((org) => (partnerKey(org).startsWith('ref:') ? [org.ref!.toUpperCase()] : [])))];
  const known = await findOrganizationsByIdentifier({ db, scheme: 'iati', values: refs });
  const ids = new Map([...known].map(([value, found]) => [`ref:${value}`, found.organizationId]));
  const toResolve = organisations.filter((org) => !ids.has(partnerKey(org)));
  await resolver.resolveAll(
    toResolve.map((org) => ({ name: org.name ?? org.ref!, typeCode: org.typeCode && /^\d{2}$/.test(org.typeCode) ? org.typeCode : null })),
  );
  const unreviewed: OrganisationDraft[] = [];
  const links = new Map<string, number>();
  for (const org of toResolve) {
    const key = partnerKey(org);
    const resolution = resolver.get(org.name ?? org.ref!);
    if (!resolution) continue;
    if (!resolution.reviewed) unreviewed.push(org);
    if (!ids.has(key)) ids.set(key, resolution.organizationId);
    if (key.startsWith('ref:') && !links.has(key)) links.set(key, resolution.organizationId);
  }
  await attachIdentifiers({
    db,
    scheme: 'iati',
    entries: [...links].map(([key, organizationId]) => ({ organizationId, value: key.slice(4) })),
  });
  return { ids, unreviewed };
}
