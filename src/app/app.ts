import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountWebRoutes } from '../accounts/web/accounts-web.routes.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { accountRoutes } from '../accounts/accounts.routes.ts';
import { coordinationRoutes } from '../coordination/coordination.routes.ts';
import { clearanceRoutes } from '../clearance/clearance.routes.ts';
import { recommendationRoutes } from '../recommendations/recommendations.routes.ts';
import { strategicPlanRoutes } from '../strategic-plans/strategic-plans.routes.ts';
import { exportRoutes } from '../exports/export.routes.ts';
import { organizationRoutes } from '../organizations/organization.routes.ts';
import { programRoutes } from '../programs/programs.routes.ts';
import { referenceRoutes } from '../reference/reference.routes.ts';
import { reviewRoutes } from '../review/review.routes.ts';
import { statsRoutes } from '../stats/stats.routes.ts';
import { homeRoutes } from '../portal/home-pages.routes.ts';
import { aboutRoutes } from '../portal/about-pages.routes.ts';
import { siteFileRoutes } from '../portal/site-files.routes.ts';
import { referencePageRoutes } from '../portal/reference-pages.routes.ts';
import { assessmentRoutes } from '../assessment/assessment.routes.ts';
import { recommendationPageRoutes } from '../recommendations/recommendation-pages.routes.ts';
import { strategicPlanPageRoutes } from '../strategic-plans/strategic-plan-pages.routes.ts';
import { clearancePageRoutes } from '../clearance/clearance-pages.routes.ts';
import { agencyPageRoutes } from '../agencies/agency-pages.routes.ts';
import { assetRoutes } from '../ui/assets.routes.ts';
import { countryPageRoutes } from '../countries/country-pages.routes.ts';
import { partnerPageRoutes } from '../organizations/partner-pages.routes.ts';
import { programEditRoutes } from '../programs/program-edit.routes.ts';
import { programPageRoutes } from '../programs/program-pages.routes.ts';
import { regionPageRoutes } from '../regions/region-pages.routes.ts';
import { answerFrameworkError, installErrorHandler } from '../http/error-handler.ts';
import { installNulGuard } from '../http/reject-nul.ts';
import { installCompression } from '../http/compression.ts';
import { installQueryParameterRules } from '../http/query-parameters.ts';
import { installRequestContext, type ViewerResolver, contextOf } from '../http/request-context.ts';
import { resolveSession } from '../accounts/sessions.service.ts';
import { resolveApiToken } from '../accounts/tokens.service.ts';
import { sendAccessErrorPage } from '../ui/access-error-page.tsx';
import { sendNotFoundPage } from '../ui/error-page.tsx';
import { installJsonDepthLimit } from '../http/body-depth.ts';
import { installRateLimit } from '../http/rate-limit.ts';
import { serverLimits } from '../http/server-limits.ts';

import { healthRoutes } from './health.routes.ts';

export type AppOptions = {
  db: Database;
  /** `rateLimit` is required so that every caller, tests included, says which limits it runs under. */
  config: Pick<Config, 'bodyLimit' | 'apiToken' | 'logLevel' | 'rateLimit'> &
    Partial<Pick<Config, 'timeouts' | 'trustProxy' | 'chromiumPath'>>;
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
    ...serverLimits(options.config),
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, { sendNotFoundPage });
  installJsonDepthLimit(app);
  installNulGuard(app);
  installQueryParameterRules(app);

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
  installCompression(app);
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
          'Programs and awards against trafficking in persons: who funds what, where. Money is in integer cents unless a field says dollars: `…Cents` fields are decimal strings (exact at any size) and accept a decimal string or a safe integer on input; fiscal year N runs 1 Oct N-1 to 30 Sep N.',
      },
      servers: [{ url: '/', description: 'This server (every path below is relative to where ctip runs)' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  // The interactive console is an extra; /docs is the reference page, readable without script.
  await app.register(fastifySwaggerUi, { routePrefix: '/docs/console' });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: options.config.bodyLimit });
  // Before the request context: requests without credentials are counted before any database work.
  installRateLimit(app, {
    settings: options.config.rateLimit,
    sendPage: (reply, request, error) => sendAccessErrorPage(reply, request, error)!,
  });
  const resolver: ViewerResolver = {
    resolveSession: (sessionToken) => resolveSession({ db: options.db, sessionToken }),
    resolveApiToken: (token) => resolveApiToken({ db: options.db, token }),
  };
  installRequestContext(app, { resolver, apiToken: options.config.apiToken });
  // Every feature's routes, API and pages: the one list (features import no app/, app/ imports them).
  const routeOptions = { db: options.db };
  const assessmentOptions = { ...routeOptions, chromiumPath: options.config.chromiumPath };
  await app.register(programRoutes, routeOptions);
  await app.register(referenceRoutes, routeOptions);
  await app.register(organizationRoutes, routeOptions);
  await app.register(statsRoutes, routeOptions);
  await app.register(reviewRoutes, routeOptions);
  await app.register(exportRoutes, routeOptions);
  await app.register(coordinationRoutes, routeOptions);
  await app.register(clearanceRoutes, routeOptions);
  await app.register(recommendationRoutes, routeOptions);
  await app.register(strategicPlanRoutes, routeOptions);
  await app.register(accountRoutes, routeOptions);
  await app.register(homeRoutes, routeOptions);
  // The transparency portal's pages and static assets, each reading through the same services.
  await app.register(assetRoutes);
  await app.register(programPageRoutes, routeOptions);
  await app.register(programEditRoutes, routeOptions);
  await app.register(countryPageRoutes, routeOptions);
  await app.register(regionPageRoutes, routeOptions);
  await app.register(agencyPageRoutes, routeOptions);
  await app.register(partnerPageRoutes, routeOptions);
  await app.register(aboutRoutes, routeOptions);
  await app.register(siteFileRoutes, routeOptions);
  await app.register(referencePageRoutes, { ...routeOptions, openapi: () => app.swagger() });
  await app.register(assessmentRoutes, assessmentOptions);
  await app.register(recommendationPageRoutes, routeOptions);
  await app.register(strategicPlanPageRoutes, routeOptions);
  await app.register(clearancePageRoutes, routeOptions);
  await app.register(accountWebRoutes, routeOptions);

  await app.register(healthRoutes, { db: options.db });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
