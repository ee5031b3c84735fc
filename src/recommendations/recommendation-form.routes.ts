import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { assertAllowed, canWriteRecommendations } from '../policy/policy.ts';
import { agencyChoices, formValue } from '../ui/form-fields.tsx';
import { attemptWrite, fiscalYearOf, type FormState } from '../ui/form-state.ts';
import { idParam, pageRoute, redirectAfterPost, requireUser } from '../ui/page-route.ts';
import type { Database } from '../db/database.ts';
import { listAgencies } from '../reference/reference.service.ts';
import { contextOf, requireActor } from '../http/request-context.ts';
import { NewRecommendationPage, RecommendationPage, recommendationFields, responseFields } from './recommendation-form.page.tsx';
import { recommendationInputSchema, type RecommendationInput, type ResponseInput } from './recommendations.schemas.ts';
import { createRecommendation, getRecommendation, parseInput, respondToRecommendation } from './recommendations.service.ts';

type Options = { db: Database };

const hidden = { schema: { hide: true } };

/** The viewer and actor of a recommendation write: 401 for the public, 403 for roles the policy refuses. */
function recommendationWriter(request: FastifyRequest, what: string) {
  requireUser(request, what);
  const context = contextOf(request);
  assertAllowed(context.viewer, canWriteRecommendations(context.viewer), what);
  return { viewer: context.viewer, actor: requireActor(context) };
}

/** The typed values of a form's fields, every one a string. */
function valuesOf(body: unknown, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(fields).map((name) => [name, formValue(body, name)]));
}

const emptyForm = (values: Record<string, string>): FormState => ({ values, errors: {} });

/**
 * The recommendation forms: a new recommendation (coordinators, administrators), a page of its
 * own for each recommendation, and the response form on it. Validate, authorize, one service
 * call, present; refused input re-renders the form (400) with what was typed.
 */
export const recommendationFormRoutes: FastifyPluginAsync<Options> = async (app, { db }) => {
  const agencies = async () => agencyChoices(await listAgencies({ db }), 'Choose the agency');

  app.get(
    '/recommendations/new',
    hidden,
    pageRoute(
      async (request) => {
        recommendationWriter(request, 'record recommendations');
        return NewRecommendationPage({ form: emptyForm(valuesOf({}, recommendationFields)), agencies: await agencies() });
      },
      { private: true },
    ),
  );

  app.post(
    '/recommendations',
    hidden,
    pageRoute(
      async (request, reply) => {
        const writer = recommendationWriter(request, 'record recommendations');
        const values = valuesOf(request.body, recommendationFields);
        const year = fiscalYearOf(values.fiscalYear!);
        const input = { ...values, fiscalYear: 'year' in year ? year.year : values.fiscalYear } as unknown as RecommendationInput;
        const outcome = await attemptWrite({
          local: 'error' in year ? { fiscalYear: year.error } : {},
          check: () => parseInput(recommendationInputSchema, input),
          write: () => createRecommendation({ db, input, ...writer }),
        });
        if ('saved' in outcome) return redirectAfterPost(reply, `/recommendations/${outcome.saved.id}?done=created`);
        void reply.status(400);
        return NewRecommendationPage({ form: { values, ...outcome.refused }, agencies: await agencies() });
      },
      { private: true },
    ),
  );

  app.get(
    '/recommendations/:id',
    hidden,
    pageRoute(
      async (request) => {
        const item = await getRecommendation({ db, id: idParam(request, 'recommendation') });
        const { viewer } = contextOf(request);
        const done = formValue(request.query, 'done');
        return RecommendationPage({ item, done, response: canWriteRecommendations(viewer) ? emptyForm({}) : undefined });
      },
      { private: true },
    ),
  );

  app.post(
    '/recommendations/:id/responses',
    hidden,
    pageRoute(
      async (request, reply) => {
        const writer = recommendationWriter(request, 'respond to recommendations');
        const item = await getRecommendation({ db, id: idParam(request, 'recommendation') });
        const values = valuesOf(request.body, responseFields);
        const outcome = await attemptWrite({
          local: {},
          check: () => undefined,
          write: () => respondToRecommendation({ db, id: item.id, input: values as unknown as ResponseInput, ...writer }),
        });
        if ('saved' in outcome) return redirectAfterPost(reply, `/recommendations/${item.id}?done=responded`);
        void reply.status(400);
        return RecommendationPage({ item, response: { values, ...outcome.refused } });
      },
      { private: true },
    ),
  );
};
