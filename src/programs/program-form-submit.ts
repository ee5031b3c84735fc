import { checkOverlap } from '../coordination/overlap-check.ts';
import type { Database } from '../db/database.ts';
import type { ProgramDetail, ProgramInput } from './program.schemas.ts';
import { createProgram, listProgramHistory, updateProgram } from './program.service.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { isAppError, type AppError } from '../shared/errors.ts';
import { normalizeName } from '../shared/names.ts';
import { segment } from '../ui/urls.ts';
import { differencesFrom } from './program-conflict.page.tsx';
import { hasFieldErrors, type FieldErrors } from '../ui/form-fields.tsx';
import { addProblem, draftFromValues, errorsOfDetails } from './program-form-draft.ts';
import { resolveOrganizationNames, type FormOptions } from './program-form-options.ts';
import type { ProgramFormSubmission } from './program-form-values.ts';
import type { ProgramFormModel } from './program-form.page.tsx';

/** Who is submitting: the policy's viewer, the actor the history records, the session's form token. */
export type Writer = { viewer: Viewer; actor: Actor; csrfToken: string };

/** Either go to the saved program, or show the form again with this status. */
export type SubmitOutcome = { redirect: string } | { status: number; model: ProgramFormModel };

type SubmitOptions = {
  db: Database;
  writer: Writer;
  submission: ProgramFormSubmission;
  formOptions: FormOptions;
  /** The program being edited, as it is now; absent for a new one. */
  program?: ProgramDetail;
};

/** Checks everything the form can check before the services do; problems become field errors. */
async function validateSubmission(options: SubmitOptions): Promise<{ input: ProgramInput | undefined; errors: FieldErrors }> {
  const { values } = options.submission;
  // A partner the program already names keeps its organization, even if an alias added since
  // would send the same spelling elsewhere: an edit must not move a partner silently.
  const current = new Map(options.program?.partners.map((partner) => [normalizeName(partner.name), partner.organizationId]) ?? []);
  const resolved = await resolveOrganizationNames({
    db: options.db,
    viewer: options.writer.viewer,
    names: values.partners.map((partner) => partner.name).filter((name) => !current.has(normalizeName(name))),
  });
  const organizationIds = new Map([...resolved, ...current]);
  const { input, errors } = draftFromValues(values, organizationIds);
  if (values.fundingAgencyId && !options.formOptions.agencies.some((agency) => agency.value === values.fundingAgencyId)) {
    addProblem(errors, 'fundingAgencyId', 'you may not record programs for this agency; choose one from the list');
  }
  if (options.program && options.submission.version === undefined) {
    addProblem(
      errors,
      'form',
      'The form does not say which version you opened. Open the program’s edit page again and make your change there.',
    );
  }
  return { input: hasFieldErrors(errors) ? undefined : input, errors };
}

/** The form as the writer sent it, to show again: their values, their version, their rows. */
function modelOf(options: SubmitOptions, errors: FieldErrors): ProgramFormModel {
  const { program, submission } = options;
  return {
    program: program ? { id: program.id, title: program.title, version: submission.version ?? program.version } : undefined,
    values: submission.values,
    errors,
    emptyRows: submission.emptyRows,
    options: options.formOptions,
    csrfToken: options.writer.csrfToken,
  };
}

/**
 * The refused save of a stale form: the form keeps what the writer typed, now carrying the
 * current version so that saving again is a deliberate choice, with the differences spelled out.
 */
async function conflictOutcome(options: SubmitOptions, input: ProgramInput, error: AppError): Promise<SubmitOutcome> {
  const current = error.current as ProgramDetail;
  const history = await listProgramHistory({ db: options.db, id: current.id, viewer: options.writer.viewer });
  const model = modelOf(options, {});
  model.program = { id: current.id, title: current.title, version: current.version };
  model.conflict = {
    openedVersion: options.submission.version!,
    currentVersion: current.version,
    lastChange: history.at(-1),
    differences: differencesFrom({ input, values: options.submission.values, current, formOptions: options.formOptions }),
  };
  return { status: 409, model };
}

async function save(options: SubmitOptions, input: ProgramInput): Promise<ProgramDetail> {
  const { db, writer, program } = options;
  if (!program) return createProgram({ db, input, actor: writer.actor, viewer: writer.viewer });
  return updateProgram({
    db,
    id: program.id,
    expectedVersion: options.submission.version!,
    input,
    actor: writer.actor,
    viewer: writer.viewer,
  });
}

/**
 * Handles a submitted program form: more rows, a check for similar programs (nothing saved), or
 * a save through the program services. Every problem comes back as an inline message on its
 * field with the typed values kept (400); a stale version comes back as a conflict (409).
 */
export async function submitProgramForm(options: SubmitOptions): Promise<SubmitOutcome> {
  const { submission } = options;
  if (submission.action === 'add-rows') return { status: 200, model: modelOf(options, {}) };
  const { input, errors } = await validateSubmission(options);
  if (!input) return { status: 400, model: modelOf(options, errors) };
  try {
    if (submission.action === 'check') {
      const overlap = await checkOverlap({
        db: options.db,
        draft: input,
        viewer: options.writer.viewer,
        excludeProgramId: options.program?.id,
      });
      return { status: 200, model: { ...modelOf(options, errors), overlap } };
    }
    const saved = await save(options, input);
    return { redirect: `/programs/${segment(saved.id)}?saved=1` };
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION_FAILED')
      return { status: 400, model: modelOf(options, errorsOfDetails(error.details ?? [{ message: error.message }])) };
    if (isAppError(error) && error.code === 'VERSION_MISMATCH') return conflictOutcome(options, input, error);
    throw error;
  }
}
