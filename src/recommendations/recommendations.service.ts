import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAuditEvent } from '../accounts/audit.service.ts';
import { assertAllowed, canWriteRecommendations } from '../policy/policy.ts';
import { schema, type Database, type Executor } from '../db/database.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import {
  recommendationInputSchema,
  responseInputSchema,
  type Recommendation,
  type RecommendationInput,
  type RecommendationStatus,
  type ResponseInput,
} from './recommendations.schemas.ts';

const { recommendations, recommendationResponses, agencies } = schema;

/** Validates input from any door with the shared schema; every problem is named. */
export function parseInput<Schema extends z.ZodType>(inputSchema: Schema, value: unknown): z.output<Schema> {
  const result = inputSchema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', message: issue.message }));
  throw new AppError({
    code: 'VALIDATION_FAILED',
    message: `The input is not valid: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
    details,
  });
}

/** Throws VALIDATION_FAILED naming the agency unless it exists. */
export async function assertAgencyExists(db: Executor, agencyId: string, field: string): Promise<string> {
  const [agency] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  if (!agency)
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `Unknown agency '${agencyId}'`,
      details: [{ field, message: `unknown agency '${agencyId}'` }],
    });
  return agency.name;
}

type RecommendationRow = typeof recommendations.$inferSelect & { agencyName: string };

async function loadRecommendations(db: Executor, rows: RecommendationRow[]): Promise<Recommendation[]> {
  const ids = rows.map((row) => row.id);
  const responses = ids.length
    ? await db
        .select()
        .from(recommendationResponses)
        .where(inArray(recommendationResponses.recommendationId, ids))
        .orderBy(asc(recommendationResponses.id))
    : [];
  return rows.map((row) => ({
    id: row.id,
    fiscalYear: row.fiscalYear,
    text: row.text,
    ownerAgency: { id: row.ownerAgencyId, name: row.agencyName },
    status: row.status as RecommendationStatus,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    responses: responses
      .filter((response) => response.recommendationId === row.id)
      .map((response) => ({
        id: response.id,
        respondedAt: response.respondedAt.toISOString(),
        responder: response.responder,
        text: response.text,
        resultingStatus: response.resultingStatus as RecommendationStatus,
      })),
  }));
}

function selectRecommendations(db: Executor) {
  return db
    .select({
      id: recommendations.id,
      fiscalYear: recommendations.fiscalYear,
      text: recommendations.text,
      ownerAgencyId: recommendations.ownerAgencyId,
      status: recommendations.status,
      createdBy: recommendations.createdBy,
      createdAt: recommendations.createdAt,
      updatedAt: recommendations.updatedAt,
      agencyName: agencies.name,
    })
    .from(recommendations)
    .innerJoin(agencies, eq(agencies.id, recommendations.ownerAgencyId));
}

/**
 * Recommendations, oldest fiscal year first, then in the order they were made, each with its
 * responses. Recommendations are public records: everybody may read them.
 */
export async function listRecommendations(options: { db: Executor; fiscalYear?: number }): Promise<Recommendation[]> {
  const query = selectRecommendations(options.db);
  const rows = await (options.fiscalYear === undefined ? query : query.where(eq(recommendations.fiscalYear, options.fiscalYear))).orderBy(
    asc(recommendations.fiscalYear),
    asc(recommendations.id),
  );
  return loadRecommendations(options.db, rows);
}

/** One recommendation with its responses, or NOT_FOUND. */
export async function getRecommendation(options: { db: Executor; id: number }): Promise<Recommendation> {
  const rows = await selectRecommendations(options.db).where(eq(recommendations.id, options.id));
  if (!rows.length) throw new AppError({ code: 'NOT_FOUND', message: `Recommendation ${options.id} does not exist` });
  return (await loadRecommendations(options.db, rows))[0]!;
}

/** Records a recommendation of a fiscal year's Assessment (coordinators, administrators, the CLI). */
export async function createRecommendation(options: {
  db: Database;
  input: RecommendationInput;
  viewer: Viewer;
  actor: Actor;
}): Promise<Recommendation> {
  assertAllowed(options.viewer, canWriteRecommendations(options.viewer), 'write recommendations');
  const input = parseInput(recommendationInputSchema, options.input);
  return options.db.transaction(async (tx) => {
    await assertAgencyExists(tx, input.ownerAgencyId, 'ownerAgencyId');
    const [row] = await tx
      .insert(recommendations)
      .values({ fiscalYear: input.fiscalYear, text: input.text, ownerAgencyId: input.ownerAgencyId, createdBy: options.actor.name })
      .returning({ id: recommendations.id });
    const created = await getRecommendation({ db: tx, id: row!.id });
    await recordAuditEvent({
      db: tx,
      actor: options.actor,
      action: 'create',
      entityType: 'recommendation',
      entityId: created.id,
      after: created,
    });
    return created;
  });
}

/**
 * Appends a response (what was done) and moves the recommendation to the response's resulting
 * status. Responses are never edited: a correction is a new response.
 */
export async function respondToRecommendation(options: {
  db: Database;
  id: number;
  input: ResponseInput;
  viewer: Viewer;
  actor: Actor;
}): Promise<Recommendation> {
  assertAllowed(options.viewer, canWriteRecommendations(options.viewer), 'respond to recommendations');
  const input = parseInput(responseInputSchema, options.input);
  return options.db.transaction(async (tx) => {
    // Lock the row so two responses at once are both kept and the status follows the later one.
    const [locked] = await tx
      .select({ id: recommendations.id })
      .from(recommendations)
      .where(eq(recommendations.id, options.id))
      .for('update');
    if (!locked) throw new AppError({ code: 'NOT_FOUND', message: `Recommendation ${options.id} does not exist` });
    const before = await getRecommendation({ db: tx, id: options.id });
    const [response] = await tx
      .insert(recommendationResponses)
      .values({
        recommendationId: options.id,
        responder: options.actor.name,
        responderUserId: options.actor.userId ?? null,
        text: input.text,
        resultingStatus: input.resultingStatus,
      })
      .returning({ respondedAt: recommendationResponses.respondedAt });
    await tx
      .update(recommendations)
      .set({ status: input.resultingStatus, updatedAt: response!.respondedAt })
      .where(eq(recommendations.id, options.id));
    const after = await getRecommendation({ db: tx, id: options.id });
    await recordAuditEvent({
      db: tx,
      actor: options.actor,
      action: 'respond',
      entityType: 'recommendation',
      entityId: options.id,
      before,
      after,
    });
    return after;
  });
}
