import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accountWebRoutes } from '../accounts/web/accounts-web.routes.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { accountRoutes } from '../accounts/accounts.routes.ts';
import { coordinationRoutes } from '../coordination/coordination.routes.ts';
import { clearanceRoutes } from '../coordination/clearance/clearance.routes.ts';
import { recommendationRoutes } from '../recommendations/recommendations.routes.ts';
import { exportRoutes } from '../exports/export.routes.ts';
import { organizationRoutes } from '../organizations/organization.routes.ts';
import { programRoutes } from '../programs/program.routes.ts';
import { referenceRoutes } from '../reference/reference.routes.ts';
import { reviewRoutes } from '../review/review.routes.ts';
import { statsRoutes } from '../stats/stats.routes.ts';
import { homeRoutes } from '../web/home/home.routes.ts';
import { portalRoutes } from '../web/portal.routes.ts';
import { answerFrameworkError, installErrorHandler } from './error-handler.ts';
import { installNulGuard } from './reject-nul.ts';
import { contextOf, installRequestContext } from './request-context.ts';

export type AppOptions = {
  db: Database;
  config: Pick<Config, 'bodyLimit' | 'apiToken' | 'logLevel'>;
  /** Tests turn the request log off. */
  logger?: boolean;
  /** Called for every route as it is registered; the authorization matrix test lists them with it. */
  onRoute?: (route: RouteOptions) => void;
};

/**
 * Builds the web application: the REST API, its OpenAPI description and the pages, all calling
 * the same service functions. Nothing listens until the caller says so; tests use inject().
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: options.config.logLevel },
    bodyLimit: options.config.bodyLimit,
    // Never trust a client-sent request id; generate our own.
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installNulGuard(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Charts carry presentation attributes; no script may run inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only means something over HTTPS; it is added below when the request came that way.
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ctip API',
        version: '0.1.0',
        description:
          'Programs and awards against trafficking in persons: who funds what, where. Money is in integer cents unless a field says dollars; fiscal year N runs 1 Oct N-1 to 30 Sep N.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: options.config.bodyLimit });
  installRequestContext(app, { db: options.db, apiToken: options.config.apiToken });
  const routeOptions = { db: options.db, contextOf };
  await app.register(programRoutes, routeOptions);
  await app.register(referenceRoutes, routeOptions);
  await app.register(organizationRoutes, routeOptions);
  await app.register(statsRoutes, routeOptions);
  await app.register(reviewRoutes, routeOptions);
  await app.register(exportRoutes, routeOptions);
  await app.register(coordinationRoutes, routeOptions);
  await app.register(clearanceRoutes, routeOptions);
  await app.register(recommendationRoutes, routeOptions);
  await app.register(accountRoutes, routeOptions);
  await app.register(homeRoutes, routeOptions);
  await app.register(portalRoutes, routeOptions);
  await app.register(accountWebRoutes, routeOptions);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
