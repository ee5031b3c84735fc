import { z } from 'zod';
import { errorCodes } from '../shared/errors.ts';

/** The one error shape, as a schema for the API description. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes, ...(keyof typeof errorCodes)[]]),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), line: z.number().optional(), message: z.string() })).optional(),
    current: z.unknown().optional(),
  }),
});

/** Error responses every route may give, for the OpenAPI description. */
export const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  412: errorBodySchema,
  428: errorBodySchema,
  429: errorBodySchema,
} as const;
