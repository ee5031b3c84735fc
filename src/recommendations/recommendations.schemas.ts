import { z } from 'zod';
import { recordIdSchema } from '../programs/program.schemas.ts';

/** Where a recommendation stands; each response sets the status it results in. */
export const recommendationStatuses = ['open', 'in_progress', 'implemented', 'closed_not_implemented'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];

/** Words for the statuses, shared by pages and the Assessment. */
export const recommendationStatusLabels: Record<RecommendationStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  implemented: 'Implemented',
  closed_not_implemented: 'Closed, not implemented',
};

const fiscalYear = z.coerce.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');
const agencyId = z.string().trim().min(1, 'must not be empty').max(100);
const longText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const recommendationInputSchema = z.object({
  fiscalYear,
  text: longText(10_000),
  ownerAgencyId: agencyId,
});
export type RecommendationInput = z.infer<typeof recommendationInputSchema>;

export const responseInputSchema = z.object({
  text: longText(10_000),
  resultingStatus: z.enum(recommendationStatuses),
});
export type ResponseInput = z.infer<typeof responseInputSchema>;

export const recommendationResponseSchema = z.object({
  id: z.number(),
  respondedAt: z.string().describe('ISO 8601 date-time'),
  responder: z.string(),
  text: z.string(),
  resultingStatus: z.enum(recommendationStatuses),
});

export const recommendationSchema = z.object({
  id: z.number(),
  fiscalYear: z.number(),
  text: z.string(),
  ownerAgency: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(recommendationStatuses),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  responses: z.array(recommendationResponseSchema).describe('Oldest first; appended, never edited'),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const recommendationQuerySchema = z.object({ fiscalYear: fiscalYear.optional() });

export const recommendationListSchema = z.object({ items: z.array(recommendationSchema) });

export const idParamsSchema = z.object({ id: recordIdSchema });
