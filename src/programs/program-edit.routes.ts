import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { canWriteProgram } from '../policy/policy.ts';
import type { ProgramDetail } from './program.schemas.ts';
import { deleteProgram, getProgramById } from './program.service.ts';
import { contextOf, type FeatureOptions } from '../http/request-context.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { notFound } from '../ui/error-page.tsx';
import { pageRoute, redirectAfterPost } from '../ui/page-route.ts';
import { ProgramDeletePage } from './program-delete.page.tsx';
import { loadFormOptions, type FormOptions } from './program-form-options.ts';
import { submitProgramForm, type Writer } from './program-form-submit.ts';
import { defaultEmptyRows, emptyFormValues, formValuesOf, readProgramForm } from './program-form-values.ts';
import { ProgramFormPage } from './program-form.page.tsx';
import { idParam } from './program-pages.routes.ts';

type Options = FeatureOptions;
/** Every form here posts to its own page's address, so signing in after a refused post returns to the form. */
const formPage = { postsToItsPage: true };

function programIdOf(request: FastifyRequest): number {
  const raw = (request.params as { id: string }).id;
  if (!idParam.safeParse(raw).success) throw notFound(`No program has the number '${raw}'`);
  return Number(raw);
}

function forbidden(message: string): AppError {
  return new AppError({ code: 'FORBIDDEN', message });
}

/** The signed-in writer of a request; the public is asked to sign in before anything is read. */
function writerOf(options: Options, request: FastifyRequest): Writer {
  const context = contextOf(request);
  if (context.viewer.kind === 'public' || !context.actor) {
    throw new AppError({
      code: 'UNAUTHORIZED',
      message:
        'Creating, editing and deleting programs is for agency staff with an account. Sign in to continue; anyone may read the public programs without signing in.',
    });
  }
  return { viewer: context.viewer, actor: context.actor, csrfToken: context.session?.csrfToken ?? '' };
}

/** The program of the address, if the writer may see it (404 otherwise) and change it (403 otherwise). */
async function editableProgram(options: Options, request: FastifyRequest, writer: Writer): Promise<ProgramDetail> {
  const program = await getProgramById({ db: options.db, id: programIdOf(request), viewer: writer.viewer });
  if (!canWriteProgram(writer.viewer, program.fundingAgency.id)) {
    throw forbidden(
      `You may not change programs funded by ${program.fundingAgency.name}: agency editors change the programs of their own agency and the offices under it.`,
    );
  }
  return program;
}

/** The form's choices for a writer who may create programs for at least one agency (403 otherwise). */
async function creatorOptions(options: Options, writer: Writer): Promise<FormOptions> {
  const formOptions = await loadFormOptions({ db: options.db, viewer: writer.viewer });
  if (formOptions.agencies.length === 0) throw forbidden('Your role may not create programs for any agency.');
  return formOptions;
}

/** The agency a new program starts with: the writer's own, or the only one they may write. */
function defaultAgency(writer: Writer, formOptions: FormOptions): string {
  const own = writer.viewer.kind === 'user' ? writer.viewer.user.agencyId : null;
  if (own && formOptions.agencies.some((agency) => agency.value === own)) return own;
  return formOptions.agencies.length === 1 ? formOptions.agencies[0]!.value : '';
}

const hidden = { schema: { hide: true } };

function registerCreate(app: FastifyInstance, options: Options): void {
  app.get(
    '/programs/new',
    hidden,
    pageRoute(async (request) => {
      const writer = writerOf(options, request);
      const formOptions = await creatorOptions(options, writer);
      const values = emptyFormValues(defaultAgency(writer, formOptions));
      const model = { values, errors: {}, emptyRows: defaultEmptyRows, options: formOptions, csrfToken: writer.csrfToken };
      return ProgramFormPage({ model });
    }, formPage),
  );

  app.post(
    '/programs/new',
    hidden,
    pageRoute(async (request, reply) => {
      const writer = writerOf(options, request);
      const formOptions = await creatorOptions(options, writer);
      const outcome = await submitProgramForm({ db: options.db, writer, submission: readProgramForm(request.body), formOptions });
      if ('redirect' in outcome) return redirectAfterPost(reply, outcome.redirect);
      void reply.status(outcome.status);
      return ProgramFormPage({ model: outcome.model });
    }, formPage),
  );
}

function registerEdit(app: FastifyInstance, options: Options): void {
  app.get(
    '/programs/:id/edit',
    hidden,
    pageRoute(async (request) => {
      const writer = writerOf(options, request);
      const program = await editableProgram(options, request, writer);
      const model = {
        program: { id: program.id, title: program.title, version: program.version },
        values: formValuesOf(program),
        errors: {},
        emptyRows: defaultEmptyRows,
        options: await loadFormOptions({ db: options.db, viewer: writer.viewer }),
        csrfToken: writer.csrfToken,
      };
      return ProgramFormPage({ model });
    }, formPage),
  );

  app.post(
    '/programs/:id/edit',
    hidden,
    pageRoute(async (request, reply) => {
      const writer = writerOf(options, request);
      const program = await editableProgram(options, request, writer);
      const formOptions = await loadFormOptions({ db: options.db, viewer: writer.viewer });
      const outcome = await submitProgramForm({ db: options.db, writer, submission: readProgramForm(request.body), formOptions, program });
      if ('redirect' in outcome) return redirectAfterPost(reply, outcome.redirect);
      void reply.status(outcome.status);
      return ProgramFormPage({ model: outcome.model });
    }, formPage),
  );
}

function registerDelete(app: FastifyInstance, options: Options): void {
  app.get(
    '/programs/:id/delete',
    hidden,
    pageRoute(async (request) => {
      const writer = writerOf(options, request);
      return ProgramDeletePage({ program: await editableProgram(options, request, writer), csrfToken: writer.csrfToken });
    }, formPage),
  );

  app.post(
    '/programs/:id/delete',
    hidden,
    pageRoute(async (request, reply) => {
      const writer = writerOf(options, request);
      const program = await editableProgram(options, request, writer);
      const version = readProgramForm(request.body).version;
      if (version === undefined)
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: 'The form does not say which version you are deleting; open the delete page again.',
        });
      try {
        await deleteProgram({ db: options.db, id: program.id, expectedVersion: version, actor: writer.actor, viewer: writer.viewer });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'VERSION_MISMATCH') throw error;
        // Someone changed it since the confirmation page: show the current record and ask again.
        void reply.status(409);
        return ProgramDeletePage({ program: error.current as ProgramDetail, csrfToken: writer.csrfToken, changedFrom: version });
      }
      return redirectAfterPost(reply, `/programs?deleted=${program.id}`);
    }, formPage),
  );
}

/** The program create, edit and delete pages: validate, authorize, one service call, present. */
export const programEditRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  registerCreate(app, options);
  registerEdit(app, options);
  registerDelete(app, options);
};
