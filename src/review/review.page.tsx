import type { UnresolvedName } from '../organizations/organization.schemas.ts';
import { Layout } from '../ui/layout.tsx';

/**
 * The review list for token holders: names imports could not resolve. Read-only until
 * accounts exist: mapping is done with `ctip review map` or POST /api/review/mappings.
 */
export function ReviewPage(props: { names: UnresolvedName[] }) {
  return (
    <Layout title="Names to review">
      <h1>Names to review</h1>
      <p>
        Partner and place names imports could not resolve. Map each once with <code>ctip review map</code> or{' '}
        <code>POST /api/review/mappings</code>; later imports use the mapping. The same list as JSON:{' '}
        <a href="/api/review/names">/api/review/names</a>.
      </p>
      {props.names.length === 0 ? (
        <p>No names are waiting for review.</p>
      ) : (
        <table class="usa-table">
          <caption>{props.names.length} names, most frequent first</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
              <th scope="col">Source</th>
              <th scope="col">Occurrences</th>
              <th scope="col">First seen</th>
            </tr>
          </thead>
          <tbody>
            {props.names.map((entry) => (
              <tr key={`${entry.kind}:${entry.normalizedName}`}>
                <td>{entry.kind}</td>
                <th scope="row">{entry.name}</th>
                <td>{entry.source}</td>
                <td>{entry.occurrences}</td>
                <td>{entry.firstSeenAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
