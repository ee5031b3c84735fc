import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { fieldErrorsOf, fieldId, formValue, formValues, hasFieldErrors, type FieldErrors } from '../ui/form-fields.tsx';
import { htmlErrorHandler, idParam, pageRoute, redirectAfterPost, requireUser } from '../ui/page-route.ts';
import type { Database } from '../db/database.ts';
import { listAgencies } from '../reference/reference.service.ts';
import { contextOf, requireActor, type FeatureOptions } from '../http/request-context.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { clearanceActionsOf } from './clearance-read.ts';
import type { ClearanceFormName, ClearanceFormState } from './clearance-forms.tsx';
import { CirculatePage, ClearanceConflictPage, ClearancePage, ClearanceQueuePage, type AgencyNames } from './clearance.page.tsx';
import {
  clearanceDecisionInputSchema,
  clearanceReplyInputSchema,
  clearanceResponseInputSchema,
  submitClearanceInputSchema,
} from './clearance.schemas.ts';
import {
  decideClearance,
  getClearance,
  listClearanceQueue,
  listNotifications,
  markNotificationsRead,
  replyAsProposer,
  respondToClearance,
  submitForClearance,
} from './clearance.service.ts';

type Options = FeatureOptions;
type Writer = { viewer: Viewer; actor: Actor };

const hidden = { schema: { hide: true } };

async function agencyNames(db: Database): Promise<AgencyNames> {
  return new Map((await listAgencies({ db })).map((agency) => [agency.id, agency.name]));
}

/** The signed-in person behind a form post (401 page for the public). */
function writerOf(options: Options, request: FastifyRequest, what: string): Writer {
  requireUser(request, what);
  const context = contextOf(request);
  return { viewer: context.viewer, actor: requireActor(context) };
}

/** The typed values of a form, as text, to show again when it is refused. */
function typedValues(body: unknown, fields: string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, formValue(body, field)]));
}

/** Problems keyed by element id, from a schema's issues or from a service's VALIDATION_FAILED details. */
function problemsOf(form: ClearanceFormName, details: { field?: string; message: string }[] | undefined, fallback: string): FieldErrors {
  const errors = fieldErrorsOf(details, { idOf: (field) => fieldId(field, form) });
  return hasFieldErrors(errors) ? errors : { [fieldId('form', form)]: fallback };
}

function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message }));
}

/**
 * Runs a form's write: a refused field becomes the page again with the problems and what was
 * typed (400), a clearance that moved on a 409 page; anything else goes to `pageRoute`.
 */
async function attempt(options: {
  form: ClearanceFormName;
  values: Record<string, string>;
  /** The write; returns where to go next. */
  write: () => Promise<string>;
  refused: (state: ClearanceFormState, status: number) => Promise<VNode>;
  /** Where the 409 page sends the reader to see the record as it is now. */
  conflictHref: string;
  reply: FastifyReply;
}): Promise<VNode | FastifyReply> {
  const { form, values, reply } = options;
  try {
    return redirectAfterPost(reply, await options.write());
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION_FAILED')
      return options.refused({ form, values, errors: problemsOf(form, error.details, error.message) }, 400);
    if (isAppError(error) && error.code === 'CONFLICT') {
      void reply.status(409);
      return ClearanceConflictPage({ message: error.message, href: options.conflictHref });
    }
    throw error;
  }
}

/** Parses a form with the API's schema; a refusal is VALIDATION_FAILED naming each field. */
function parseForm<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError({ code: 'VALIDATION_FAILED', message: 'The form has problems', details: issuesOf(parsed.error) });
}

/**
 * The clearance pages: the queue with notifications, one clearance with the forms the viewer may
 * use, and the form posts (each the same service call as the API, then a 303 back to the page).
 * Errors raised before a handler (the form token check) get HTML pages within this plugin.
 */
