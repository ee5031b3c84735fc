import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { assertAllowed, canWriteStrategicPlan } from '../accounts/policy.ts';
import { redirectAfterPost, requireUser, webRoute } from '../accounts/web/web-route.ts';
import type { Database } from '../db/database.ts';
import { listAgencies } from '../reference/reference.service.ts';
import { contextOf, requireActor } from '../server/request-context.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { agencyChoices } from './form-controls.tsx';
import { attemptWrite } from './form-state.ts';
import { strategicPlanInputSchema } from './recommendations.schemas.ts';
import { parseInput } from './recommendations.service.ts';
import { defaultEmptyRows, emptyPlanValues, planFieldOrder, planInputOf, readPlanForm } from './strategic-plan-form.ts';
import { NewStrategicPlanPage } from './strategic-plan-form.page.tsx';
import { createStrategicPlan } from './strategic-plans.service.ts';

type Options = { db: Database };
type PlanWriter = { viewer: Viewer; actor: Actor; agencies: { value: string; label: string }[] };

/**
 * The writer of a plan and the agencies they may write plans for (the policy decides, agency by
 * agency): 401 for the public, 403 for a role that may write no agency's plan.
 */
async function planWriter(db: Database, request: FastifyRequest): Promise<PlanWriter> {
  requireUser(request, 'record strategic plans');
  const context = contextOf(request);
  const allowed = (await listAgencies({ db })).filter((agency) => canWriteStrategicPlan(context.viewer, agency.id));
  assertAllowed(context.viewer, allowed.length > 0, 'record strategic plans for any agency');
  return { viewer: context.viewer, actor: requireActor(context), agencies: agencyChoices(allowed) };
}

/** The agency a new plan starts with: the writer's own, or the only one they may write. */
function defaultAgency(writer: PlanWriter): string {
  const own = writer.viewer.kind === 'user' ? writer.viewer.user.agencyId : null;
  const choices = writer.agencies.filter((choice) => choice.value);
  if (own && choices.some((choice) => choice.value === own)) return own;
  return choices.length === 1 ? choices[0]!.value : '';
}

const hidden = { schema: { hide: true } };

/**
 * The strategic plan form (the agency's editors, administrators): goals and activities as
 * repeating rows with "Add more rows" instead of a script. Plans have no update in the service,
 * so there is no edit form.
 */
export const strategicPlanFormRoutes: FastifyPluginAsync<Options> = async (app, { db }) => {
  app.get(
    '/strategic-plans/new',
    hidden,
    webRoute(async (request) => {
      const writer = await planWriter(db, request);
      return NewStrategicPlanPage({ model: { values: emptyPlanValues(defaultAgency(writer)), errors: {}, emptyRows: defaultEmptyRows, agencies: writer.agencies } });
    }),
  );

  app.post(
    '/strategic-plans',
    hidden,
    webRoute(async (request, reply) => {
      const writer = await planWriter(db, request);
      const { values, action, emptyRows } = readPlanForm(request.body);
      const model = { values, errors: {}, emptyRows, agencies: writer.agencies };
      if (action === 'add-rows') return NewStrategicPlanPage({ model });
      const { input, local } = planInputOf(values);
      const outcome = await attemptWrite({
        local,
        check: () => parseInput(strategicPlanInputSchema, input),
        write: () => createStrategicPlan({ db, input, viewer: writer.viewer, actor: writer.actor }),
        fieldOrder: planFieldOrder(values),
      });
      if ('saved' in outcome) return redirectAfterPost(reply, `/strategic-plans/${outcome.saved.id}?done=created`);
      void reply.status(400);
      return NewStrategicPlanPage({ model: { ...model, ...outcome.refused } });
    }),
  );
};
