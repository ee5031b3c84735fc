import { z } from 'zod';

/** A person's decision about a name imports could not resolve: which organization or place it means. */
export const reviewMappingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('organization'), name: z.string().trim().min(1).max(500), organizationId: z.number().int().positive() }),
  z
    .object({
      kind: z.literal('place'),
      name: z.string().trim().min(1).max(500),
      countryCode: z
        .string()
        .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as NPL')
        .optional(),
      regionCode: z.string().min(1).max(40).optional(),
    })
    .refine((value) => (value.countryCode === undefined) !== (value.regionCode === undefined), {
      message: 'give exactly one of countryCode and regionCode',
    }),
]);

export type ReviewMapping = z.infer<typeof reviewMappingSchema>;

export const reviewMappingResultSchema = z.object({
  kind: z.enum(['organization', 'place']),
  name: z.string(),
  normalizedName: z.string(),
  organizationId: z.number().nullable(),
  countryCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  /** Whether the name was on the review list (it is not any more). */
  wasPending: z.boolean(),
  /** Identifiers (UEI, IATI ref) moved from the unreviewed organization an import had created. */
  movedIdentifiers: z.number(),
});

export type ReviewMappingResult = z.infer<typeof reviewMappingResultSchema>;
