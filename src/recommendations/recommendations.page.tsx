import { Notice } from '../ui/form-fields.tsx';
import { Layout } from '../ui/layout.tsx';
import { dateTime } from '../ui/format.ts';
import { recommendationStatusLabels, type Recommendation, type StrategicPlan } from './recommendations.schemas.ts';

function byYear<T>(items: T[], yearOf: (item: T) => number): [number, T[]][] {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(yearOf(item), [...(groups.get(yearOf(item)) ?? []), item]);
  return [...groups.entries()].sort(([left], [right]) => right - left);
}

/** The responses to a recommendation, oldest first, or a line saying there is none yet. */
export function ResponseList(props: { item: Recommendation }) {
  const { item } = props;
  if (!item.responses.length) return <p class="text-base">No response recorded yet.</p>;
  return (
    <ol class="usa-list" aria-label={`Responses to recommendation ${item.id}`}>
      {item.responses.map((response) => (
        <li key={response.id}>
          {`${dateTime(response.respondedAt)}, ${response.responder} (${recommendationStatusLabels[response.resultingStatus]}): ${response.text}`}
        </li>
      ))}
    </ol>
  );
}

function RecommendationItem(props: { item: Recommendation; canWrite: boolean }) {
  const { item } = props;
  return (
    <li id={`recommendation-${item.id}`}>
      <p>
        <a href={`/recommendations/${item.id}`}>{`Recommendation ${item.id}`}</a>
        {' · '}
        <strong>{recommendationStatusLabels[item.status]}</strong>
        {` · ${item.ownerAgency.name}`}
      </p>
      <p>{item.text}</p>
      <ResponseList item={item} />
      {props.canWrite ? (
        <p>
          <a href={`/recommendations/${item.id}#record-response`}>
            Record a response<span class="usa-sr-only">{` to recommendation ${item.id}`}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}

/**
 * Recommendations of every Assessment, newest year first, with status and responses; those the
 * policy lets write them (`canWrite`) get the links to the forms.
 */
export function RecommendationsPage(props: { items: Recommendation[]; fiscalYear?: number; canWrite: boolean }) {
  const years = byYear(props.items, (item) => item.fiscalYear);
  return (
    <Layout title="Recommendations" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>Recommendations</h1>
      <p class="usa-intro">
        What each year’s Assessment recommended, which agency owns it, where it stands, and every response recorded since. Responses are
        appended, never edited.
      </p>
      <p>
        Also as data: <a href={`/api/recommendations${props.fiscalYear ? `?fiscalYear=${props.fiscalYear}` : ''}`}>JSON</a>. See also the{' '}
        <a href="/strategic-plans">agency strategic plans</a> and the <a href="/assessment">annual Assessment</a>.
      </p>
      {props.canWrite ? (
        <p>
          <a class="usa-button" href="/recommendations/new">
            New recommendation
          </a>
        </p>
      ) : null}
      {years.length === 0 ? <p>No recommendations are recorded{props.fiscalYear ? ` for FY${props.fiscalYear}` : ''}.</p> : null}
      {years.map(([year, items]) => (
        <section key={year} aria-labelledby={`fy-${year}`}>
          <h2 id={`fy-${year}`}>{`FY${year}`}</h2>
          <ol class="usa-list">
            {items.map((item) => (
              <RecommendationItem key={item.id} item={item} canWrite={props.canWrite} />
            ))}
          </ol>
        </section>
      ))}
    </Layout>
  );
}

/** A plan's goals, each with its activities and the linked programs the reader may see. */
export function PlanGoals(props: { plan: StrategicPlan }) {
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
