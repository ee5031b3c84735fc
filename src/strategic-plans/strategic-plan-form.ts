import { formValue as text } from '../ui/form-fields.tsx';
import type { StrategicPlan, StrategicPlanInput } from './strategic-plans.schemas.ts';
import { fiscalYearOf } from '../ui/form-state.ts';

/** One activity row as typed; `programIds` is the text of program numbers ("12, 345"). */
export type ActivityRow = { title: string; description: string; programIds: string };
/** One goal row as typed, with its activity rows. */
export type GoalRow = { title: string; description: string; activities: ActivityRow[] };

/** The plan form exactly as typed, rows without any text dropped and the rest renumbered. */
export type PlanFormValues = { agencyId: string; title: string; fiscalYearFrom: string; fiscalYearTo: string; goals: GoalRow[] };

/**
 * What the submit button asked for: save the plan, or show the form again with more empty rows;
 * `version` is the plan version an edit form was opened on ('' on the new-plan form).
 */
export type PlanFormSubmission = { values: PlanFormValues; action: 'save' | 'add-rows'; emptyRows: number; version: string };

/** Empty goal rows, and empty activity rows under each goal, that a form shows at first. */
export const defaultEmptyRows = 2;
const maxEmptyRows = 10;
/** A bound on row numbers read from a form (the schema allows 50 goals of 100 activities). */
const maxRowIndex = 100;

type Body = Record<string, unknown>;

/** The row numbers used by keys matching `pattern` (its first group is the number), in order. */
function rowIndexes(body: Body, pattern: RegExp): number[] {
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = pattern.exec(key);
    if (match && Number(match[1]) < maxRowIndex) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((left, right) => left - right);
}

const blank = (...values: string[]) => values.every((value) => value.trim() === '');

function activitiesOf(body: Body, goal: number): ActivityRow[] {
  const prefix = `goals.${goal}.activities`;
  return rowIndexes(body, new RegExp(`^goals\\.${goal}\\.activities\\.(\\d{1,3})\\.\\w+$`))
    .map((index) => ({
      title: text(body, `${prefix}.${index}.title`),
      description: text(body, `${prefix}.${index}.description`),
      programIds: text(body, `${prefix}.${index}.programIds`),
    }))
    .filter((row) => !blank(row.title, row.description, row.programIds));
}

/** Reads a urlencoded plan form (`goals.0.activities.1.title`…) without judging any value. */
export function readPlanForm(rawBody: unknown): PlanFormSubmission {
  const body = (rawBody && typeof rawBody === 'object' ? rawBody : {}) as Body;
  const goals = rowIndexes(body, /^goals\.(\d{1,3})\./)
    .map((index) => ({
      title: text(body, `goals.${index}.title`),
      description: text(body, `goals.${index}.description`),
      activities: activitiesOf(body, index),
    }))
    .filter((goal) => !blank(goal.title, goal.description) || goal.activities.length > 0);
  const values = {
    agencyId: text(body, 'agencyId'),
    title: text(body, 'title'),
    fiscalYearFrom: text(body, 'fiscalYearFrom'),
    fiscalYearTo: text(body, 'fiscalYearTo'),
    goals,
  };
  const action = text(body, 'action') === 'add-rows' ? 'add-rows' : 'save';
  const emptyText = text(body, 'emptyRows');
  const empty = /^\d{1,2}$/.test(emptyText) ? Number(emptyText) : defaultEmptyRows;
  return {
    values,
    action,
    emptyRows: Math.min(maxEmptyRows, action === 'add-rows' ? empty + defaultEmptyRows : empty),
    version: text(body, 'version').trim(),
  };
}

/** An empty plan form, for `agencyId` unless the writer picks another. */
export function emptyPlanValues(agencyId: string): PlanFormValues {
  return { agencyId, title: '', fiscalYearFrom: '', fiscalYearTo: '', goals: [] };
}