export const clearancePageRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  const { db } = options;
  app.setErrorHandler(htmlErrorHandler);

  /** The clearance page, with a refused form's state when there is one. */
  async function clearancePage(request: FastifyRequest, reply: FastifyReply, state?: ClearanceFormState, status = 200): Promise<VNode> {
    const { viewer } = contextOf(request);
    const clearance = await getClearance({ db, reviewId: idParam(request, 'clearance'), viewer });
    const actions = await clearanceActionsOf({ db, viewer, clearance });
    void reply.status(status);
    return ClearancePage({ clearance, actions, names: await agencyNames(db), state });
  }

  app.get(
    '/clearance',
    hidden,
    pageRoute(
      async (request) => {
        requireUser(request, 'see your clearance queue');
        const { viewer } = contextOf(request);
        const items = await listClearanceQueue({ db, viewer });
        const read = (request.query as Record<string, unknown>).read;
        const marked = typeof read === 'string' && /^\d{1,6}$/.test(read) ? Number(read) : undefined;
        return ClearanceQueuePage({ items, notifications: await listNotifications({ db, viewer }), names: await agencyNames(db), marked });
      },
      { private: true },
    ),
  );

  app.get(
    '/clearance/:id',
    hidden,
    pageRoute(
      async (request, reply) => {
        requireUser(request, 'see clearances');
        return clearancePage(request, reply);
      },
      { private: true },
    ),
  );

  app.post(
    '/clearance',
    hidden,
    pageRoute(
      async (request, reply) => {
        const writer = writerOf(options, request, 'circulate proposals for clearance');
        const values = typedValues(request.body, ['programId', 'dueDate']);
        const programId = /^\d{1,10}$/.test(values.programId!) ? Number(values.programId) : 0;
        const write = async () => {
          const input = parseForm(submitClearanceInputSchema, {
            programId: programId || values.programId,
            dueDate: values.dueDate || undefined,
          });
          return `/clearance/${(await submitForClearance({ db, input, ...writer })).id}`;
        };
        const refused = async (state: ClearanceFormState, status: number) => {
          void reply.status(status);
          return CirculatePage({ programId, state });
        };
        return attempt({
          form: 'circulate',
          values,
          write,
          refused,
          conflictHref: programId ? `/programs/${programId}` : '/programs',
          reply,
        });
      },
      { private: true },
    ),
  );

  /** A form on the clearance page: parse, one service call, back to the page. */
  function registerClearanceForm(
    path: string,
    form: ClearanceFormName,
    fields: string[],
    what: string,
    write: (writer: Writer, reviewId: number, values: Record<string, string>) => Promise<unknown>,
  ) {
    app.post(
      `/clearance/:id/${path}`,
      hidden,
      pageRoute(
        async (request, reply) => {
          const writer = writerOf(options, request, what);
          const reviewId = idParam(request, 'clearance');
          const values = typedValues(request.body, fields);
          const href = `/clearance/${reviewId}`;
          return attempt({
            form,
            values,
            write: async () => (await write(writer, reviewId, values), href),
            refused: (state, status) => clearancePage(request, reply, state, status),
            conflictHref: href,
            reply,
          });
        },
        { private: true },
      ),
    );
  }

  registerClearanceForm('responses', 'respond', ['kind', 'text'], 'respond to clearances', (writer, reviewId, values) =>
    respondToClearance({
      db,
      reviewId,
      input: parseForm(clearanceResponseInputSchema, { kind: values.kind || undefined, text: values.text }),
      ...writer,
    }),
  );
  registerClearanceForm('replies', 'reply', ['text'], 'reply on clearances', (writer, reviewId, values) =>
    replyAsProposer({ db, reviewId, text: parseForm(clearanceReplyInputSchema, { text: values.text }).text, ...writer }),
  );
  registerClearanceForm('decision', 'decide', ['decision', 'reasons'], 'decide clearances', (writer, reviewId, values) =>
    decideClearance({
      db,
      reviewId,
      input: parseForm(clearanceDecisionInputSchema, { decision: values.decision || undefined, reasons: values.reasons }),
      ...writer,
    }),
  );

  app.post(
    '/clearance/notifications/read',
    hidden,
    pageRoute(
      async (request, reply) => {
        const { viewer } = writerOf(options, request, 'mark notifications as read');
        const given = formValues(request.body, 'ids');
        const bad = given.find((id) => !/^\d{1,9}$/.test(id));
        if (bad !== undefined)
          throw new AppError({
            code: 'VALIDATION_FAILED',
            message: 'The form names a notification that cannot exist',
            details: [{ field: 'ids', message: `'${bad}' is not a notification number` }],
          });
        const marked = await markNotificationsRead({ db, viewer, ids: given.length ? given.map(Number) : undefined });
        return redirectAfterPost(reply, `/clearance?read=${marked}`);
      },
      { private: true },
    ),
  );
};
