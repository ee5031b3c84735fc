import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { findLastChange } from '../accounts/audit.service.ts';
import { assertAllowed, canWriteStrategicPlan } from '../policy/policy.ts';
import { idParam, redirectAfterPost, requireUser, webRoute } from '../ui/web-route.ts';
import type { Database } from '../db/database.ts';
import { listAgencies } from '../reference/reference.service.ts';
import { contextOf, requireActor } from '../http/request-context.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { agencyChoices } from '../recommendations/form-controls.tsx';
import { attemptWrite } from '../recommendations/form-state.ts';
import { strategicPlanInputSchema, type StrategicPlan, type StrategicPlanInput } from '../recommendations/recommendations.schemas.ts';
import { parseInput } from '../recommendations/recommendations.service.ts';
import { planDifferences } from './strategic-plan-conflict.page.tsx';
import {
  defaultEmptyRows,
  emptyPlanValues,
  planFieldOrder,
  planFormValuesOf,
  planInputOf,
  readPlanForm,
  type PlanFormSubmission,
} from './strategic-plan-form.ts';
import { StrategicPlanFormPage, type PlanFormModel } from './strategic-plan-form.page.tsx';
import { createStrategicPlan, getStrategicPlan, updateStrategicPlan } from './strategic-plans.service.ts';

type Options = { db: Database };
type PlanWriter = { viewer: Viewer; actor: Actor; agencies: { value: string; label: string }[] };

/**
 * The writer of a plan and the agencies they may write plans for (the policy decides, agency by
 * agency): 401 for the public, 403 for a role that may write no agency's plan.
 */
async function planWriter(db: Database, request: FastifyRequest, what: string): Promise<PlanWriter> {
  requireUser(request, what);
  const context = contextOf(request);
  const allowed = (await listAgencies({ db })).filter((agency) => canWriteStrategicPlan(context.viewer, agency.id));
  assertAllowed(context.viewer, allowed.length > 0, `${what} for any agency`);
  return { viewer: context.viewer, actor: requireActor(context), agencies: agencyChoices(allowed) };
}

/** The plan of the address (404 when there is none), if the writer may write its agency's plans (403 otherwise). */
async function editablePlan(db: Database, request: FastifyRequest, writer: PlanWriter): Promise<StrategicPlan> {
  const plan = await getStrategicPlan({ db, id: idParam(request, 'strategic plan'), viewer: writer.viewer });
  assertAllowed(writer.viewer, canWriteStrategicPlan(writer.viewer, plan.agency.id), `edit strategic plans of ${plan.agency.name}`);
  return plan;
}

/** The agency a new plan starts with: the writer's own, or the only one they may write. */
function defaultAgency(writer: PlanWriter): string {
  const own = writer.viewer.kind === 'user' ? writer.viewer.user.agencyId : null;
  const choices = writer.agencies.filter((choice) => choice.value);
  if (own && choices.some((choice) => choice.value === own)) return own;
  return choices.length === 1 ? choices[0]!.value : '';
}

/** The form again after a stale save: what was typed, now carrying the current version, and what differs. */
async function conflictModel(
  db: Database,
  model: PlanFormModel,
  input: StrategicPlanInput,
  current: StrategicPlan,
): Promise<PlanFormModel> {
  const last = await findLastChange({ db, entityType: 'strategic-plan', entityId: String(current.id) });
  const agencyName = (id: string) => model.agencies.find((choice) => choice.value === id)?.label;
  return {
    ...model,
    plan: { id: current.id, title: current.title, version: current.version },
    conflict: {
      lastChange: last ? { actor: last.actor, at: last.occurredAt } : undefined,
      differences: planDifferences({ input, current, agencyName }),
    },
  };
}

/**
 * Handles a posted plan form, new or edit: more rows (nothing saved), or a save through `save`.
 * Success redirects (303) to the plan's page; refused input re-renders the form (400) naming each
 * problem with what was typed; a stale edit re-renders it with the conflict (409).
 */
