import type { ProgramDetail } from './program.schemas.ts';
import { Layout } from '../ui/layout.tsx';
import { money } from '../ui/format.ts';
import { segment } from '../ui/urls.ts';

/**
 * Asks before deleting a program. The hidden version makes the delete refuse if someone changed
 * the program after this page was shown (`changedFrom` says so when that just happened).
 */
export function ProgramDeletePage(props: { program: ProgramDetail; csrfToken: string; changedFrom?: number }) {
  const { program } = props;
  const link = `/programs/${segment(program.id)}`;
  return (
    <Layout
      title={`Delete program ${program.id}`}
      current="/programs"
      breadcrumbs={[
        { href: '/', label: 'Home' },
        { href: '/programs', label: 'Programs' },
        { href: link, label: program.title },
      ]}
    >
      <h1>{`Delete “${program.title}”?`}</h1>
      {props.changedFrom !== undefined ? (
        <div class="usa-alert usa-alert--error">
          <div class="usa-alert__body">
            <h2 class="usa-alert__heading">{`Someone else changed this program since you opened it (version ${props.changedFrom} → ${program.version})`}</h2>
            <p class="usa-alert__text">
              Nothing was deleted. Check the current values on the program page, then confirm again if it should still go.
            </p>
          </div>
        </div>
      ) : null}
      <div class="usa-alert usa-alert--warning">
        <div class="usa-alert__body">
          <p class="usa-alert__text">
            {`Program ${program.id}, funded by ${program.fundingAgency.name}, ${money(program.obligatedCents)} obligated, version ${program.version}. `}
            Deleting removes it from every page, download and total. Its history keeps what it was, who deleted it and when.
          </p>
        </div>
      </div>
      <form method="post" action={`${link}/delete`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="version" value={String(program.version)} />
        <ul class="usa-button-group">
          <li class="usa-button-group__item">
            <button class="usa-button usa-button--secondary" type="submit">
              Delete program
            </button>
          </li>
          <li class="usa-button-group__item">
            <a class="usa-button usa-button--outline" href={link}>
              Keep it
            </a>
          </li>
        </ul>
      </form>
    </Layout>
  );
}
