import { Layout } from '../web/layout.tsx';
import { dateTime } from '../web/shared/format.ts';
import { recommendationStatusLabels, type Recommendation, type StrategicPlan } from './recommendations.schemas.ts';

function byYear<T>(items: T[], yearOf: (item: T) => number): [number, T[]][] {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(yearOf(item), [...(groups.get(yearOf(item)) ?? []), item]);
  return [...groups.entries()].sort(([left], [right]) => right - left);
}

function RecommendationItem(props: { item: Recommendation }) {
  const { item } = props;
  return (
    <li id={`recommendation-${item.id}`}>
      <p>
        <strong>{recommendationStatusLabels[item.status]}</strong>
        {` · ${item.ownerAgency.name}`}
      </p>
      <p>{item.text}</p>
      {item.responses.length ? (
        <ol class="usa-list" aria-label={`Responses to recommendation ${item.id}`}>
          {item.responses.map((response) => (
            <li key={response.id}>
              {`${dateTime(response.respondedAt)}, ${response.responder} (${recommendationStatusLabels[response.resultingStatus]}): ${response.text}`}
            </li>
          ))}
        </ol>
      ) : (
        <p class="text-base">No response recorded yet.</p>
      )}
    </li>
  );
}

/** Recommendations of every Assessment, newest year first, with status and responses. Read-only. */
export function RecommendationsPage(props: { items: Recommendation[]; fiscalYear?: number }) {
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
      {years.length === 0 ? <p>No recommendations are recorded{props.fiscalYear ? ` for FY${props.fiscalYear}` : ''}.</p> : null}
      {years.map(([year, items]) => (
        <section key={year} aria-labelledby={`fy-${year}`}>
          <h2 id={`fy-${year}`}>{`FY${year}`}</h2>
          <ol class="usa-list">
            {items.map((item) => (
              <RecommendationItem key={item.id} item={item} />
            ))}
          </ol>
        </section>
      ))}
    </Layout>
  );
}

function PlanSection(props: { plan: StrategicPlan }) {
  const { plan } = props;
  return (
    <section aria-labelledby={`plan-${plan.id}`}>
      <h2 id={`plan-${plan.id}`}>{`${plan.agency.name}: ${plan.title}`}</h2>
      <p>{`FY${plan.fiscalYearFrom}–FY${plan.fiscalYearTo}`}</p>
      <ol class="usa-list">
        {plan.goals.map((goal, index) => (
          <li key={index}>
            <strong>{goal.title}</strong>
            {goal.description ? <p>{goal.description}</p> : null}
            {goal.activities.length ? (
              <ul class="usa-list">
                {goal.activities.map((activity, activityIndex) => (
                  <li key={activityIndex}>
                    {activity.title}
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
    </section>
  );
}

/** Agencies' strategic plans, read-only (plans are recorded through the API or `ctip plans add`). */
export function StrategicPlansPage(props: { plans: StrategicPlan[]; fiscalYear?: number }) {
  return (
    <Layout title="Agency strategic plans" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>Agency strategic plans</h1>
      <p class="usa-intro">Each agency’s goals against trafficking in persons, the activities that serve them, and the programs that carry them out.</p>
      <p>
        Also as data: <a href="/api/strategic-plans">JSON</a>.
      </p>
      {props.plans.length === 0 ? <p>No strategic plans are recorded{props.fiscalYear ? ` for FY${props.fiscalYear}` : ''}.</p> : null}
      {props.plans.map((plan) => (
        <PlanSection key={plan.id} plan={plan} />
      ))}
    </Layout>
  );
}
