import { and, eq, inArray, sql } from 'drizzle-orm';
import { canWriteProgram, visibleOrganizationSql } from '../policy/policy.ts';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { findOrganizations } from '../organizations/organization.service.ts';
import { listAgencies, listCountries, listRegions, listVocabulary } from '../reference/reference.service.ts';
import type { Viewer } from '../shared/actor.ts';
import { normalizeName } from '../shared/names.ts';
import type { TermField } from './program-form-values.ts';

export type Choice = { value: string; label: string; hint?: string };

/** Everything the program form offers to choose from, for one writer. */
export type FormOptions = {
  /** Only the agencies the policy lets this writer write. */
  agencies: Choice[];
  countries: Choice[];
  regions: Choice[];
  terms: Record<TermField, Choice[]>;
  /** Names offered in the partner fields' datalist; any known spelling is accepted on submit. */
  organizationNames: string[];
};

const vocabularyOf: Record<TermField, string> = {
  assistanceTypes: 'assistance-type',
  pillars: 'pillar',
  traffickingForms: 'trafficking-form',
  targetGroups: 'target-group',
};

/** A bound on the datalist; names beyond it still resolve when typed. */
const datalistSize = 3000;

async function termChoices(db: Executor): Promise<Record<TermField, Choice[]>> {
  const terms = {} as Record<TermField, Choice[]>;
  for (const [field, vocabulary] of Object.entries(vocabularyOf) as [TermField, string][]) {
    terms[field] = (await listVocabulary({ db, vocabulary })).map((term) => ({
      value: term.code,
      label: term.name,
      hint: term.description ?? undefined,
    }));
  }
  return terms;
}

/** Loads the form's choices; the agency list is what `canWriteProgram` allows the viewer. */
export async function loadFormOptions(options: { db: Executor; viewer: Viewer }): Promise<FormOptions> {
  const { db, viewer } = options;
  const agencies = await listAgencies({ db });
  const countries = await listCountries({ db, includeHistorical: true });
  const regions = await listRegions({ db });
  const organizations = await findOrganizations({ db, limit: datalistSize, viewer });
  return {
    agencies: agencies
      .filter((agency) => canWriteProgram(viewer, agency.id))
      .map((agency) => ({ value: agency.id, label: agency.abbreviation ? `${agency.name} (${agency.abbreviation})` : agency.name })),
    countries: countries.map((country) => ({
      value: country.code,
      label: country.historical ? `${country.name} (historical)` : country.name,
    })),
    regions: regions.map((region) => ({ value: region.code, label: region.name })),
    terms: await termChoices(db),
    organizationNames: [...new Set(organizations.map((organization) => organization.name))].sort((left, right) =>
      left.localeCompare(right),
    ),
  };
}

/**
 * Resolves partner names as typed to organizations, the way imports do: through the alias table
 * (every reviewed spelling and every name an import met), then the organization's own name.
 * Never creates an organization: a name nobody knows is for an administrator to add. Only
 * organizations the viewer may know of resolve, so the form cannot reveal a partner named only
 * by another agency's restricted programs. Returns normalized name → organization id.
 */
export async function resolveOrganizationNames(options: { db: Executor; names: string[]; viewer: Viewer }): Promise<Map<string, number>> {
  const { organizationAliases, organizations } = schema;
  const normalized = [...new Set(options.names.map(normalizeName).filter(Boolean))];
  const resolved = new Map<string, number>();
  if (normalized.length === 0) return resolved;
  const visible = visibleOrganizationSql(options.viewer, organizations.id);
  const aliases = await options.db
    .select({ normalizedName: organizationAliases.normalizedName, organizationId: organizationAliases.organizationId })
    .from(organizationAliases)
    .innerJoin(organizations, eq(organizations.id, organizationAliases.organizationId))
    .where(and(inArray(organizationAliases.normalizedName, normalized), visible));
  for (const alias of aliases) resolved.set(alias.normalizedName, alias.organizationId);
  const missing = options.names.filter((name) => !resolved.has(normalizeName(name))).map((name) => name.trim().toLowerCase());
  if (missing.length) {
    const rows = await options.db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(and(inArray(sql`lower(${organizations.name})`, [...new Set(missing)]), visible));
    for (const row of rows) if (!resolved.has(normalizeName(row.name))) resolved.set(normalizeName(row.name), row.id);
  }
  return resolved;
}
