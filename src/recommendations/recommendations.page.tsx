import { Notice } from '../ui/form-fields.tsx';
import { Layout } from '../ui/layout.tsx';
import { dateTime } from '../ui/format.ts';
import { recommendationStatusLabels, type Recommendation } from './recommendations.schemas.ts';

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
