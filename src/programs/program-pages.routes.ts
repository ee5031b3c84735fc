import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { canCreateSomeProgram, canWriteProgram } from '../policy/policy.ts';
import { countProgramFacets } from './program-facets.ts';
import { findPrograms, getProgramById, listProgramHistory } from './program.service.ts';
import { listVocabulary } from '../reference/reference.service.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { notFound } from '../ui/error-page.tsx';
import { pageRoute } from '../ui/page-route.ts';
import { parseQuery } from '../http/parse-query.ts';
import { ProgramPage, type TermNames } from './program.page.tsx';
import { SearchPage } from './search.page.tsx';
import { filtersOf, searchPageQuerySchema } from './search-query.ts';

/** Record numbers are PostgreSQL integers: anything else cannot name a program. */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .refine((value) => Number(value) <= 2_147_483_647);

async function loadTermNames(db: Database): Promise<TermNames> {
  const names = {} as TermNames;
  for (const vocabulary of ['pillar', 'assistance-type', 'trafficking-form', 'target-group'] as const) {
    names[vocabulary] = new Map((await listVocabulary({ db, vocabulary })).map((term) => [term.code, term.name]));
  }
  return names;
}

/** The program search page and the program pages. */
export const programPageRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { db }) => {
  app.get(
    '/programs',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const query = parseQuery(searchPageQuerySchema, request.query);
      const filters = filtersOf(query);
      const facets = await countProgramFacets({ db, filters, viewer });
      const page = await findPrograms({ db, query, viewer });
      const deleted = (request.query as { deleted?: unknown }).deleted;
      return SearchPage({
        data: { query, filters, facets, ...page },
        canCreate: canCreateSomeProgram(viewer),
        deletedId: typeof deleted === 'string' && idParam.safeParse(deleted).success ? Number(deleted) : undefined,
      });
    }),
  );

  app.get(
    '/programs/:id',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const { viewer } = contextOf(request);
      const raw = (request.params as { id: string }).id;
      if (!idParam.safeParse(raw).success) throw notFound(`No program has the number '${raw}'`);
      const id = Number(raw);
      const program = await getProgramById({ db, id, viewer });
      const history = await listProgramHistory({ db, id, viewer });
      return ProgramPage({
        program,
        history,
        terms: await loadTermNames(db),
        canEdit: canWriteProgram(viewer, program.fundingAgency.id),
        saved: (request.query as { saved?: unknown }).saved === '1',
      });
    }),
  );
};
