import type { FastifyPluginAsync } from 'fastify';
import type { FeatureOptions } from '../http/request-context.ts';
import { auditRoutes } from './audit.routes.ts';
import { tokenRoutes } from './tokens.routes.ts';
import { userRoutes } from './users.routes.ts';

type Options = FeatureOptions;

/** The accounts API: who am I, users, API tokens and the audit trail. */
export const accountRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  await app.register(userRoutes, options);
  await app.register(tokenRoutes, options);
  await app.register(auditRoutes, options);
};
