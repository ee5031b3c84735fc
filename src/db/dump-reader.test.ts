import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../shared/errors.ts';
import { readDump } from './dump-reader.ts';
import { planMetaCommand, planStatement } from './restore-statements.ts';

const wrap = (body: string) =>
  `--\n-- PostgreSQL database dump\n--\n\n\\restrict abc\n\n-- Dumped from database version 18.7\n\n${body}\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc\n`;
const invalid = (pattern: RegExp) => (error: unknown) => isAppError(error) && error.code === 'INVALID_FILE' && pattern.test(error.message);

describe('reading a plain-format dump', () => {
  it('splits statements at semicolons outside strings, names, dollar bodies and comments', () => {
    const dump = readDump(
      wrap(
        [
          "INSERT INTO public.t VALUES (1, 'a;b''c'), (2, E'x\\';y');",
          "CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN RAISE EXCEPTION 'no;'; END; $body$;",
          'SELECT 1 /* a ; /* nested ; */ comment */ ; -- trailing ; comment',
          'CREATE TABLE public."we;ird" (id integer);',
        ].join('\n'),
      ),
    );
    assert.equal(dump.sourceVersion, '18.7');
    const statements = dump.items.filter((item) => item.kind === 'statement').map((item) => (item as { sql: string }).sql);
    assert.equal(statements.length, 4);
    assert.match(statements[1]!, /END; \$body\$;$/);
    assert.deepEqual(
      dump.items.filter((item) => item.kind === 'meta').map((item) => (item as { command: string }).command),
      ['\\restrict abc', '\\unrestrict abc'],
    );
  });

  it('decodes COPY blocks: tabs, \\N as null, backslash escapes, an empty block', () => {
    const dump = readDump(
      wrap(
        'COPY public.t (id, "note", tags) FROM stdin;\n1\tline\\none\\ttab\\\\\t{a,b}\n2\t\\N\t{}\n\\.\nCOPY public.e (id) FROM stdin;\n\\.\nSELECT 1;',
      ),
    );
    const [copy, empty, select] = dump.items.filter((item) => item.kind !== 'meta');
    assert.deepEqual(copy, {
      kind: 'copy',
      table: 'public.t',
      columns: ['id', '"note"', 'tags'],
      rows: [
        ['1', 'line\none\ttab\\', '{a,b}'],
        ['2', null, '{}'],
      ],
      line: 9,
    });
    assert.deepEqual((empty as { rows: unknown[] }).rows, []);
    assert.equal(select!.kind, 'statement');
  });

  it('refuses what is not a dump, a dump cut short, and COPY data cut short', () => {
    assert.throws(() => readDump('id,title\n1,Shelter\n'), invalid(/not a PostgreSQL dump/));
    assert.throws(() => readDump('\u0000\u0001binary'), invalid(/not a PostgreSQL dump/));
    const whole = wrap("INSERT INTO public.t VALUES (1, 'a');");
    assert.throws(() => readDump(whole.slice(0, whole.indexOf("'a'") + 2)), invalid(/incomplete/));
    assert.throws(() => readDump(wrap("INSERT INTO public.t VALUES (1, 'a);")), invalid(/quoted string .* never ends/));
    assert.throws(() => readDump(wrap('COPY public.t (id) FROM stdin;\n1\n2')), invalid(/COPY data for public.t .* never ends/));
    assert.throws(() => readDump(wrap('COPY public.t (id, b) FROM stdin;\n1\n\\.')), invalid(/has 1 fields, expected 2/));
  });
});

describe('what a restore runs of a dump', () => {
  const knownSettings = new Set(['statement_timeout', 'client_encoding']);
  const plan = (sql: string) => planStatement({ sql, line: 1, knownSettings }).action;
  it('skips settings the target does not know, ownership, privileges, PGlite column versions and extension comments', () => {
    assert.equal(plan('SET statement_timeout = 0;'), 'run');
    assert.equal(plan('SET transaction_timeout = 0;'), 'skip');
    assert.equal(plan('ALTER TABLE public.programs OWNER TO postgres;'), 'skip');
    assert.equal(plan('ALTER FUNCTION public.f() OWNER TO "some role";'), 'skip');
    assert.equal(plan('GRANT ALL ON SCHEMA public TO ctip;'), 'skip');
    assert.equal(plan('ALTER TABLE ONLY public.agencies ALTER COLUMN id SET (pg_attver=24730368);'), 'skip');
    assert.equal(plan("COMMENT ON EXTENSION pg_trgm IS 'text similarity';"), 'skip');
    assert.equal(plan('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;'), 'run');
    assert.equal(plan("ALTER TABLE public.programs ADD CONSTRAINT owner_to CHECK (title <> 'OWNER TO x');"), 'run');
    assert.equal(planMetaCommand({ command: '\\restrict abc', line: 1 }).action, 'skip');
  });
  it('refuses a whole-cluster dump, --create dumps and transaction control', () => {
    assert.throws(() => planMetaCommand({ command: '\\connect ctip', line: 3 }), invalid(/pg_dumpall/));
    assert.throws(() => plan('CREATE DATABASE ctip WITH TEMPLATE = template0;'), invalid(/--create/));
    assert.throws(() => plan('COMMIT;'), invalid(/transaction control/));
  });
});