/** A recorded plan as its edit form shows it: the linked programs the writer may see, by number. */
export function planFormValuesOf(plan: StrategicPlan): PlanFormValues {
  return {
    agencyId: plan.agency.id,
    title: plan.title,
    fiscalYearFrom: String(plan.fiscalYearFrom),
    fiscalYearTo: String(plan.fiscalYearTo),
    goals: plan.goals.map((goal) => ({
      title: goal.title,
      description: goal.description ?? '',
      activities: goal.activities.map((activity) => ({
        title: activity.title,
        description: activity.description ?? '',
        programIds: activity.programs.map((program) => program.id).join(', '),
      })),
    })),
  };
}

/** Program numbers as typed ("12, #345 678"), or what is wrong with them. */
function programIdsOf(typed: string): { ids: number[] } | { error: string } {
  const words = typed.split(/[\s,;]+/).filter(Boolean);
  const wrong = words.find((word) => !/^#?\d{1,9}$/.test(word));
  if (wrong) return { error: `“${wrong}” is not a program number such as 1234` };
  return { ids: words.map((word) => Number(word.replace('#', ''))) };
}

/**
 * Turns the typed plan into the service's input (strategicPlanInputSchema's shape), with the
 * problems only the form can see (a fiscal year or program number that does not parse) by field
 * name; the schema and the service judge the rest.
 */
export function planInputOf(values: PlanFormValues): { input: StrategicPlanInput; local: Record<string, string> } {
  const local: Record<string, string> = {};
  const year = (field: 'fiscalYearFrom' | 'fiscalYearTo') => {
    const parsed = fiscalYearOf(values[field]);
    if ('error' in parsed) local[field] = parsed.error;
    return 'year' in parsed ? parsed.year : values[field];
  };
  const optional = (typed: string) => (typed.trim() ? typed : null);
  const input = {
    agencyId: values.agencyId,
    title: values.title,
    fiscalYearFrom: year('fiscalYearFrom'),
    fiscalYearTo: year('fiscalYearTo'),
    goals: values.goals.map((goal, goalIndex) => ({
      title: goal.title,
      description: optional(goal.description),
      activities: goal.activities.map((activity, activityIndex) => {
        const programs = programIdsOf(activity.programIds);
        if ('error' in programs) local[`goals.${goalIndex}.activities.${activityIndex}.programIds`] = programs.error;
        return { title: activity.title, description: optional(activity.description), programIds: 'ids' in programs ? programs.ids : [] };
      }),
    })),
  };
  // Fiscal years that do not parse stay text: the schema check then names the other problems.
  return { input: input as StrategicPlanInput, local };
}

const topLabels: Record<string, string> = {
  agencyId: 'Agency',
  title: 'Title',
  fiscalYearFrom: 'From fiscal year',
  fiscalYearTo: 'To fiscal year',
  goals: 'Goals',
};
const goalLabels: Record<string, string> = { title: 'title', description: 'description' };
const activityLabels: Record<string, string> = { title: 'what will be done', description: 'details', programIds: 'linked program numbers' };

/** The label of a form field name, as the field itself says it ("Goal 1, activity 2: linked program numbers"). */
export function planFieldLabel(name: string): string {
  const parts = name.split('.');
  if (parts[0] !== 'goals' || parts.length < 3) return topLabels[name] ?? name;
  const goal = `Goal ${Number(parts[1]) + 1}`;
  if (parts[2] !== 'activities') return `${goal}: ${goalLabels[parts[2]!] ?? parts[2]}`;
  return `${goal}, activity ${Number(parts[3]) + 1}: ${activityLabels[parts[4] ?? ''] ?? parts[4]}`;
}

/** Every field name of the form, in the order it shows them (for the error summary). */
export function planFieldOrder(values: PlanFormValues): string[] {
  const names = ['agencyId', 'title', 'fiscalYearFrom', 'fiscalYearTo', 'goals'];
  values.goals.forEach((goal, goalIndex) => {
    names.push(`goals.${goalIndex}.title`, `goals.${goalIndex}.description`);
    goal.activities.forEach((_activity, index) =>
      names.push(...['title', 'description', 'programIds'].map((column) => `goals.${goalIndex}.activities.${index}.${column}`)),
    );
  });
  return names;
}
