import { Notice } from '../ui/form-fields.tsx';
import { Layout } from '../ui/layout.tsx';
import { dateTime } from '../ui/format.ts';
import type { StrategicPlan } from './strategic-plans.schemas.ts';

/** A plan's goals, each with its activities and the linked programs the reader may see. */
function PlanGoals(props: { plan: StrategicPlan }) {
  return (
    <ol class="usa-list">
      {props.plan.goals.map((goal, index) => (
        <li key={index}>
          <strong>{goal.title}</strong>
          {goal.description ? <p>{goal.description}</p> : null}
          {goal.activities.length ? (
            <ul class="usa-list">
              {goal.activities.map((activity, activityIndex) => (
                <li key={activityIndex}>
                  {activity.title}
                  {activity.description ? ` (${activity.description})` : null}
                  {activity.programs.length ? (
                    <>
                      {' — programs: '}
                      {activity.programs.map((program, programIndex) => (
                        <span key={program.id}>
                          {programIndex ? ', ' : ''}
                          <a href={`/programs/${program.id}`}>{program.title}</a>
                        </span>
                      ))}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>No activities recorded.</p>
          )}
        </li>
      ))}
    </ol>
  );
}

function PlanSection(props: { plan: StrategicPlan }) {
  const { plan } = props;
  return (
    <section aria-labelledby={`plan-${plan.id}`}>
      <h2 id={`plan-${plan.id}`}>
        <a href={`/strategic-plans/${plan.id}`}>{`${plan.agency.name}: ${plan.title}`}</a>
      </h2>
      <p>{`FY${plan.fiscalYearFrom}–FY${plan.fiscalYearTo}`}</p>
      <PlanGoals plan={plan} />
    </section>
  );
}

/** Agencies' strategic plans; those who may write a plan for some agency (`canWrite`) get the link to the form. */
export function StrategicPlansPage(props: { plans: StrategicPlan[]; fiscalYear?: number; canWrite: boolean }) {
  return (
    <Layout title="Agency strategic plans" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>Agency strategic plans</h1>
      <p class="usa-intro">
        Each agency’s goals against trafficking in persons, the activities that serve them, and the programs that carry them out.
      </p>
      <p>
        Also as data: <a href="/api/strategic-plans">JSON</a>.
      </p>
      {props.canWrite ? (
        <p>
          <a class="usa-button" href="/strategic-plans/new">
            New strategic plan
          </a>
        </p>
      ) : null}
      {props.plans.length === 0 ? <p>No strategic plans are recorded{props.fiscalYear ? ` for FY${props.fiscalYear}` : ''}.</p> : null}
      {props.plans.map((plan) => (
        <PlanSection key={plan.id} plan={plan} />
      ))}
    </Layout>
  );
}

const planNotices = { created: 'The strategic plan was recorded', updated: 'The strategic plan was updated' } as const;

/**
 * One strategic plan: its agency, period, goals and activities, and who recorded it when; those
 * the policy lets write the agency's plans (`canEdit`) get the link to the edit form. `done`
 * says which write just succeeded.
 */
export function StrategicPlanPage(props: { plan: StrategicPlan; done?: keyof typeof planNotices; canEdit: boolean }) {
  const { plan } = props;
  return (
    <Layout
      title={`${plan.agency.name}: ${plan.title}`}
      breadcrumbs={[
        { href: '/', label: 'Home' },
        { href: '/strategic-plans', label: 'Agency strategic plans' },
      ]}
    >
      <h1>{plan.title}</h1>
      {props.done ? <Notice heading={planNotices[props.done]} /> : null}
      <p class="usa-intro">{`${plan.agency.name}, FY${plan.fiscalYearFrom}–FY${plan.fiscalYearTo}`}</p>
      {props.canEdit ? (
        <p>
          <a class="usa-button usa-button--outline" href={`/strategic-plans/${plan.id}/edit`}>
            Edit this plan
          </a>
        </p>
      ) : null}
      <h2>Goals and activities</h2>
      <PlanGoals plan={plan} />
      <p class="text-base">{`Recorded ${dateTime(plan.createdAt)} by ${plan.createdBy}.`}</p>
      <p>
        Also as data: <a href={`/api/strategic-plans/${plan.id}`}>JSON</a>.
      </p>
    </Layout>
  );
}
