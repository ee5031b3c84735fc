import { z } from 'zod';
import { centsInputSchema, centsSchema } from '../shared/money.ts';

/** A database id: a positive 32-bit integer (larger numbers would fail in SQL, not in validation). */
export const recordIdSchema = z.coerce.number().int().positive().max(2_147_483_647, 'is not a valid id');

export const programStatuses = ['proposed', 'under_review', 'active', 'completed', 'cancelled'] as const;
export const programVisibilities = ['public', 'restricted'] as const;
export const partnerRoles = ['prime', 'sub'] as const;

// zod accepts year 0000, which PostgreSQL (no year zero) refuses; real calendar dates only.
const isoDate = z.iso
  .date({ error: 'must be a date in the form YYYY-MM-DD' })
  .refine((date) => !date.startsWith('0000'), 'must be a real date (there is no year 0000)');
const fiscalYear = z.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');
const termCodes = z.array(z.string().trim().min(1).max(100)).max(100).default([]);

export const programPlaceInputSchema = z
  .object({
    countryCode: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as NPL')
      .optional(),
    regionCode: z.string().min(1).max(40).optional(),
    sharePercent: z.number().int().min(0).max(100).nullable().optional(),
  })
  .refine((place) => (place.countryCode === undefined) !== (place.regionCode === undefined), {
    message: 'give exactly one of countryCode and regionCode',
  });

export const programObligationInputSchema = z.object({
  fiscalYear,
  /** Integer cents (a decimal string, or a safe integer); null when the amount is not known (say why in amountNote). */
  amountCents: centsInputSchema.nullable(),
  amountNote: z.string().max(1000).nullable().optional(),
});

/** The body of a create; an update sends the same fields with the version it read. */
export const programInputSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(500),
    description: z.string().max(20_000).nullable().optional(),
    fundingAgencyId: z.string().min(1).max(100),
    status: z.enum(programStatuses),
    visibility: z.enum(programVisibilities).default('public'),
    startDate: isoDate.nullable().optional(),
    endDate: isoDate.nullable().optional(),
    partners: z
      .array(z.object({ organizationId: z.number().int().positive().max(2_147_483_647), role: z.enum(partnerRoles) }))
      .max(200)
      .default([]),
    places: z.array(programPlaceInputSchema).max(300).default([]),
    obligations: z.array(programObligationInputSchema).max(100).default([]),
    assistanceTypes: termCodes,
    pillars: termCodes,
    traffickingForms: termCodes,
    targetGroups: termCodes,
  })
  .superRefine((program, context) => {
    if (program.startDate && program.endDate && program.endDate < program.startDate) {
      context.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    }
    const years = program.obligations.map((obligation) => obligation.fiscalYear);
    const repeated = years.find((year, index) => years.indexOf(year) !== index);
    if (repeated !== undefined) {
      context.addIssue({ code: 'custom', path: ['obligations'], message: `fiscal year ${repeated} is listed twice` });
    }
  });

export type ProgramInput = z.infer<typeof programInputSchema>;

export const programUpdateSchema = programInputSchema.and(z.object({ version: z.number().int().positive().max(2_147_483_647).optional() }));

/** A multi-valued filter: comma-separated, at most 20 values (more would only be repeats). */
const commaList = z
  .string()
  .max(400, 'is too long (at most 400 characters)')
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).max(20, 'may list at most 20 values'))
  .optional();

export const programSortKeys = ['id', 'title', 'obligated', 'fiscalYear'] as const;

/** Query-string filters of the program list; the CLI and pages use the same object. */
export const programQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(1990).max(2100).optional(),
  fiscalYearFrom: z.coerce.number().int().min(1990).max(2100).optional(),
  fiscalYearTo: z.coerce.number().int().min(1990).max(2100).optional(),
  agency: z.string().max(100).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
    .transform((code) => code.toUpperCase())
    .optional(),
  /** With a country filter: also programs placed in a region that contains the country. */
  includeRegional: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  region: z.string().max(40).optional(),
  partner: recordIdSchema.optional(),
  assistanceType: z.string().max(100).optional(),
  pillar: z.string().max(100).optional(),
  status: commaList.pipe(z.array(z.enum(programStatuses)).optional()),
  q: z.string().trim().max(500).optional(),
  sort: z
    .string()
    .regex(/^-?(id|title|obligated|fiscalYear)$/, `must be one of ${programSortKeys.join(', ')}, optionally prefixed by - for descending`)
    .default('id'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export type ProgramQuery = z.infer<typeof programQuerySchema>;

/** The filters alone (no sort or paging): what statistics, exports and facets take. */
export const programFilterSchema = programQuerySchema.omit({ sort: true, limit: true, cursor: true });
export type ProgramFilters = z.infer<typeof programFilterSchema>;

export const programSummarySchema = z.object({
  id: z.number(),
  title: z.string(),
  fundingAgencyId: z.string(),
  fundingAgencyName: z.string(),
  status: z.enum(programStatuses),
  visibility: z.enum(programVisibilities),
  fiscalYears: z.array(z.number()),
  obligatedCents: centsSchema.describe('Sum of the known obligations, in cents (a decimal string)'),
  hasUnknownAmount: z.boolean(),
  partners: z.array(z.string()),
  places: z.array(z.string()),
});

export type ProgramSummary = z.infer<typeof programSummarySchema>;

export const programDetailSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  fundingAgency: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(programStatuses),
  visibility: z.enum(programVisibilities),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  partners: z.array(z.object({ organizationId: z.number(), name: z.string(), role: z.enum(partnerRoles) })),
  places: z.array(
    z.object({
      countryCode: z.string().nullable(),
      regionCode: z.string().nullable(),
      name: z.string(),
      sharePercent: z.number().nullable(),
    }),
  ),
  obligations: z.array(z.object({ fiscalYear: z.number(), amountCents: centsSchema.nullable(), amountNote: z.string().nullable() })),
  obligatedCents: centsSchema,
  hasUnknownAmount: z.boolean(),
  assistanceTypes: z.array(z.string()),
  pillars: z.array(z.string()),
  traffickingForms: z.array(z.string()),
  targetGroups: z.array(z.string()),
  source: z.string(),
  sourceKey: z.string().nullable(),
  sourceRecord: z.unknown(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ProgramDetail = z.infer<typeof programDetailSchema>;

export const programHistoryEntrySchema = z.object({
  version: z.number(),
  action: z.enum(['create', 'update', 'delete']),
  door: z.string(),
  actor: z.string(),
  changedAt: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export type ProgramHistoryEntry = z.infer<typeof programHistoryEntrySchema>;

export const programPageSchema = z.object({
  total: z.number(),
  items: z.array(programSummarySchema),
  nextCursor: z.string().nullable(),
});
