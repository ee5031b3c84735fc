import { z } from 'zod';

export const overlapSignalSchema = z.enum(['partner', 'place', 'text', 'period', 'terms', 'amount']);

/** One existing program that overlaps the draft, with its score and the reasons in words. */
export const overlapMatchSchema = z.object({
  programId: z.number(),
  title: z.string(),
  fundingAgency: z.object({ id: z.string(), label: z.string() }),
  /** 0–1: the weighted share of the draft's signals this program matches (see src/coordination/README.md). */
  score: z.number(),
  /** True when another agency (not the draft's, its parent or its child) funds the program. */
  crossAgency: z.boolean(),
  reasons: z.array(z.string()),
  /** Each signal's strength, 0–1, before weighting. */
  signals: z.partialRecord(overlapSignalSchema, z.number()),
});

export type OverlapMatch = z.infer<typeof overlapMatchSchema>;

export const overlapCheckResultSchema = z.object({
  matches: z.array(overlapMatchSchema),
  /** How many existing programs were scored (the candidates the indexes found). */
  candidates: z.number(),
});

export type OverlapCheckResult = z.infer<typeof overlapCheckResultSchema>;

export const overlapCheckQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  excludeProgramId: z.coerce.number().int().positive().optional(),
});

const fiscalYear = z.coerce.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');

/** The fiscal-year range of the portfolio overlap report; both ends included. */
export const overlapReportQuerySchema = z
  .object({ from: fiscalYear, to: fiscalYear })
  .refine((range) => range.from <= range.to, { message: 'must not be after to', path: ['from'] });

export type OverlapReportQuery = z.infer<typeof overlapReportQuerySchema>;

const programRef = z.object({ id: z.number(), title: z.string(), agency: z.string(), obligatedCents: z.number() });

export const fragmentationRowSchema = z.object({
  placeCode: z.string(),
  placeName: z.string(),
  pillar: z.string(),
  agencies: z.array(z.string()),
  programs: z.number(),
  programIds: z.array(z.number()),
  obligatedCents: z.number(),
});

export const pairRowSchema = z.object({
  kind: z.enum(['overlap', 'duplication']),
  placeCode: z.string(),
  placeName: z.string(),
  fiscalYears: z.array(z.number()),
  sharedPartners: z.array(z.string()),
  sharedTerms: z.array(z.string()),
  textSimilarity: z.number(),
  crossAgency: z.boolean(),
  first: programRef,
  second: programRef,
  obligatedCents: z.number(),
});

export const dimensionRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  fragmentation: z.number(),
  overlap: z.number(),
  duplication: z.number(),
  programs: z.number(),
  obligatedCents: z.number(),
});

export const overlapReportSchema = z.object({
  fiscalYearFrom: z.number(),
  fiscalYearTo: z.number(),
  programsInRange: z.number(),
  /** Obligations in the range of the programs named in any finding, each program counted once. */
  obligatedCentsInvolved: z.number(),
  obligatedCentsInRange: z.number(),
  definitions: z.object({ fragmentation: z.string(), overlap: z.string(), duplication: z.string(), amounts: z.string() }),
  fragmentation: z.array(fragmentationRowSchema),
  overlap: z.array(pairRowSchema),
  duplication: z.array(pairRowSchema),
  byCountry: z.array(dimensionRowSchema),
  byPartner: z.array(dimensionRowSchema),
  byAssistanceType: z.array(dimensionRowSchema),
});

export type FragmentationRow = z.infer<typeof fragmentationRowSchema>;
export type PairRow = z.infer<typeof pairRowSchema>;
export type DimensionRow = z.infer<typeof dimensionRowSchema>;
export type OverlapReport = z.infer<typeof overlapReportSchema>;