async function submitPlanForm(options: {
  db: Database;
  reply: FastifyReply;
  submission: PlanFormSubmission;
  model: PlanFormModel;
  save: (input: StrategicPlanInput) => Promise<StrategicPlan>;
  done: 'created' | 'updated';
}) {
  const { reply, submission, model } = options;
  if (submission.action === 'add-rows') return StrategicPlanFormPage({ model });
  const { input, local } = planInputOf(submission.values);
  try {
    const outcome = await attemptWrite({
      local,
      check: () => parseInput(strategicPlanInputSchema, input),
      write: () => options.save(input),
      fieldOrder: planFieldOrder(submission.values),
    });
    if ('saved' in outcome) return redirectAfterPost(reply, `/strategic-plans/${outcome.saved.id}?done=${options.done}`);
    void reply.status(400);
    return StrategicPlanFormPage({ model: { ...model, ...outcome.refused } });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'VERSION_MISMATCH') throw error;
    void reply.status(409);
    return StrategicPlanFormPage({ model: await conflictModel(options.db, model, input, error.current as StrategicPlan) });
  }
}

const hidden = { schema: { hide: true } };

/**
 * The strategic plan forms (the agency's editors, administrators): a new plan, and the edit of a
 * recorded one (pre-filled, carrying the version it was opened on). Goals and activities are
 * repeating rows with "Add more rows" instead of a script.
 */
export const strategicPlanFormRoutes: FastifyPluginAsync<Options> = async (app, { db }) => {
  app.get(
    '/strategic-plans/new',
    hidden,
    webRoute(async (request) => {
      const writer = await planWriter(db, request, 'record strategic plans');
      return StrategicPlanFormPage({
        model: { values: emptyPlanValues(defaultAgency(writer)), errors: {}, emptyRows: defaultEmptyRows, agencies: writer.agencies },
      });
    }),
  );

  app.post(
    '/strategic-plans',
    hidden,
    webRoute(async (request, reply) => {
      const writer = await planWriter(db, request, 'record strategic plans');
      const submission = readPlanForm(request.body);
      const model = { values: submission.values, errors: {}, emptyRows: submission.emptyRows, agencies: writer.agencies };
      return submitPlanForm({
        db,
        reply,
        submission,
        model,
        done: 'created',
        save: (input) => createStrategicPlan({ db, input, viewer: writer.viewer, actor: writer.actor }),
      });
    }),
  );

  app.get(
    '/strategic-plans/:id/edit',
    hidden,
    webRoute(async (request) => {
      const writer = await planWriter(db, request, 'edit strategic plans');
      const plan = await editablePlan(db, request, writer);
      const model = {
        values: planFormValuesOf(plan),
        errors: {},
        emptyRows: defaultEmptyRows,
        agencies: writer.agencies,
        plan: { id: plan.id, title: plan.title, version: plan.version },
      };
      return StrategicPlanFormPage({ model });
    }),
  );

  app.post(
    '/strategic-plans/:id/edit',
    hidden,
    webRoute(async (request, reply) => {
      const writer = await planWriter(db, request, 'edit strategic plans');
      const plan = await editablePlan(db, request, writer);
      const submission = readPlanForm(request.body);
      if (!submission.version)
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: 'The form does not say which version of the plan you edited; open the edit page again.',
        });
      const model = {
        values: submission.values,
        errors: {},
        emptyRows: submission.emptyRows,
        agencies: writer.agencies,
        plan: { id: plan.id, title: plan.title, version: submission.version },
      };
      const save = (input: StrategicPlanInput) =>
        updateStrategicPlan({ db, id: plan.id, input, expectedVersion: submission.version, viewer: writer.viewer, actor: writer.actor });
      return submitPlanForm({ db, reply, submission, model, done: 'updated', save });
    }),
  );
};
