import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/openapi.ts';
import { contextOf, requireActor, type FeatureOptions } from '../http/request-context.ts';
import {
  clearanceDecisionInputSchema,
  clearanceDetailSchema,
  clearanceIdSchema,
  clearanceQueueQuerySchema,
  clearanceQueueSchema,
  clearanceReplyInputSchema,
  clearanceResponseInputSchema,
  markNotificationsReadInputSchema,
  markNotificationsReadResultSchema,
  notificationListSchema,
  submitClearanceInputSchema,
} from './clearance.schemas.ts';
import {
  decideClearance,
  getClearance,
  listClearanceQueue,
  listNotifications,
  markNotificationsRead,
  replyAsProposer,
  respondToClearance,
  submitForClearance,
} from './clearance.service.ts';

type Options = FeatureOptions;

const idParams = z.object({ id: clearanceIdSchema });
const tags = ['clearance'];

/**
 * The clearance workflow among SPOG agencies. Each route: validate, one service call (which
 * asks the policy and writes the audit trail), present. Hidden clearances answer 404.
 */
export const clearanceRoutes: FastifyPluginAsyncZod<Options> = async (app, { db }) => {
  app.post(
    '/api/coordination/clearances',
    {
      schema: {
        tags,
        summary: 'Circulate a proposal to the SPOG member agencies',
        body: submitClearanceInputSchema,
        response: { 201: clearanceDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const review = await submitForClearance({ db, input: request.body, actor: requireActor(context), viewer: context.viewer });
      void reply.status(201).header('location', `/api/coordination/clearances/${review.id}`);
      return review;
    },
  );

  app.get(
    '/api/coordination/clearances/:id',
    {
      schema: {
        tags,
        summary: 'A clearance with its responses, replies and decision',
        params: idParams,
        response: { 200: clearanceDetailSchema, ...errorResponses },
      },
    },
    async (request) => getClearance({ db, reviewId: request.params.id, viewer: contextOf(request).viewer }),
  );

  app.post(
    '/api/coordination/clearances/:id/responses',
    {
      schema: {
        tags,
        summary: "A member agency's concurrence, comment or objection",
        params: idParams,
        body: clearanceResponseInputSchema,
        response: { 201: clearanceDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const review = await respondToClearance({
        db,
        reviewId: request.params.id,
        input: request.body,
        actor: requireActor(context),
        viewer: context.viewer,
      });
      void reply.status(201);
      return review;
    },
  );

  app.post(
    '/api/coordination/clearances/:id/replies',
    {
      schema: {
        tags,
        summary: "The proposer's answer to the members",
        params: idParams,
        body: clearanceReplyInputSchema,
        response: { 201: clearanceDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const context = contextOf(request);
      const review = await replyAsProposer({
        db,
        reviewId: request.params.id,
        text: request.body.text,
        actor: requireActor(context),
        viewer: context.viewer,
      });
      void reply.status(201);
      return review;
    },
  );

  app.post(
    '/api/coordination/clearances/:id/decision',
    {
      schema: {
        tags,
        summary: "The coordinator's decision (clear or return) with its reasons",
        params: idParams,
        body: clearanceDecisionInputSchema,
        response: { 200: clearanceDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const context = contextOf(request);
      return decideClearance({
        db,
        reviewId: request.params.id,
        input: request.body,
        actor: requireActor(context),
        viewer: context.viewer,
      });
    },
  );

  app.get(
    '/api/coordination/queue',
    {
      schema: {
        tags,
        summary: 'What awaits my agency (coordinators: every open clearance)',
        querystring: clearanceQueueQuerySchema,
        response: { 200: clearanceQueueSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listClearanceQueue({ db, viewer: contextOf(request).viewer, agencyId: request.query.agency }) }),
  );

  app.get(
    '/api/notifications',
    { schema: { tags, summary: "My agency's notifications, newest first", response: { 200: notificationListSchema, ...errorResponses } } },
    async (request) => ({ items: await listNotifications({ db, viewer: contextOf(request).viewer }) }),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags,
        summary: "Mark my agency's notifications as read (the ids given, or all); returns how many were marked",
        body: markNotificationsReadInputSchema,
        response: { 200: markNotificationsReadResultSchema, ...errorResponses },
      },
    },
    async (request) => ({ marked: await markNotificationsRead({ db, viewer: contextOf(request).viewer, ids: request.body.ids }) }),
  );
};
