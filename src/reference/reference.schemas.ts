import { z } from 'zod';
import { vocabularyNames } from './vocabularies.data.ts';

/** A vocabulary's name, as it appears in URLs and in `program_terms.vocabulary`. */
export const vocabularyNameSchema = z.enum(vocabularyNames);

export const agencyMembershipSchema = z.object({
  bodyId: z.string(),
  bodyName: z.string(),
  role: z.enum(['chair', 'member']),
});

/** A department, bureau or office; `parentId` places it in the hierarchy. */
export const agencySchema = z.object({
  id: z.string().meta({ example: 'dol-ilab-iclp' }),
  name: z.string(),
  abbreviation: z.string().nullable(),
  kind: z.string().meta({ description: 'department, independent-agency, bureau or office' }),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  description: z.string().nullable(),
  memberships: z.array(agencyMembershipSchema),
});

export const bodyMemberSchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  role: z.enum(['chair', 'member']),
});

/** A coordinating body (the Interagency Task Force, the SPOG) with its chair and members. */
export const coordinationBodySchema = z.object({
  id: z.string().meta({ example: 'spog' }),
  name: z.string(),
  abbreviation: z.string().nullable(),
  parentBodyId: z.string().nullable(),
  description: z.string().nullable(),
  chair: bodyMemberSchema.nullable(),
  members: z.array(bodyMemberSchema),
});

export const countrySchema = z.object({
  code: z.string().meta({ description: 'ISO 3166-1 alpha-3 (XKX for Kosovo)', example: 'NPL' }),
  alpha2: z.string().nullable(),
  numericCode: z.string().nullable(),
  name: z.string(),
  officialName: z.string().nullable(),
  regionCode: z.string().nullable().meta({ description: 'UN M49 sub-region' }),
  historical: z.boolean().meta({ description: 'true for countries that no longer exist, such as Yugoslavia' }),
});

export const regionSummarySchema = z.object({ code: z.string(), name: z.string(), kind: z.string() });

/** One country with every region it belongs to and its other names. */
export const countryDetailSchema = countrySchema.extend({
  regions: z.array(regionSummarySchema),
  aliases: z.array(z.string()),
});

export const regionSchema = z.object({
  code: z.string().meta({ description: "UN M49 code ('002') or a ctip program region ('ctip-mekong')", example: '002' }),
  name: z.string(),
  kind: z.string().meta({ description: 'world, continent, sub-region, intermediate-region, state-bureau or program-region' }),
  parentCode: z.string().nullable(),
  countryCount: z.number().int().meta({ description: 'current (not historical) member countries' }),
});

export const vocabularyTermSchema = z.object({
  vocabulary: vocabularyNameSchema,
  code: z.string().meta({ example: 'shelters' }),
  name: z.string(),
  description: z.string().nullable(),
  pillar: z.string().nullable().meta({ description: 'for assistance types: the pillar served by default' }),
  sortOrder: z.number().int(),
});

/** Query of the country list: historical countries are left out unless asked for. */
export const countryListQuerySchema = z.object({
  includeHistorical: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const agencyListSchema = z.object({ items: z.array(agencySchema) });
export const coordinationBodyListSchema = z.object({ items: z.array(coordinationBodySchema) });
export const countryListSchema = z.object({ items: z.array(countrySchema) });
export const regionListSchema = z.object({ items: z.array(regionSchema) });
export const vocabularyTermListSchema = z.object({ items: z.array(vocabularyTermSchema) });

export type Agency = z.infer<typeof agencySchema>;
export type CoordinationBody = z.infer<typeof coordinationBodySchema>;
export type Country = z.infer<typeof countrySchema>;
export type CountryDetail = z.infer<typeof countryDetailSchema>;
export type Region = z.infer<typeof regionSchema>;
export type VocabularyTerm = z.infer<typeof vocabularyTermSchema>;
