import { z } from 'zod';

export const clearanceStatuses = ['circulating', 'answered', 'cleared', 'returned'] as const;
export const clearanceResponseKinds = ['concurrence', 'comment', 'objection'] as const;
export const clearanceDecisions = ['clear', 'return'] as const;

const requiredText = (what: string) =>
  z.string().trim().min(1, `${what} must not be empty`).max(10_000, `${what} is limited to 10,000 characters`);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Not a calendar date');

export const clearanceIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const submitClearanceInputSchema = z.strictObject({
  programId: z.number().int().positive().max(2_147_483_647),
  /** When the members' responses are due; two weeks from today when left out. */
  dueDate: isoDate.optional(),
});
export type SubmitClearanceInput = z.infer<typeof submitClearanceInputSchema>;

export const clearanceResponseInputSchema = z.strictObject({
  kind: z.enum(clearanceResponseKinds),
  text: requiredText('The response text'),
});
export type ClearanceResponseInput = z.infer<typeof clearanceResponseInputSchema>;

export const clearanceReplyInputSchema = z.strictObject({ text: requiredText('The reply') });

export const clearanceDecisionInputSchema = z.strictObject({
  decision: z.enum(clearanceDecisions),
  reasons: requiredText('The reasons for the decision'),
});
export type ClearanceDecisionInput = z.infer<typeof clearanceDecisionInputSchema>;

export const clearanceDetailSchema = z.object({
  id: z.number(),
  programId: z.number(),
  programTitle: z.string(),
  proposerAgencyId: z.string(),
  status: z.enum(clearanceStatuses),
  dueDate: z.string(),
  circulatedAt: z.string(),
  circulatedBy: z.string(),
  /** Each member agency it was circulated to, with its latest response kind (null: none yet). */
  circulatedTo: z.array(z.object({ agencyId: z.string(), position: z.enum(clearanceResponseKinds).nullable() })),
  responses: z.array(
    z.object({
      id: z.number(),
      agencyId: z.string(),
      kind: z.enum(clearanceResponseKinds),
      text: z.string(),
      respondedBy: z.string(),
      respondedAt: z.string(),
    }),
  ),
  replies: z.array(z.object({ id: z.number(), text: z.string(), repliedBy: z.string(), repliedAt: z.string() })),
  decision: z
    .object({ outcome: z.enum(['cleared', 'returned']), reasons: z.string(), decidedBy: z.string(), decidedAt: z.string() })
    .nullable(),
});
export type ClearanceDetail = z.infer<typeof clearanceDetailSchema>;

export const clearanceQueueQuerySchema = z.strictObject({ agency: z.string().min(1).max(100).optional() });

export const clearanceQueueItemSchema = z.object({
  reviewId: z.number(),
  programId: z.number(),
  programTitle: z.string(),
  proposerAgencyId: z.string(),
  status: z.enum(clearanceStatuses),
  dueDate: z.string(),
  overdue: z.boolean(),
  /** reviewer: circulated to the agency for its response; proposer: the agency's own proposal; decision: awaiting the coordinator. */
  role: z.enum(['reviewer', 'proposer', 'decision']),
  /** For reviewer rows: the member agency asked, and whether it has responded. */
  agencyId: z.string().nullable(),
  responded: z.boolean(),
});
export type ClearanceQueueItem = z.infer<typeof clearanceQueueItemSchema>;
export const clearanceQueueSchema = z.object({ items: z.array(clearanceQueueItemSchema) });

export const notificationSchema = z.object({
  id: z.number(),
  agencyId: z.string(),
  reviewId: z.number().nullable(),
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
export const notificationListSchema = z.object({ items: z.array(notificationSchema) });

/** Which notifications to mark as read: the ids given, or every unread one of the viewer's agency. */
export const markNotificationsReadInputSchema = z.strictObject({
  ids: z.array(z.number().int().positive().max(2_147_483_647)).max(1000, 'Mark at most 1,000 notifications at once').optional(),
});
export const markNotificationsReadResultSchema = z.object({ marked: z.number() });
