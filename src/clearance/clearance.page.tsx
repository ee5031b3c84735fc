import { CsrfField, Notice } from '../ui/form-fields.tsx';
import { Layout, type Crumb } from '../ui/layout.tsx';
import { dateTime } from '../ui/format.ts';
import { segment } from '../ui/urls.ts';
import type { ClearanceActions } from './clearance-read.ts';
import { CirculateForm, DecideForm, ReplyForm, RespondForm, responseKindLabels, type ClearanceFormState } from './clearance-forms.tsx';
import type { ClearanceDetail, ClearanceQueueItem, Notification } from './clearance.schemas.ts';

/** Agency names by id, to show names where records keep ids. */
export type AgencyNames = Map<string, string>;

const statusLabels: Record<ClearanceDetail['status'], string> = {
  circulating: 'Circulating: awaiting the member agencies’ responses',
  answered: 'Answered: every member agency has responded; awaiting the decision',
  cleared: 'Cleared',
  returned: 'Returned to the proposer',
};

const crumbs: Crumb[] = [{ href: '/', label: 'Home' }];
const clearanceHref = (id: number) => `/clearance/${segment(id)}`;
const nameOf = (names: AgencyNames, id: string) => names.get(id) ?? id;

function Overdue(props: { overdue: boolean }) {
  return props.overdue ? <span class="usa-tag ctip-tag-overdue">Overdue</span> : null;
}

