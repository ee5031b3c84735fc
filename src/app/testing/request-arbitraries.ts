// fast-check generators of HTTP requests for the fuzz test: valid values read from the OpenAPI
// document's JSON schemas, mixed with boundary and hostile ones (NUL, huge numbers, long strings,
// wrong types, deep JSON, forged cursors, odd dates).
import fc from 'fast-check';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  $ref?: string;
};

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Strings that have broken parsers, SQL and storage before. */
export const hostileStrings: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  'x'.repeat(5000),
  '\uD800',
  '😀🏳️‍🌈',
  "' OR 1=1 --",
  '"; DROP TABLE programs; --',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '../../../etc/passwd',
  '%2e%2e%2f',
  '0000-01-01',
  '2023-02-30',
  '9999-12-31',
  '-0001-01-01',
  '1e300',
  '-1',
  '0',
  '2147483648',
  '9007199254740993',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  cursorOf([5, 1e300]),
  cursorOf([2 ** 60, 2 ** 60]),
  cursorOf(['a\u0000', 1]),
  cursorOf(null),
  '!!!',
  '"v999999999999"',
  'W/"v1"',
];

/** Numbers at and past every boundary the database has. */
const hostileNumbers = [0, -1, 1, 2_147_483_647, 2_147_483_648, -2_147_483_649, 2 ** 53 + 2, 1e300, -1e300, 0.5, 1e-300];

function deepJson(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { nested: value };
  return value;
}

/** A value of any wrong kind, for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...hostileNumbers),
  fc.constantFrom(null, true, false, [], {}, [null], { '\u0000': 1 }, deepJson(200)),
  fc.string({ maxLength: 30, unit: 'binary' }),
);

function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (!schema.$ref) return schema;
  return components[schema.$ref.split('/').pop()!] ?? {};
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date') return fc.constantFrom('2004-01-01', '2010-06-30', '2024-02-29');
  if (schema.format === 'date-time') return fc.constantFrom('2024-01-01T00:00:00Z', '2030-12-31T23:59:59.999Z');
  if (schema.format === 'email') return fc.constantFrom('editor@example.org', 'nobody@example.org');
  return fc.oneof(
    fc.constantFrom('state-tip', 'dol-ilab', 'NPL', 'KEN', 'protection', 'prime', 'public', 'active', '2004', 'shelter'),
    fc.string({ maxLength: 12 }),
  );
}

/**
 * Values for a JSON schema: valid ones most of the time, a hostile value in about one field in
 * `hostileShare`, so a body is mostly right and wrong in one place (deep validation is reached).
 */
export function arbitraryFor(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  const valid = validFor(resolved, components, depth);
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function validFor(schema: JsonSchema, components: Record<string, JsonSchema>, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((choice) => validFor(resolve(choice, components), components, depth + 1)));
  if (schema.allOf?.length) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf.map((item) => resolve(item, components))) {
      Object.assign(merged.properties!, part.properties);
      merged.required!.push(...(part.required ?? []));
    }
    return validFor(merged, components, depth + 1);
  }
  const types = [schema.type ?? (schema.properties ? 'object' : 'string')].flat();
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'null':
          return fc.constant(null);
        case 'boolean':
          return fc.boolean();
        case 'integer':
          return fc.integer({ min: Math.max(schema.minimum ?? -5, -1e6), max: Math.min(schema.maximum ?? 3000, 1e6) });
        case 'number':
          return fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }));
        case 'array':
          return fc.array(arbitraryFor(schema.items ?? {}, components, depth + 1), { maxLength: 3 });
        case 'object': {
          const properties = schema.properties ?? {};
          const model = Object.fromEntries(
            Object.entries(properties).map(([key, value]) => [key, arbitraryFor(value, components, depth + 1)]),
          );
          return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
        }
        default:
          return validString(schema);
      }
    }),
  );
}

/** A query-string or path value: a string, usually sensible for the schema, sometimes hostile. */
export function stringValueFor(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): fc.Arbitrary<string> {
  const valid = schema
    ? validFor(resolve(schema, components), components, 0).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
    : validString({});
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: fc.constantFrom(...hostileStrings) });
}

/** A whole body of a wrong kind, as the text sent: wrong types, deep nesting, huge arrays, broken JSON. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  hostileValue.map((value) => JSON.stringify(value) ?? 'null'),
  fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
  fc.constant(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`),
  fc.constant(JSON.stringify(Array.from({ length: 5000 }, (_, index) => index))),
  fc.constantFrom('{', '{"title":', 'nul', '"\\u0000"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}'),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
);
