import type { OverlapCheckResult } from '../coordination/coordination.schemas.ts';
import { plural } from '../ui/format.ts';
import { segment } from '../ui/urls.ts';

/**
 * The programs already funded that resemble the draft, best first: title linked, score, the
 * reasons in words and whether another agency funds it. Shown when the writer asks, before saving.
 */
export function OverlapMatches(props: { result: OverlapCheckResult }) {
  const { matches, candidates } = props.result;
  return (
    <section class="usa-alert usa-alert--info" aria-labelledby="overlap-heading" id="overlap">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading" id="overlap-heading">
          {matches.length ? `${plural(matches.length, 'similar program')} already funded` : 'No similar program found'}
        </h2>
        <p class="usa-alert__text">
          {`Nothing was saved. The check compared your draft with ${plural(candidates, 'program')} you may see, by partner, place, purpose, period and wording. `}
          {matches.length ? 'Read each one before you save: another agency may already fund the same work.' : 'You can save when ready.'}
        </p>
        {matches.length ? (
          <ol class="usa-list">
            {matches.map((match) => (
              <li key={match.programId}>
                <a href={`/programs/${segment(match.programId)}`}>{match.title}</a>
                {` — ${match.fundingAgency.label}, similarity ${Math.round(match.score * 100)}%`}
                {match.crossAgency ? (
                  <>
                    {' '}
                    <span class="usa-tag">Funded by another agency</span>
                  </>
                ) : null}
                <ul>
                  {match.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </section>
  );
}
