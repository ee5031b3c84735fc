import { z } from 'zod';
import { programFilterSchema } from '../programs/program.schemas.ts';
import { centsSchema } from '../shared/money.ts';

export const fiscalYearQuerySchema = z.object({
  fiscalYear: z.coerce
    .number({ error: 'must be a year such as 2004' })
    .int('must be a year such as 2004')
    .min(1990, 'must be 1990 or later')
    .max(2100, 'must be 2100 or earlier')
    .describe('Fiscal year N runs 1 October N-1 to 30 September N (`fy` is its deprecated short name)')
    .meta({ example: 2004 }),
});

const scopeFiguresSchema = z.object({
  programs: z.number(),
  obligatedUsd: z.number(),
  obligatedCents: centsSchema,
  countries: z.number().describe('Countries named directly as a place (see countries in the summary)'),
  countriesReached: z.number().describe('Countries named, plus members of regions smaller than a continent'),
  countriesAndRegions: z.number().describe('Countries named plus distinct regions named, each region once'),
  unknownAmountPrograms: z.number(),
});

/** Which fiscal years the data cover, and a note when the asked year is outside them. */
export const coverageSchema = z
  .object({
    fiscalYearFrom: z
      .number()
      .nullable()
      .describe('The first fiscal year with any obligation recorded (null on an empty database)')
      .meta({ example: 2001 }),
    fiscalYearTo: z.number().nullable().describe('The last fiscal year with any obligation recorded').meta({ example: 2014 }),
    note: z
      .string()
      .nullable()
      .describe('Set when the asked fiscal year has no program: says which years the data cover')
      .meta({ example: 'No program has an obligation recorded in FY1995; the data cover FY2001–FY2014.' }),
  })
  .describe('The fiscal years the data cover');

/** The contract of `GET /api/stats/summary` and `ctip stats --json`. */
export const summarySchema = z.object({
  fiscalYear: z.number(),
  programs: z.number().describe('Programs with an obligation recorded in the fiscal year'),
  obligatedUsd: z.number().describe('Sum of known obligations in the fiscal year, in dollars (exact to the cent)'),
  obligatedCents: centsSchema,
  countries: z.number().describe('Distinct countries named as a place of those programs (regional and global programs not expanded)'),
  countriesReached: z
    .number()
    .describe(
      'Countries named, plus the member countries of the regions programs name when the region is smaller than a continent (global, continent-wide and State-bureau regions never expanded)',
    ),
  countriesAndRegions: z
    .number()
    .describe('Countries named plus the distinct regions named, each region once: the count published fact sheets most likely used'),
  unknownAmountPrograms: z.number().describe('Programs whose amount for the year is not known'),
  regionalPrograms: z.number().describe('Programs placed in a region (including global) rather than only in countries'),
  international: scopeFiguresSchema.describe('Programs not placed in the United States'),
  domestic: scopeFiguresSchema.describe('Programs placed in the United States'),
  previousYear: z
    .object({ fiscalYear: z.number(), programs: z.number(), obligatedUsd: z.number(), obligatedCents: centsSchema, countries: z.number() })
    .nullable(),
  coverage: coverageSchema,
});

export type Summary = z.infer<typeof summarySchema>;

export const breakdownDimensions = ['agency', 'country', 'region', 'partner', 'assistance-type', 'pillar', 'fiscal-year'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/** The program filters of `/api/programs` (the old short name `fy` is read by http/query-parameters.ts). */
export const breakdownQuerySchema = programFilterSchema;

/** What a row's key names, so that country codes and region codes never share one key space. */
export const breakdownRowKinds = [
  'agency',
  'country',
  'region',
  'organization',
  'assistance-type',
  'pillar',
  'fiscal-year',
  'not-specified',
] as const;

export const breakdownRowSchema = z.object({
  key: z.string(),
  kind: z.enum(breakdownRowKinds),
  label: z.string(),
  programs: z.number(),
  obligatedUsd: z.number(),
  obligatedCents: centsSchema,
  programsWithoutAmount: z
    .number()
    .describe('Programs of this row with no known amount (the source gives none); they add nothing to the amount'),
  amountKnown: z.boolean().describe('False when no program of this row has a known amount: the amount is not known, not zero'),
});

export const breakdownSchema = z.object({
  dimension: z.enum(breakdownDimensions),
  fiscalYearFrom: z.number().nullable(),
  fiscalYearTo: z.number().nullable(),
  /**
   * How a program's dollars are counted across rows: 'allocated' splits each program's amount
   * among its places (by share, else equally) so rows add up to the total; 'tagged' counts the
   * whole amount under every tag a program has, so rows may add up to more than the total;
   * 'whole' puts each program's amount in exactly one row.
   */
  method: z.enum(['allocated', 'tagged', 'whole']),
  totalUsd: z.number(),
  totalCents: centsSchema,
  programsWithoutAmount: z
    .number()
    .describe('Programs matching the filters with no known amount in the years counted; the total leaves them out'),
  rows: z.array(breakdownRowSchema),
});

export type Breakdown = z.infer<typeof breakdownSchema>;
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;
