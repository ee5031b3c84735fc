import { z } from 'zod';
import { centsSchema } from '../shared/money.ts';

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
  excludeProgramId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

const fiscalYear = z.coerce.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');

/** The fiscal-year range of the portfolio overlap report; both ends included. */
export const overlapReportQuerySchema = z
  .object({ from: fiscalYear, to: fiscalYear })
  .refine((range) => range.from <= range.to, { message: 'must not be after to', path: ['from'] });

export type OverlapReportQuery = z.infer<typeof overlapReportQuerySchema>;

const programRef = z.object({ id: z.number(), title: z.string(), agency: z.string(), obligatedCents: centsSchema });

export const fragmentationRowSchema = z.object({
  placeCode: z.string(),
  placeName: z.string(),
  pillar: z.string(),
  agencies: z.array(z.string()),
  programs: z.number(),
  programIds: z.array(z.number()),
  obligatedCents: centsSchema,
});

/** Two programs in the same place and fiscal year doing similar work (the overlap definition). */
export const pairRowSchema = z.object({
  kind: z.literal('overlap'),
  placeCode: z.string(),
  placeName: z.string(),
  fiscalYears: z.array(z.number()),
  sharedPartners: z.array(z.string()),
  sharedTerms: z.array(z.string()),
  textSimilarity: z.number(),
  crossAgency: z.boolean(),
  first: programRef,
  second: programRef,
  obligatedCents: centsSchema,
});

/**
 * Programs doing the same work for the same beneficiaries (the duplication definition): the same
 * partner and place, a shared fiscal year and titles at least 80 % alike, linked program to program.
 */
export const duplicationGroupSchema = z.object({
  places: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The partners all the programs share. */
  partners: z.array(z.string()),
  /** The programs' assistance types; empty when none is given. */
  assistanceTypes: z.array(z.string()),
  /** The fiscal years in which two or more of the programs have obligations. */
  fiscalYears: z.array(z.number()),
  agencies: z.array(z.string()),
  /** True when two or more agencies fund the group's programs. */
  crossAgency: z.boolean(),
  programs: z.array(programRef),
  obligatedCents: centsSchema,
});

/** Per country or region, partner or assistance type: fragmented areas, overlapping pairs and duplication groups, and the distinct programs behind them. */
export const dimensionRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  fragmentation: z.number(),
  overlap: z.number(),
  duplication: z.number(),
  programs: z.number(),
  obligatedCents: centsSchema,
});

/** The report without its member lists: what `getOverlapReport({ detail: 'summary' })` returns. */
export const overlapReportSummarySchema = z.object({
  fiscalYearFrom: z.number(),
  fiscalYearTo: z.number(),
  programsInRange: z.number(),
  /** Obligations in the range of the programs named in any finding, each program counted once. */
  obligatedCentsInvolved: centsSchema,
  obligatedCentsInRange: centsSchema,
  definitions: z.object({ fragmentation: z.string(), overlap: z.string(), duplication: z.string(), amounts: z.string() }),
  /** Fragmented areas, overlapping pairs, duplication groups, and the distinct programs in those groups. */
  counts: z.object({ fragmentation: z.number(), overlap: z.number(), duplication: z.number(), duplicatedPrograms: z.number() }),
  /** Most findings first: the first rows are the top places. */
  byCountry: z.array(dimensionRowSchema),
  byPartner: z.array(dimensionRowSchema),
  byAssistanceType: z.array(dimensionRowSchema),
});

export const overlapReportSchema = overlapReportSummarySchema.extend({
  fragmentation: z.array(fragmentationRowSchema),
  overlap: z.array(pairRowSchema),
  duplication: z.array(duplicationGroupSchema),
});

export type FragmentationRow = z.infer<typeof fragmentationRowSchema>;
export type PairRow = z.infer<typeof pairRowSchema>;
export type DuplicationGroupRow = z.infer<typeof duplicationGroupSchema>;
export type DimensionRow = z.infer<typeof dimensionRowSchema>;
export type OverlapReportSummary = z.infer<typeof overlapReportSummarySchema>;
export type OverlapReport = z.infer<typeof overlapReportSchema>;
