import type { FastifyPluginAsync } from 'fastify';
import { findPrograms } from '../programs/program.service.ts';
import { getCountry, listCountries } from '../reference/reference.service.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { getBreakdown } from '../stats/stats.service.ts';
import { worldMapValues, yearsOf } from '../stats/chart-data.ts';
import { parseQuery } from '../http/parse-query.ts';
import { z } from 'zod';
import { notFound } from '../ui/error-page.tsx';
import { pageRoute } from '../ui/page-route.ts';
import { loadProfile } from '../stats/profile-data.ts';
import { CountriesPage } from './countries.page.tsx';
import { CountryPage } from './country.page.tsx';

/** The country index may be limited to one fiscal year; other parameters are ignored (shared links carry tracking ones). */
const countriesQuerySchema = z.object({ fiscalYear: z.coerce.number().int().min(1990).max(2100).optional() });

/** The country index and one page per country. */
export const countryPageRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/countries',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const { fiscalYear } = parseQuery(countriesQuerySchema, request.query);
      const filters = fiscalYear === undefined ? {} : { fiscalYear };
      const breakdown = await getBreakdown({ db, dimension: 'country', filters, viewer });
      const years = yearsOf(await getBreakdown({ db, dimension: 'fiscal-year', filters: {}, viewer }));
      const names = new Map((await listCountries({ db, includeHistorical: true })).map((country) => [country.code, country.name]));
      const countries = breakdown.rows
        .flatMap((row) => (names.has(row.key) ? [{ ...row, code: row.key, name: names.get(row.key)! }] : []))
        .sort((left, right) => left.name.localeCompare(right.name));
      const regional = breakdown.rows.flatMap((row) =>
        row.key.startsWith('region:') ? [{ ...row, code: row.key.slice('region:'.length) }] : [],
      );
      const mapValues = await worldMapValues({ db, filters, viewer });
      return CountriesPage({ data: { countries, regional, mapValues, fiscalYear, years } });
    }),
  );

  app.get(
    '/countries/:code',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const raw = (request.params as { code: string }).code;
      if (!/^[A-Za-z]{3}$/.test(raw)) throw notFound(`No country has the code '${raw}'; codes are ISO 3166-1 alpha-3, such as NPL`);
      const country = await getCountry({ db, code: raw });
      const profile = await loadProfile({ db, viewer, filters: { country: country.code }, tops: ['partner'] });
      const allocated = await getBreakdown({ db, dimension: 'country', filters: { country: country.code }, viewer });
      const withRegional = { country: country.code, includeRegional: true };
      const regionalYears = await getBreakdown({ db, dimension: 'fiscal-year', filters: withRegional, viewer });
      const regionalPage = await findPrograms({ db, viewer, query: { ...withRegional, sort: 'id', limit: 1 } });
      // Direct programs are a subset of those with regional ones, so the difference is the regional ones alone.
      const regional = {
        programs: regionalPage.total - profile.programs.total,
        obligatedCents: BigInt(regionalYears.totalCents) - BigInt(profile.byYear.totalCents),
      };
      const allocatedCents = allocated.rows.find((row) => row.key === country.code)?.obligatedCents ?? '0';
      return CountryPage({ data: { country, profile, allocatedCents, regional } });
    }),
  );
};
