import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/database.ts';
import type { RequestContext } from '../server/request-context.ts';
import { aboutRoutes } from './about/about.routes.ts';
import { assessmentRoutes } from '../assessment/assessment.routes.ts';
import { recommendationPageRoutes } from '../recommendations/recommendations.pages.routes.ts';
import { clearancePageRoutes } from '../coordination/clearance/clearance.pages.routes.ts';
import { agencyPageRoutes } from './agencies/agencies.routes.ts';
import { assetRoutes } from './assets/assets.routes.ts';
import { countryPageRoutes } from './countries/countries.routes.ts';
import { partnerPageRoutes } from './partners/partners.routes.ts';
import { programEditRoutes } from './programs/program-edit.routes.ts';
import { programPageRoutes } from './programs/programs.routes.ts';
import { regionPageRoutes } from './regions/regions.routes.ts';

type Options = { db: Database; contextOf: (request: unknown) => RequestContext; chromiumPath?: string };

/**
 * The transparency portal's pages (besides the home page) and static assets. Every page reads
 * through the same service functions as the API, with the request's viewer.
 */
export const portalRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  await app.register(assetRoutes);
  await app.register(programPageRoutes, options);
  await app.register(programEditRoutes, options);
  await app.register(countryPageRoutes, options);
  await app.register(regionPageRoutes, options);
  await app.register(agencyPageRoutes, options);
  await app.register(partnerPageRoutes, options);
  await app.register(aboutRoutes, options);
  await app.register(assessmentRoutes, options);
  await app.register(recommendationPageRoutes, options);
  await app.register(clearancePageRoutes, options);
};
