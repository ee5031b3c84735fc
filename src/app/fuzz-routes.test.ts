import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildRoleWorld, injectAs, type Credentials, type RoleWorld } from '../testing/role-fixtures.ts';
import { createProgram } from '../programs/program.service.ts';
import { errorCodes } from '../shared/errors.ts';
import { fingerprintDatabase } from '../testing/database-fingerprint.ts';
import { buildProgramInput, testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { arbitraryFor, hostileBodyText, hostileStrings, stringValueFor } from './testing/request-arbitraries.ts';

// Property-based requests for every registered route, as the public and as a signed-in agency
// editor: valid, boundary and hostile values. No answer may be a 5xx (503 only from /readyz and
// PDF routes without Chromium), every /api error has the one JSON shape, and a refused write
// leaves the database as it was. CTIP_FUZZ_RUNS sets the cases per route and role (default 2);
// CTIP_FUZZ_SEED replays a run.

const runsPerRoute = Number(process.env.CTIP_FUZZ_RUNS ?? 2);
const seed = Number(process.env.CTIP_FUZZ_SEED ?? 20261204);
/** Routes not fuzzed: static documentation, and signing out (it would end the editor's session for the rest of the run). */
const skipped = (route: string) => route.startsWith('GET /docs') || route === 'POST /sign-out';
/** Query names tried on routes the OpenAPI document does not describe (the pages). */
const pageQueryNames = [
  'q',
  'cursor',
  'fiscalYear',
  'fy',
  'from',
  'to',
  'sort',
  'country',
  'agency',
  'region',
  'status',
  'limit',
  'page',
  'returnTo',
  'next',
  'format',
];
const pageFormNames = [
  'title',
  'description',
  'fundingAgencyId',
  'status',
  'visibility',
  'startDate',
  'endDate',
  'partners',
  'places',
  'version',
  'email',
  'password',
  'name',
  'role',
  'body',
  'text',
  'dueDate',
  'decision',
  'fiscalYear',
  '_csrf',
];
const knownCodes = new Set(Object.keys(errorCodes));

type Operation = {
  parameters?: { in: string; name: string; schema?: object }[];
  requestBody?: { content?: Record<string, { schema?: object }> };
};
type Generated = { method: string; url: string; headers: Record<string, string>; payload?: string };

let serverErrors: string[] = [];

function requestsFor(
  route: string,
  operation: Operation | undefined,
  components: Record<string, object>,
  ids: number[],
): fc.Arbitrary<Generated> {
  const [method, pattern] = route.split(' ') as [string, string];
  const parameters = operation?.parameters ?? [];
  const pathValue = (name: string) => {
    const schema = parameters.find((parameter) => parameter.in === 'path' && parameter.name === name)?.schema;
    const sensible = name === 'id' ? fc.constantFrom(...ids.map(String)) : stringValueFor(schema, components);
    return fc.oneof({ weight: 2, arbitrary: sensible }, { weight: 1, arbitrary: fc.constantFrom(...hostileStrings) });
  };
  const names = [...pattern.matchAll(/:(\w+)|\*/g)].map((match) => match[1] ?? 'wildcard');
  const pathArb = fc.tuple(...names.map(pathValue));
  const queryModel = operation
    ? Object.fromEntries(
        parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => [parameter.name, stringValueFor(parameter.schema, components)]),
      )
    : Object.fromEntries(pageQueryNames.map((name) => [name, stringValueFor(undefined, components)]));
  const queryArb = fc.record(queryModel, { requiredKeys: [] });
  const jsonSchema = operation?.requestBody?.content?.['application/json']?.schema;
  const bodyArb: fc.Arbitrary<{ payload?: string; type?: string }> =
    method === 'GET' || method === 'DELETE'
      ? fc.constant({})
      : jsonSchema
        ? fc
            .oneof(
              { weight: 4, arbitrary: arbitraryFor(jsonSchema, components).map((body) => JSON.stringify(body) ?? 'null') },
              { weight: 1, arbitrary: hostileBodyText },
            )
            .map((payload) => ({ payload, type: 'application/json' }))
        : fc
            .dictionary(fc.constantFrom(...pageFormNames), stringValueFor(undefined, components), { maxKeys: 6 })
            .map((form) => ({ payload: new URLSearchParams(form).toString(), type: 'application/x-www-form-urlencoded' }));
  const ifMatch = fc.option(fc.constantFrom('"v1"', '"v999999999999"', '*', 'W/"x"', '"\u00ff"', ...hostileStrings.slice(0, 8)), {
    nil: undefined,
  });
  return fc.tuple(pathArb, queryArb, bodyArb, ifMatch).map(([values, query, body, match]) => {
    let index = 0;
    const path = pattern.replace(/:(\w+)|\*/g, () => encodePathSegment(values[index++] as string));
    const search = new URLSearchParams(query as Record<string, string>).toString();
    const headers: Record<string, string> = {};
    if (body.type) headers['content-type'] = body.type;
    if (match !== undefined && /^[\x20-\x7e]*$/.test(match)) headers['if-match'] = match;
    return {
      method,
      url: `${path}${search ? `?${search}` : ''}`,
      headers,
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
    };
  });
}

