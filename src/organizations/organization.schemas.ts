import { z } from 'zod';

/**
 * IATI OrganisationType codes (codelist version 2.03), the vocabulary of `organizations.typeCode`.
 * https://iatistandard.org/en/iati-standard/203/codelists/organisationtype/
 */
export const organizationTypes = {
  '10': 'Government',
  '11': 'Local Government',
  '15': 'Other Public Sector',
  '21': 'International NGO',
  '22': 'National NGO',
  '23': 'Regional NGO',
  '24': 'Partner Country based NGO',
  '30': 'Public Private Partnership',
  '40': 'Multilateral',
  '60': 'Foundation',
  '70': 'Private Sector',
  '71': 'Private Sector in Provider Country',
  '72': 'Private Sector in Aid Recipient Country',
  '73': 'Private Sector in Third Country',
  '80': 'Academic, Training and Research',
  '90': 'Other',
} as const;

export type OrganizationTypeCode = keyof typeof organizationTypes;

export const organizationTypeCodeSchema = z.enum(Object.keys(organizationTypes) as [OrganizationTypeCode, ...OrganizationTypeCode[]]);

/** Query of the organization list: a name or spelling fragment, and a page size. */
export const organizationQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  reviewed: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type OrganizationQuery = z.infer<typeof organizationQuerySchema>;

export const organizationSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  typeCode: organizationTypeCodeSchema.nullable(),
  typeName: z.string().nullable(),
  faithBased: z.boolean(),
  reviewed: z.boolean().describe('False for organizations an import created from a name no reviewed alias matched'),
  countryCode: z.string().nullable(),
});

export type OrganizationSummary = z.infer<typeof organizationSummarySchema>;

export const organizationDetailSchema = organizationSummarySchema.extend({
  aliases: z.array(z.object({ name: z.string(), source: z.string() })),
  programCount: z.number(),
});

export type OrganizationDetail = z.infer<typeof organizationDetailSchema>;

export const unresolvedNameKinds = ['organization', 'place'] as const;

export const unresolvedNameQuerySchema = z.object({
  kind: z.enum(unresolvedNameKinds).optional(),
  source: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export type UnresolvedNameQuery = z.infer<typeof unresolvedNameQuerySchema>;

export const unresolvedNameSchema = z.object({
  kind: z.enum(unresolvedNameKinds),
  name: z.string(),
  normalizedName: z.string(),
  source: z.string(),
  occurrences: z.number(),
  firstSeenAt: z.string(),
});

export type UnresolvedName = z.infer<typeof unresolvedNameSchema>;
