import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import type { ProgramDetail } from '../programs/program.schemas.ts';
import { agencyIatiRefs, governmentType, secretariatAgencyId, type IatiOrganisation } from './iati-mapping.ts';

/** Where ctip publishes its assistance types (sector vocabulary 99) and regions (region vocabulary 99). */
export type IatiVocabularyUris = { assistanceTypes: string; regions: string };

/** Reference data the IATI export reads once per file (a few hundred rows), not per program. */
export type IatiContext = {
  agencies: Map<string, { name: string; parentId: string | null }>;
  countries: Map<string, { alpha2: string | null; historical: boolean; regionCode: string | null }>;
  assistanceTypeNames: Map<string, string>;
  /** Where the ctip code lists used with vocabulary 99 are defined. */
  vocabularyUris: IatiVocabularyUris;
  /** Today as YYYY-MM-DD: actual dates may not lie after it. */
  today: string;
};

export async function loadIatiContext(options: { db: Executor; vocabularyUris: IatiVocabularyUris; now: Date }): Promise<IatiContext> {
  const { db } = options;
  const agencyRows = await db
    .select({ id: schema.agencies.id, name: schema.agencies.name, parentId: schema.agencies.parentId })
    .from(schema.agencies);
  const countryRows = await db
    .select({
      code: schema.countries.code,
      alpha2: schema.countries.alpha2,
      historical: schema.countries.historical,
      regionCode: schema.countries.regionCode,
    })
    .from(schema.countries);
  const termRows = await db
    .select({ code: schema.vocabularyTerms.code, name: schema.vocabularyTerms.name })
    .from(schema.vocabularyTerms)
    .where(eq(schema.vocabularyTerms.vocabulary, 'assistance-type'));
  return {
    agencies: new Map(agencyRows.map((row) => [row.id, { name: row.name, parentId: row.parentId }])),
    countries: new Map(countryRows.map((row) => [row.code, row])),
    assistanceTypeNames: new Map(termRows.map((row) => [row.code, row.name])),
    vocabularyUris: options.vocabularyUris,
    today: options.now.toISOString().slice(0, 10),
  };
}

/** The IATI OrganisationType of each partner of a page, in one query. */
export async function loadPartnerTypes(db: Executor, programs: ProgramDetail[]): Promise<Map<number, string | null>> {
  const ids = [...new Set(programs.flatMap((program) => program.partners.map((partner) => partner.organizationId)))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: schema.organizations.id, typeCode: schema.organizations.typeCode })
    .from(schema.organizations)
    .where(inArray(schema.organizations.id, ids));
  return new Map(rows.map((row) => [row.id, row.typeCode]));
}

/** The agency itself or its nearest ancestor that has an IATI identifier. */
function findIdentifiedAgency(context: IatiContext, agencyId: string): string | undefined {
  for (let id: string | null | undefined = agencyId; id; id = context.agencies.get(id)?.parentId) {
    if (agencyIatiRefs[id]) return id;
  }
  return undefined;
}

function topAgency(context: IatiContext, agencyId: string): string {
  let id = agencyId;
  while (context.agencies.get(id)?.parentId) id = context.agencies.get(id)!.parentId!;
  return id;
}

const nameOf = (context: IatiContext, agencyId: string) => context.agencies.get(agencyId)?.name ?? agencyId;

/**
 * Who reports a program: its agency's department when that has an identifier; otherwise the
 * Department of State, chair of the SPOG that keeps ctip, as a secondary reporter.
 */
export function reportingOrganisation(context: IatiContext, agencyId: string): IatiOrganisation & { ref: string; secondary: boolean } {
  const identified = findIdentifiedAgency(context, agencyId);
  const reporter = identified ?? secretariatAgencyId;
  return { ref: agencyIatiRefs[reporter]!, type: governmentType, name: nameOf(context, reporter), secondary: identified === undefined };
}

/** Funding (role 1): the department; extending (role 3): the agency that manages the award. */
export function fundingOrganisations(context: IatiContext, agencyId: string): { funding: IatiOrganisation; extending: IatiOrganisation } {
  const identified = findIdentifiedAgency(context, agencyId);
  const department = identified ?? topAgency(context, agencyId);
  const extendingRef = agencyIatiRefs[agencyId];
  return {
    funding: { ...(identified ? { ref: agencyIatiRefs[identified]! } : {}), type: governmentType, name: nameOf(context, department) },
    extending: { ...(extendingRef ? { ref: extendingRef } : {}), type: governmentType, name: nameOf(context, agencyId) },
  };
}