function QueueTable(props: { caption: string; items: ClearanceQueueItem[]; names: AgencyNames; empty: string }) {
  if (props.items.length === 0) return <p>{props.empty}</p>;
  const reviewer = props.items[0]!.role === 'reviewer';
  return (
    <table class="usa-table usa-table--borderless width-full">
      <caption class="usa-sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Proposal</th>
          <th scope="col">Proposed by</th>
          <th scope="col">Due</th>
          <th scope="col">{reviewer ? 'Your agency' : 'Status'}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={`${item.reviewId}-${item.agencyId ?? ''}`}>
            <th scope="row">
              <a href={clearanceHref(item.reviewId)}>{item.programTitle}</a>
            </th>
            <td>{nameOf(props.names, item.proposerAgencyId)}</td>
            <td>
              {item.dueDate}
              <Overdue overdue={item.overdue} />
            </td>
            <td>
              {reviewer
                ? `${nameOf(props.names, item.agencyId ?? '')}: ${item.responded ? 'responded' : 'response needed'}`
                : item.status === 'answered'
                  ? 'All responses in'
                  : 'Circulating'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Notifications(props: { items: Notification[] }) {
  const unread = props.items.filter((item) => item.readAt === null);
  if (props.items.length === 0) return <p>Your agency has no notifications.</p>;
  return (
    <>
      <p>{unread.length ? `${unread.length} unread.` : 'All read.'}</p>
      <ul class="usa-list usa-list--unstyled">
        {props.items.map((item) => (
          <li key={item.id} class="margin-bottom-1">
            {item.readAt === null ? (
              <>
                <span class="usa-tag ctip-tag-unread">Unread</span>
                <strong>{item.message}</strong>
              </>
            ) : (
              item.message
            )}
            {` (${dateTime(item.createdAt)})`}
            {item.reviewId !== null ? (
              <>
                {' '}
                <a href={clearanceHref(item.reviewId)}>{`Clearance ${item.reviewId}`}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {unread.length ? (
        <form method="post" action="/clearance/notifications/read">
          <CsrfField />
          {/* Only what this page showed: a notification that arrives meanwhile stays unread. */}
          {unread.map((item) => (
            <input type="hidden" name="ids" value={String(item.id)} key={item.id} />
          ))}
          <button class="usa-button usa-button--outline" type="submit">
            Mark all as read
          </button>
        </form>
      ) : null}
    </>
  );
}

/** GET /clearance: what awaits the viewer's agency, its own proposals, open decisions, and notifications. */
export function ClearanceQueuePage(props: {
  items: ClearanceQueueItem[];
  notifications: Notification[];
  names: AgencyNames;
  marked?: number;
}) {
  const byRole = (role: ClearanceQueueItem['role']) => props.items.filter((item) => item.role === role);
  const decisions = byRole('decision');
  return (
    <Layout title="Clearance" breadcrumbs={crumbs}>
      <h1>Clearance</h1>
      <p class="usa-intro">Proposals circulated among the SPOG member agencies before they are awarded, soonest due first.</p>
      {props.marked !== undefined ? (
        <Notice heading={`${props.marked} notification${props.marked === 1 ? '' : 's'} marked as read`} />
      ) : null}
      {decisions.length ? (
        <section aria-labelledby="decisions">
          <h2 id="decisions">Awaiting a decision</h2>
          <QueueTable caption="Open clearances awaiting a decision" items={decisions} names={props.names} empty="" />
        </section>
      ) : null}
      <section aria-labelledby="reviews">
        <h2 id="reviews">Awaiting your agency’s response</h2>
        <QueueTable
          caption="Proposals awaiting your agency's response"
          items={byRole('reviewer')}
          names={props.names}
          empty="Nothing is circulated to your agency."
        />
      </section>
      <section aria-labelledby="proposals">
        <h2 id="proposals">Your agency’s proposals under review</h2>
        <QueueTable
          caption="Your agency's proposals under review"
          items={byRole('proposer')}
          names={props.names}
          empty="None of your agency’s proposals is under review."
        />
      </section>
      <section aria-labelledby="notifications">
        <h2 id="notifications">Notifications</h2>
        <Notifications items={props.notifications} />
      </section>
    </Layout>
  );
}

function Facts(props: { clearance: ClearanceDetail; names: AgencyNames }) {
  const { clearance, names } = props;
  const overdue = clearance.status === 'circulating' && clearance.dueDate < new Date().toISOString().slice(0, 10);
  return (
    <dl class="ctip-fields">
      <dt>Program</dt>
      <dd>
        <a href={`/programs/${segment(clearance.programId)}`}>{clearance.programTitle}</a>
      </dd>
      <dt>Proposed by</dt>
      <dd>{`${nameOf(names, clearance.proposerAgencyId)}, circulated by ${clearance.circulatedBy} on ${dateTime(clearance.circulatedAt)}`}</dd>
      <dt>Responses due</dt>
      <dd>
        {clearance.dueDate}
        <Overdue overdue={overdue} />
      </dd>
      <dt>Status</dt>
      <dd>{statusLabels[clearance.status]}</dd>
    </dl>
  );
}

function Positions(props: { clearance: ClearanceDetail; names: AgencyNames }) {
  return (
    <table class="usa-table usa-table--borderless">
      <caption>Member agencies and their positions</caption>
      <thead>
        <tr>
          <th scope="col">Agency</th>
          <th scope="col">Position (latest response)</th>
        </tr>
      </thead>
      <tbody>
        {props.clearance.circulatedTo.map((entry) => (
          <tr key={entry.agencyId}>
            <th scope="row">{nameOf(props.names, entry.agencyId)}</th>
            <td>{entry.position ? responseKindLabels[entry.position] : 'No response yet'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Responses and replies in the order they were given. */
function Exchange(props: { clearance: ClearanceDetail; names: AgencyNames }) {
  const { clearance, names } = props;
  const entries = [
    ...clearance.responses.map((response) => ({
      key: `response-${response.id}`,
      at: response.respondedAt,
      heading: `${responseKindLabels[response.kind]} from ${nameOf(names, response.agencyId)}, by ${response.respondedBy}`,
      text: response.text,
    })),
    ...clearance.replies.map((reply) => ({
      key: `reply-${reply.id}`,
      at: reply.repliedAt,
      heading: `Reply by the proposer, ${reply.repliedBy}`,
      text: reply.text,
    })),
  ].sort((left, right) => left.at.localeCompare(right.at));
  if (entries.length === 0) return <p>No response or reply yet.</p>;
  return (
    <ol class="usa-list usa-list--unstyled">
      {entries.map((entry) => (
        <li key={entry.key} class="margin-bottom-2">
          <p class="margin-bottom-05">
            <strong>{entry.heading}</strong>
            {`, ${dateTime(entry.at)}`}
          </p>
          <p class="margin-top-0" style="white-space: pre-line">
            {entry.text}
          </p>
        </li>
      ))}
    </ol>
  );
}

function Decision(props: { clearance: ClearanceDetail }) {
  const { decision } = props.clearance;
  if (!decision) return <p>Not decided yet.</p>;
  return (
    <>
      <p>
        <strong>{decision.outcome === 'cleared' ? 'Cleared' : 'Returned'}</strong>
        {` by ${decision.decidedBy} on ${dateTime(decision.decidedAt)}.`}
      </p>
      <p style="white-space: pre-line">{decision.reasons}</p>
    </>
  );
}

function Actions(props: { clearance: ClearanceDetail; actions: ClearanceActions; names: AgencyNames; state?: ClearanceFormState }) {
  const { clearance, actions, state } = props;
  const any = actions.respondFor !== null || actions.reply || actions.decide;
  if (!any) return null;
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">Your part</h2>
      {actions.respondFor !== null ? (
        <RespondForm clearanceId={clearance.id} agencyName={nameOf(props.names, actions.respondFor)} state={state} />
      ) : null}
      {actions.reply ? <ReplyForm clearanceId={clearance.id} state={state} /> : null}
      {actions.decide ? <DecideForm clearanceId={clearance.id} state={state} /> : null}
    </section>
  );
}

/** GET /clearance/:id: one clearance, everything said on it, and the forms the viewer may use. */
export function ClearancePage(props: {
  clearance: ClearanceDetail;
  actions: ClearanceActions;
  names: AgencyNames;
  state?: ClearanceFormState;
}) {
  const { clearance, names } = props;
  return (
    <Layout
      title={`Clearance ${clearance.id}: ${clearance.programTitle}`}
      breadcrumbs={[...crumbs, { href: '/clearance', label: 'Clearance' }]}
    >
      <h1>{`Clearance ${clearance.id}: ${clearance.programTitle}`}</h1>
      <Facts clearance={clearance} names={names} />
      <Positions clearance={clearance} names={names} />
      <section aria-labelledby="exchange">
        <h2 id="exchange">Responses and replies</h2>
        <Exchange clearance={clearance} names={names} />
      </section>
      <section aria-labelledby="decision">
        <h2 id="decision">Decision</h2>
        <Decision clearance={clearance} />
      </section>
      <Actions {...props} />
      <p>
        <a href={`/api/coordination/clearances/${segment(clearance.id)}`}>This clearance as JSON from the API</a>
      </p>
    </Layout>
  );
}

/** A circulation refused for a bad field, shown again with what was typed. */
export function CirculatePage(props: { programId: number; state: ClearanceFormState }) {
  return (
    <Layout title="Circulate for clearance" breadcrumbs={[...crumbs, { href: '/clearance', label: 'Clearance' }]}>
      <h1>Circulate for clearance</h1>
      <p>
        {props.programId > 0 ? (
          <a href={`/programs/${segment(props.programId)}`}>{`Back to program ${props.programId}`}</a>
        ) : (
          <a href="/programs">Back to the programs</a>
        )}
      </p>
      <CirculateForm programId={props.programId} state={props.state} />
    </Layout>
  );
}

/** 409: the clearance (or the program) moved on since the page was opened; nothing was recorded. */
export function ClearanceConflictPage(props: { message: string; href: string }) {
  return (
    <Layout title="Already decided or changed" breadcrumbs={[...crumbs, { href: '/clearance', label: 'Clearance' }]}>
      <h1>Already decided or changed</h1>
      <div class="usa-alert usa-alert--warning" role="alert">
        <div class="usa-alert__body">
          <h2 class="usa-alert__heading">Nothing was recorded</h2>
          <p class="usa-alert__text">{props.message}</p>
        </div>
      </div>
      <p>
        <a href={props.href}>See it as it is now</a> or go back to <a href="/clearance">your clearance queue</a>.
      </p>
    </Layout>
  );
}
