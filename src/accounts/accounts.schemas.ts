import { z } from 'zod';
import { roles } from '../shared/actor.ts';
import { tokenScopes } from './tokens.service.ts';

/** A user as the API shows it: never the password hash. */
export const userSummarySchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  agencyId: z.string().nullable(),
  organizationId: z.number().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

/** Who is asking: `{ signedIn: false }` for the public. */
export const sessionInfoSchema = z.object({
  signedIn: z.boolean(),
  via: z.enum(['session', 'token', 'operator']).optional(),
  user: z
    .object({
      id: z.number(),
      email: z.string(),
      name: z.string(),
      role: z.enum(roles),
      agencyId: z.string().nullable(),
      agencyIds: z.array(z.string()).describe('The agency and every bureau and office under it'),
      organizationId: z.number().nullable(),
    })
    .optional(),
  scopes: z.array(z.enum(tokenScopes)).optional(),
  csrfToken: z.string().optional().describe('For browser sessions: send it as x-csrf-token (or _csrf in forms) with every write'),
});

export const roleChangeSchema = z.object({
  role: z.enum(roles),
  agencyId: z.string().min(1).max(100).nullable().optional(),
  organizationId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
});

export const apiTokenSummarySchema = z.object({
  id: z.number(),
  userId: z.number(),
  name: z.string(),
  scopes: z.array(z.enum(tokenScopes)),
  createdAt: z.string(),
  expiresAt: z.string(),
  revoked: z.boolean(),
  lastUsedAt: z.string().nullable(),
});

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  scopes: z.array(z.enum(tokenScopes)).min(1).default(['read']),
  days: z.number().int().min(1).max(366).default(90),
  userId: z.number().int().positive().max(2_147_483_647).optional().describe('Administrators only: create the token for another user'),
});

/** Filters of the audit trail, shared by GET /api/audit, its CSV and `ctip audit`. */
export const auditQuerySchema = z.object({
  entity: z
    .string()
    .regex(/^[a-z][a-z-]{0,39}$/, 'must be an entity type such as program, user or api-token')
    .optional(),
  id: z.string().min(1).max(100).optional(),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .refine(
      (text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
      'is not a real date',
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  eventId: z.string(),
  occurredAt: z.string(),
  actor: z.string(),
  door: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
