import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/database.ts';
import { SignInThrottle } from '../sign-in-throttle.ts';
import { accountRoutes } from './account.routes.ts';
import { adminTokenRoutes } from './admin-tokens.routes.ts';
import { adminUserRoutes } from './admin-users.routes.ts';
import { signInRoutes } from './sign-in.routes.ts';
import { htmlErrorHandler } from '../../ui/page-route.ts';

/**
 * The account pages: sign-in and sign-out, your account, and user and token administration.
 * One sign-in throttle per app (it keeps failures in the database). Errors raised before a
 * handler (the form token check) are answered with HTML pages within this plugin.
 */
export const accountWebRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  const throttle = new SignInThrottle({ db });
  app.setErrorHandler(htmlErrorHandler);
  await app.register(signInRoutes, { db, throttle });
  await app.register(accountRoutes, { db, throttle });
  await app.register(adminUserRoutes, { db });
  await app.register(adminTokenRoutes, { db });
};