/** Percent-encodes a path segment; a lone surrogate goes out as the invalid UTF-8 bytes a hostile client would send. */
function encodePathSegment(value: string): string {
  return value
    .replace(/[\uD800-\uDFFF]/g, (unit, offset: number, whole: string) => {
      const pair =
        /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(whole.slice(offset - 1, offset + 1)) ||
        /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(whole.slice(offset, offset + 2));
      return pair ? unit : '\u0001';
    })
    .split('\u0001')
    .map((part) => encodeURIComponent(part))
    .join('%ED%A0%80');
}

function checkAnswer(request: Generated, status: number, body: string, contentType: string | undefined): void {
  const path = request.url.split('?')[0]!;
  const where = `${request.method} ${request.url.slice(0, 300)} → ${status}`;
  const mayBeUnavailable = status === 503 && (path === '/readyz' || /pdf/i.test(path));
  // 5xx are collected, not thrown, so one run lists every route that fails (asserted at the end).
  if (status >= 500 && !mayBeUnavailable) serverErrors.push(`${where}: ${body.slice(0, 200)}`);
  if (path.startsWith('/api/') && status >= 400) {
    assert.match(contentType ?? '', /application\/json/, `${where}: an /api error is JSON`);
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    assert.ok(
      parsed.error && knownCodes.has(String(parsed.error.code)) && typeof parsed.error.message === 'string',
      `${where}: the one error shape, got ${body.slice(0, 300)}`,
    );
  }
}

describeEachDatabase('fuzzing every route', {}, (database) => {
  let world: RoleWorld;
  let app: FastifyInstance;
  let document: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, object> } };
  const ids: number[] = [];
  before(async () => {
    world = await buildRoleWorld(database.db);
    app = world.app;
    await app.ready();
    document = app.swagger() as typeof document;
    for (const visibility of ['public', 'restricted'] as const) {
      const program = await createProgram({
        db: database.db,
        actor: testActor,
        input: buildProgramInput({ title: `Fuzz ${visibility} program`, visibility }),
      });
      ids.push(program.id);
    }
    ids.push(world.organizationId, 1);
  });
  after(async () => {
    await app?.close();
  });

  for (const role of ['public', 'editor'] as const) {
    it(`as ${role === 'public' ? 'the public' : 'a signed-in agency editor'}: no 5xx, one error shape, refused writes write nothing`, async (t) => {
      const credentials: Credentials = world.credentials[role];
      const routes = [...world.routes].filter((route) => !skipped(route)).sort();
      let cases = 0;
      serverErrors = [];
      for (const route of routes) {
        const [method, pattern] = route.split(' ') as [string, string];
        const operation = document.paths[pattern.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
        await fc.assert(
          fc.asyncProperty(requestsFor(route, operation, document.components?.schemas ?? {}, ids), async (request) => {
            cases += 1;
            const write = request.method !== 'GET';
            const before = write ? await fingerprintDatabase(database.db) : undefined;
            const response = await injectAs(app, credentials, request as Parameters<typeof injectAs>[2]);
            checkAnswer(request, response.statusCode, response.body, response.headers['content-type'] as string | undefined);
            if (write && response.statusCode >= 400) {
              assert.deepEqual(
                await fingerprintDatabase(database.db),
                before,
                `${request.method} ${request.url} → ${response.statusCode} changed the database`,
              );
            }
          }),
          { numRuns: runsPerRoute, seed: seed + routes.indexOf(route), endOnFailure: true },
        );
      }
      t.diagnostic(`${cases} requests over ${routes.length} routes as ${role} (seed ${seed}); 5xx: ${serverErrors.length}`);
      assert.deepEqual(serverErrors, [], 'answers with a 5xx');
    });
  }
});
