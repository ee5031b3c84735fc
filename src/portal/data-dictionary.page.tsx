import type { ColumnDoc } from '../exports/program-csv.columns.ts';
import { Layout } from '../ui/layout.tsx';

export type DownloadDoc = { id: string; title: string; where: string; note: string; columns: [string, ColumnDoc][] };

function ColumnTable(props: { download: DownloadDoc }) {
  return (
    <div class="usa-table-container--scrollable" tabindex={0} aria-label={`Columns of ${props.download.title}`}>
      <table class="usa-table usa-table--striped">
        <caption>{`Columns of ${props.download.title}`}</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Meaning</th>
            <th scope="col">Type</th>
            <th scope="col">Example</th>
            <th scope="col">Source field</th>
          </tr>
        </thead>
        <tbody>
          {props.download.columns.map(([name, doc]) => (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td>{doc.meaning}</td>
              <td>{doc.type}</td>
              <td>
                <code>{doc.example}</code>
              </td>
              <td>{doc.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /data-dictionary: every column of every CSV download, from the tables the exporters write with. */
export function DataDictionaryPage(props: { downloads: DownloadDoc[] }) {
  return (
    <Layout title="Data dictionary" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>Data dictionary</h1>
      <p class="usa-intro">
        Every column of every download: its name, what it means, its type, an example and the API field it comes from. Terms are defined in
        the <a href="/glossary">glossary</a>; the JSON fields in the <a href="/docs">API reference</a>.
      </p>
      <ul class="usa-list">
        {props.downloads.map((download) => (
          <li key={download.id}>
            <a href={`#${download.id}`}>{download.title}</a>
          </li>
        ))}
      </ul>
      {props.downloads.map((download) => (
        <section key={download.id} id={download.id} aria-labelledby={`${download.id}-heading`}>
          <h2 id={`${download.id}-heading`}>{download.title}</h2>
          <p>
            <code>{download.where}</code>. {download.note}
          </p>
          <ColumnTable download={download} />
        </section>
      ))}
    </Layout>
  );
}
