import { z } from 'zod';
import { recordIdSchema } from '../programs/program.schemas.ts';

const fiscalYear = z.coerce.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');
const agencyId = z.string().trim().min(1, 'must not be empty').max(100);
const longText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const activityInputSchema = z.object({
  title: longText(500),
  description: z.string().max(10_000).nullable().optional(),
  programIds: z.array(recordIdSchema).max(500).default([]),
});

const goalInputSchema = z.object({
  title: longText(500),
  description: z.string().max(10_000).nullable().optional(),
  activities: z.array(activityInputSchema).max(100).default([]),
});

/** A plan as an agency writes it: its period in fiscal years, goals, and activities linked to programs. */
export const strategicPlanInputSchema = z
  .object({
    agencyId,
    title: longText(500),
    fiscalYearFrom: fiscalYear,
    fiscalYearTo: fiscalYear,
    goals: z.array(goalInputSchema).min(1, 'a plan needs at least one goal').max(50),
  })
  .refine((plan) => plan.fiscalYearFrom <= plan.fiscalYearTo, {
    message: 'must not be after fiscalYearTo, the last year of the plan',
    path: ['fiscalYearFrom'],
  });
export type StrategicPlanInput = z.infer<typeof strategicPlanInputSchema>;

const linkedProgramSchema = z.object({ id: z.number(), title: z.string() });

export const strategicPlanSchema = z.object({
  id: z.number(),
  agency: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  fiscalYearFrom: z.number(),
  fiscalYearTo: z.number(),
  version: z
    .string()
    .describe(
      "The plan's content version as this reader sees it (also its ETag): send it back in If-Match to change the plan; it changes whenever the content does",
    ),
  createdBy: z.string(),
  createdAt: z.string(),
  goals: z.array(
    z.object({
      title: z.string(),
      description: z.string().nullable(),
      activities: z.array(
        z.object({
          title: z.string(),
          description: z.string().nullable(),
          programs: z.array(linkedProgramSchema).describe('Linked programs the reader may see'),
        }),
      ),
    }),
  ),
});
export type StrategicPlan = z.infer<typeof strategicPlanSchema>;

export const strategicPlanQuerySchema = z.object({
  fiscalYear: fiscalYear.optional().describe('Plans whose period includes this fiscal year'),
  agency: agencyId.optional(),
});

export const strategicPlanListSchema = z.object({ items: z.array(strategicPlanSchema) });

export const planIdParamsSchema = z.object({ id: recordIdSchema });

/** The headers of a plan update: If-Match carries the version the writer read (the others pass through). */
export const planUpdateHeadersSchema = z.looseObject({
  'if-match': z
    .string()
    .optional()
    .describe('Required: the ETag (or `version`) of the plan as you read it; a plan changed since gets 412 with the current plan'),
});
