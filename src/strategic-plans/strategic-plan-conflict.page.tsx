import { ScrollTable } from '../ui/components/table.tsx';
import { dateTime } from '../ui/format.ts';
import type { StrategicPlan, StrategicPlanInput } from './strategic-plans.schemas.ts';

/** One part of the plan that differs between what the writer typed and the plan as it is now. */
export type PlanDifference = { label: string; yours: string; current: string };

/** A refused save of a stale plan form: who changed the plan last, and what differs. */
export type PlanConflict = { lastChange?: { actor: string; at: string }; differences: PlanDifference[] };

const none = '(none)';
const columns = ['Part', 'What you typed', 'Current plan'];

type Goal = {
  title: string;
  description?: string | null;
  activities: { title: string; description?: string | null; programIds: number[] }[];
};

/** A goal in one line: its title, details, and each activity with its linked program numbers. */
function goalText(goal: Goal | undefined): string {
  if (!goal) return none;
  const details = goal.description?.trim() ? ` (${goal.description.trim()})` : '';
  const activities = goal.activities.map((activity) => {
    const programs = activity.programIds.length
      ? ` [programs ${[...activity.programIds].sort((left, right) => left - right).join(', ')}]`
      : '';
    return `${activity.title.trim()}${activity.description?.trim() ? ` (${activity.description.trim()})` : ''}${programs}`;
  });
  return `${goal.title.trim()}${details}${activities.length ? `: ${activities.join('; ')}` : ''}`;
}

/**
 * The parts of the plan where the writer's form and the current plan differ, each in words:
 * agency, title, period, and each goal with its activities. `agencyName` names an agency id.
 */
export function planDifferences(options: {
  input: StrategicPlanInput;
  current: StrategicPlan;
  agencyName: (id: string) => string | undefined;
}): PlanDifference[] {
  const { input, current } = options;
  const currentGoals: Goal[] = current.goals.map((goal) => ({
    ...goal,
    activities: goal.activities.map((activity) => ({ ...activity, programIds: activity.programs.map((program) => program.id) })),
  }));
  const rows: PlanDifference[] = [
    {
      label: 'Agency',
      yours: options.agencyName(input.agencyId) ?? input.agencyId,
      current: options.agencyName(current.agency.id) ?? current.agency.name,
    },
    { label: 'Title', yours: input.title.trim(), current: current.title },
    {
      label: 'Fiscal years',
      yours: `FY${input.fiscalYearFrom}–FY${input.fiscalYearTo}`,
      current: `FY${current.fiscalYearFrom}–FY${current.fiscalYearTo}`,
    },
  ];
  for (let index = 0; index < Math.max(input.goals.length, currentGoals.length); index++) {
    rows.push({ label: `Goal ${index + 1}`, yours: goalText(input.goals[index]), current: goalText(currentGoals[index]) });
  }
  return rows.filter((row) => row.yours !== row.current);
}

/** The alert of a refused save: nothing was overwritten, who changed the plan, what differs, how to save on purpose. */
export function PlanConflictAlert(props: { conflict: PlanConflict }) {
  const { lastChange, differences } = props.conflict;
  return (
    <div class="usa-alert usa-alert--error" id="conflict">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">Someone else changed this plan since you opened it</h2>
        <p class="usa-alert__text">
          {'Your changes were not saved, and nothing was overwritten. '}
          {lastChange ? `The last change was made by ${lastChange.actor} on ${dateTime(lastChange.at)}. ` : ''}
          The form below still holds what you typed. Compare it with the current plan, correct it if needed, then save again to replace the
          current plan on purpose.
        </p>
        {differences.length ? (
          <ScrollTable label="Parts of the plan that differ">
            <table class="usa-table usa-table--borderless">
              <caption>Where your plan differs from the current one</caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {differences.map(({ label, yours, current }) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td>{yours}</td>
                    <td>{current}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p class="usa-alert__text">What you typed is the same as the current plan; saving again changes nothing.</p>
        )}
      </div>
    </div>
  );
}
