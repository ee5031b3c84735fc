import { Layout } from '../ui/layout.tsx';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  example?: unknown;
  examples?: unknown[];
  $ref?: string;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema; example?: unknown };
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  security?: unknown[];
};
export type OpenApiDocument = {
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
};

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A schema's type in a reader's words: "string", "integer or null", "one of a, b, c". */
export function describeType(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.enum) return `one of ${schema.enum.map(String).join(', ')}`;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return [...new Set(variants.map(describeType))].join(' or ');
  if (schema.type === 'array') return `list of ${describeType(schema.items)}`;
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return schema.type ?? (schema.properties ? 'object' : 'any');
}

function exampleOf(schema: JsonSchema | undefined, example?: unknown): string {
  const value = example ?? schema?.example ?? schema?.examples?.[0];
  return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The anchor of an operation: get-api-stats-by-dimension. */
export function operationId(method: string, path: string): string {
  return `${method}-${path}`
    .replace(/[{}]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/-+$/, '')
    .toLowerCase();
}

function FieldTable(props: {
  caption: string;
  rows: { name: string; type: string; required: boolean; description: string; example: string; where?: string }[];
}) {
  if (props.rows.length === 0) return null;
  const hasWhere = props.rows.some((row) => row.where);
  return (
    <div class="usa-table-container--scrollable" tabindex={0} aria-label={props.caption}>
      <table class="usa-table usa-table--compact">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {hasWhere ? <th scope="col">In</th> : null}
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Description</th>
            <th scope="col">Example</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={`${row.where ?? ''}${row.name}`}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              {hasWhere ? <td>{row.where}</td> : null}
              <td>{row.type}</td>
              <td>{row.required ? 'yes' : 'no'}</td>
              <td>{row.description}</td>
              <td>{row.example ? <code>{row.example}</code> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function propertyRows(schema: JsonSchema | undefined) {
  return Object.entries(schema?.properties ?? {}).map(([name, property]) => ({
    name,
    type: describeType(property),
    required: schema?.required?.includes(name) ?? false,
    description: property.description ?? '',
    example: exampleOf(property),
  }));
}

function OperationSection(props: { method: string; path: string; operation: Operation }) {
  const { method, path, operation } = props;
  const id = operationId(method, path);
  const body = operation.requestBody?.content?.['application/json']?.schema;
  const ok = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith('2'));
  const okSchema = ok?.[1].content?.['application/json']?.schema;
  return (
    <section id={id} aria-labelledby={`${id}-heading`} class="margin-top-4">
      <h3 id={`${id}-heading`}>
        <code>{`${method.toUpperCase()} ${path}`}</code>
      </h3>
      {operation.summary ? <p class="text-bold">{operation.summary}</p> : null}
      {operation.description ? <p>{operation.description}</p> : null}
      <FieldTable
        caption={`Parameters of ${method.toUpperCase()} ${path}`}
        rows={(operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          where: parameter.in,
          type: describeType(parameter.schema),
          required: Boolean(parameter.required),
          description: parameter.description ?? parameter.schema?.description ?? '',
          example: exampleOf(parameter.schema, parameter.example),
        }))}
      />
      <FieldTable caption={`Request body of ${method.toUpperCase()} ${path} (JSON)`} rows={propertyRows(body)} />
      <FieldTable
        caption={`Response of ${method.toUpperCase()} ${path} (${ok?.[0] ?? '200'}, top-level fields)`}
        rows={propertyRows(okSchema)}
      />
      <p>
        {'Answers: '}
        {Object.entries(operation.responses ?? {})
          .map(
            ([status, response]) =>
              `${status}${response.description && response.description !== 'Default Response' ? ` ${response.description}` : ''}`,
          )
          .join(', ')}
      </p>
    </section>
  );
}

/**
 * /docs: the API reference, read from the same OpenAPI document as /openapi.json and the
 * interactive console, in the site's layout and without script.
 */
export function ApiReferencePage(props: { document: OpenApiDocument }) {
  const { document } = props;
  const groups = new Map<string, { method: string; path: string; operation: Operation }[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'other';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, operation }]);
    }
  }
  const tags = [...groups.keys()].sort();
  return (
    <Layout title="API reference" current="/docs" breadcrumbs={[{ href: '/', label: 'Home' }]}>
      <h1>API reference</h1>
      <p class="usa-intro">{document.info.description}</p>
      <ul class="usa-list">
        <li>
          Base address:{' '}
          {document.servers?.map((server) => (
            <code key={server.url}>{server.url}</code>
          ))}{' '}
          (paths below are relative to where ctip runs). Version {document.info.version}.
        </li>
        <li>
          The machine-readable description: <a href="/openapi.json">OpenAPI 3.1 (JSON)</a>; an interactive console (needs JavaScript):{' '}
          <a href="/docs/console">/docs/console</a>.
        </li>
        <li>
          Reading is open to everyone (restricted records are hidden); writing needs an API token: <code>Authorization: Bearer …</code>.
        </li>
        <li>
          Errors have one shape: <code>{'{ "error": { "code", "message", "details" } }'}</code>. An unknown query parameter is a 400 that
          names it and suggests the right one (<code>?year=2005</code> → “unknown parameter year; did you mean fiscalYear?”); paths under{' '}
          <code>/api/hsds/</code> accept every parameter.
        </li>
        <li id="fiscal-year">
          The fiscal year is <code>fiscalYear</code> everywhere. The older <code>fy</code> is still read, with a <code>Deprecation</code>{' '}
          header; web pages redirect it. See the <a href="/glossary#fiscal-year">glossary</a>.
        </li>
        <li>
          Every statistics endpoint also answers as CSV (add <code>.csv</code>); the columns are in the{' '}
          <a href="/data-dictionary">data dictionary</a>.
        </li>
      </ul>
      <nav aria-labelledby="api-contents-heading">
        <h2 id="api-contents-heading">Contents</h2>
        <ul class="usa-list">
          {tags.map((tag) => (
            <li key={tag}>
              <a href={`#tag-${tag}`}>{tag}</a>
              {` (${groups.get(tag)!.length})`}
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={`tag-${tag}`} aria-labelledby={`tag-${tag}-heading`}>
          <h2 id={`tag-${tag}-heading`} class="margin-top-6">
            {tag}
          </h2>
          {groups.get(tag)!.map((entry) => (
            <OperationSection key={`${entry.method} ${entry.path}`} {...entry} />
          ))}
        </section>
      ))}
    </Layout>
  );
}
