import type { FastifyPluginAsync } from 'fastify';
import type { FeatureOptions } from '../http/request-context.ts';
import { aboutRoutes } from '../portal/about-pages.routes.ts';
import { assessmentRoutes } from '../assessment/assessment.routes.ts';
import { recommendationPageRoutes } from '../recommendations/recommendation-pages.routes.ts';
import { clearancePageRoutes } from '../clearance/clearance-pages.routes.ts';
import { agencyPageRoutes } from '../agencies/agency-pages.routes.ts';
import { assetRoutes } from '../ui/assets.routes.ts';
import { countryPageRoutes } from '../countries/country-pages.routes.ts';
import { partnerPageRoutes } from '../organizations/partner-pages.routes.ts';
import { programEditRoutes } from '../programs/program-edit.routes.ts';
import { programPageRoutes } from '../programs/program-pages.routes.ts';
import { regionPageRoutes } from '../regions/region-pages.routes.ts';

type Options = FeatureOptions;

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
