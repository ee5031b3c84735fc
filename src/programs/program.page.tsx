import { Fragment } from 'preact';
import { CirculateForClearance } from '../clearance/clearance-forms.tsx';
import type { ProgramDetail, ProgramHistoryEntry } from './program.schemas.ts';
import { ScrollTable } from '../ui/components/table.tsx';
import { Layout } from '../ui/layout.tsx';
import { money } from '../ui/format.ts';
import { href, segment } from '../ui/urls.ts';
import { ProgramHistory } from './program-history.tsx';

/** Names of vocabulary terms by vocabulary and code, to show names where records store codes. */
export type TermNames = Record<'pillar' | 'assistance-type' | 'trafficking-form' | 'target-group', Map<string, string>>;

/** Status codes in words, for pages and forms. */
export const statusNames: Record<ProgramDetail['status'], string> = {
  proposed: 'Proposed',
  under_review: 'Under review',
  active: 'Active',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

function Terms(props: { codes: string[]; names: Map<string, string>; filter?: 'pillar' | 'assistanceType' }) {
  if (props.codes.length === 0) return <>Not recorded</>;
  return (
    <ul class="usa-list usa-list--unstyled">
      {props.codes.map((code) => {
        const name = props.names.get(code) ?? code;
        return <li key={code}>{props.filter ? <a href={href('/programs', { [props.filter]: code })}>{name}</a> : name}</li>;
      })}
    </ul>
  );
}

function Fields(props: { program: ProgramDetail; terms: TermNames }) {
  const { program, terms } = props;
  return (
    <dl class="ctip-fields">
      <dt>Record number</dt>
      <dd>{program.id}</dd>
      <dt>Funding agency</dt>
      <dd>
        <a href={`/agencies/${segment(program.fundingAgency.id)}`}>{program.fundingAgency.name}</a>
      </dd>
      <dt>Status</dt>
      <dd>{statusNames[program.status]}</dd>
      <dt>Start and end dates</dt>
      <dd>{`${program.startDate ?? 'not known'} to ${program.endDate ?? 'not known'}`}</dd>
      <dt>Obligated (known amounts)</dt>
      <dd>{`${money(program.obligatedCents)}${program.hasUnknownAmount ? ', and at least one amount that is not known' : ''}`}</dd>
      <dt>Pillars</dt>
      <dd>
        <Terms codes={program.pillars} names={terms.pillar} filter="pillar" />
      </dd>
      <dt>Assistance types</dt>
      <dd>
        <Terms codes={program.assistanceTypes} names={terms['assistance-type']} filter="assistanceType" />
      </dd>
      <dt>Forms of trafficking</dt>
      <dd>
        <Terms codes={program.traffickingForms} names={terms['trafficking-form']} />
      </dd>
      <dt>Target groups</dt>
      <dd>
        <Terms codes={program.targetGroups} names={terms['target-group']} />
      </dd>
    </dl>
  );
}

function PartnersAndPlaces(props: { program: ProgramDetail }) {
  const { partners, places } = props.program;
  return (
    <div class="grid-row grid-gap">
      <section class="tablet:grid-col-6" aria-labelledby="partners">
        <h2 id="partners">Implementing partners</h2>
        {partners.length ? (
          <ul class="usa-list">
            {partners.map((partner) => (
              <li key={`${partner.organizationId}-${partner.role}`}>
                <a href={`/partners/${segment(partner.organizationId)}`}>{partner.name}</a>
                {partner.role === 'prime' ? ' (prime partner)' : ' (sub-partner)'}
              </li>
            ))}
          </ul>
        ) : (
          <p>No implementing partner is recorded.</p>
        )}
      </section>
      <section class="tablet:grid-col-6" aria-labelledby="places">
        <h2 id="places">Places</h2>
        {places.length ? (
          <ul class="usa-list">
            {places.map((place) => {
              const link = place.countryCode ? `/countries/${segment(place.countryCode)}` : `/regions/${segment(place.regionCode ?? '')}`;
              const share = place.sharePercent === null ? '' : ` (${place.sharePercent}% of the program)`;
              return (
                <li key={link}>
                  <a href={link}>{place.name}</a>
                  {place.regionCode ? ' (regional program)' : ''}
                  {share}
                </li>
              );
            })}
          </ul>
        ) : (
          <p>No place is recorded.</p>
        )}
      </section>
    </div>
  );
}

function Obligations(props: { program: ProgramDetail }) {
  const { obligations } = props.program;
  if (obligations.length === 0) return <p>No obligation is recorded.</p>;
  return (
    <>
      <ScrollTable label="Obligations by fiscal year">
        <table class="usa-table usa-table--borderless">
          <caption>Obligations by fiscal year</caption>
          <thead>
            <tr>
              <th scope="col">Fiscal year</th>
              <th scope="col" class="ctip-number">
                Amount obligated
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {obligations.map((obligation) => (
              <tr key={obligation.fiscalYear}>
                <th scope="row">{`FY${obligation.fiscalYear}`}</th>
                <td class="ctip-number">{obligation.amountCents === null ? 'Not known' : money(obligation.amountCents)}</td>
                <td>{obligation.amountNote ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {props.program.hasUnknownAmount ? (
        <p>
          “Not known” means the source gives no usable amount (the note says what it gives). Such amounts are never guessed and are left out
          of every total. <a href="/about#unknown-amounts">More about unknown amounts</a>
        </p>
      ) : null}
    </>
  );
}

function recordText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'not recorded';
  if (Array.isArray(value)) return value.map(recordText).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([key, inner]) => `${key}: ${recordText(inner)}`)
      .join('; ');
  return String(value);
}

const recordKeyNames: Record<string, string> = {
  regional: 'Regional flag',
  recipientIsSubgrantee: 'Recipient is a sub-grantee',
  fundingAgency: 'Funding agency assigned',
};

function Source(props: { program: ProgramDetail }) {
  const { program } = props;
  const record = (program.sourceRecord ?? {}) as Record<string, unknown>;
  const fields = (typeof record.fields === 'object' && record.fields !== null ? record.fields : {}) as Record<string, unknown>;
  const others = Object.entries(record).filter(([key]) => key !== 'fields' && key !== 'lines');
  return (
    <dl class="ctip-fields">
      <dt>Source</dt>
      <dd>{program.source}</dd>
      <dt>Source key</dt>
      <dd>{program.sourceKey ?? 'None (entered directly)'}</dd>
      {Array.isArray(record.lines) ? (
        <>
          <dt>Lines of the source file</dt>
          <dd>{recordText(record.lines)}</dd>
        </>
      ) : null}
      {Object.keys(fields).length ? (
        <>
          <dt>Values as given in the source</dt>
          <dd>
            <ul class="usa-list usa-list--unstyled">
              {Object.entries(fields).map(([key, value]) => (
                <li key={key}>{`${key}: ${value === '' ? '(empty)' : recordText(value)}`}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {others.map(([key, value]) => (
        <Fragment key={key}>
          <dt>{recordKeyNames[key] ?? key}</dt>
          <dd>{recordText(value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** One program with every field, its partners, places, obligations, source and history. */
export function ProgramPage(props: {
  program: ProgramDetail;
  history: ProgramHistoryEntry[];
  terms: TermNames;
  canEdit?: boolean;
  saved?: boolean;
}) {
  const { program } = props;
  const link = `/programs/${segment(program.id)}`;
  return (
    <Layout
      title={program.title}
      current="/programs"
      breadcrumbs={[
        { href: '/', label: 'Home' },
        { href: '/programs', label: 'Programs' },
      ]}
    >
      <h1>{program.title}</h1>
      {props.saved ? (
        <div class="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{`Saved. This is version ${program.version}; the history below records the change.`}</p>
          </div>
        </div>
      ) : null}
      {props.canEdit ? (
        <ul class="usa-button-group">
          <li class="usa-button-group__item">
            <a class="usa-button" href={`${link}/edit`}>
              Edit program
            </a>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={`${link}/delete`}>
              Delete program
            </a>
          </li>
        </ul>
      ) : null}
      {program.description ? <p class="usa-intro">{program.description}</p> : null}
      <Fields program={program} terms={props.terms} />
      <CirculateForClearance program={program} />
      <PartnersAndPlaces program={program} />
      <section aria-labelledby="obligations">
        <h2 id="obligations">Obligations by year</h2>
        <Obligations program={program} />
      </section>
      <section aria-labelledby="source">
        <h2 id="source">Source</h2>
        <Source program={program} />
      </section>
      <section aria-labelledby="history">
        <h2 id="history">Version {program.version} and history</h2>
        <ProgramHistory history={props.history} />
      </section>
      <p>
        <a href={`/api/programs/${segment(program.id)}`}>This program as JSON from the API</a>
      </p>
    </Layout>
  );
}
