import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import fc from 'fast-check';
import { isAppError } from '../../shared/errors.ts';
import { fingerprintDatabase } from '../../testing/database-fingerprint.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedForImport } from '../../testing/tip-grants-fixture.ts';
import { importerCases } from './testing/importers.ts';

// Mutated real fixtures for every importer (truncated, bytes flipped, columns swapped, lines
// dropped or repeated, huge fields, stray quotes): the importer either imports or refuses with
// a named problem, never crashes (no INTERNAL, no raw exception), and a refused file writes
// nothing (the database fingerprint is unchanged). CTIP_FUZZ_RUNS sets the cases per importer
// (default 8); CTIP_FUZZ_SEED replays a run.

const runsPerImporter = Number(process.env.CTIP_FUZZ_RUNS ?? 8);
const seed = Number(process.env.CTIP_FUZZ_SEED ?? 20261204);
const folder = mkdtempSync(path.join(tmpdir(), 'ctip-import-fuzz-'));
after(() => rmSync(folder, { recursive: true, force: true }));

type Mutation = { name: string; apply: (bytes: Buffer) => Buffer };

const splitLines = (bytes: Buffer) => bytes.toString('latin1').split('\n');
const joinLines = (lines: string[]) => Buffer.from(lines.join('\n'), 'latin1');

/** One mutation of a file, its positions drawn from `at` (0 ≤ at < 1). */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .double({ min: 0, max: 1, noNaN: true, maxExcluded: true })
    .map((at) => ({ name: `truncate at ${at.toFixed(3)}`, apply: (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * at)) })),
  fc
    .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((flips) => ({
      name: `flip ${flips.length} bytes`,
      apply: (bytes: Buffer) => {
        const copy = Buffer.from(bytes);
        for (const [at, value] of flips) copy[Math.floor(copy.length * at)] = value;
        return copy;
      },
    })),
  fc.tuple(fc.nat(60), fc.nat(60)).map(([left, right]) => ({
    name: `swap header columns ${left} and ${right}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      const cells = lines[0]!.split(',');
      const [a, b] = [left % cells.length, right % cells.length];
      [cells[a], cells[b]] = [cells[b]!, cells[a]!];
      lines[0] = cells.join(',');
      return joinLines(lines);
    },
  })),
  fc.tuple(fc.nat(200), fc.nat(200)).map(([left, right]) => ({
    name: `swap lines ${left} and ${right}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      const [a, b] = [left % lines.length, right % lines.length];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return joinLines(lines);
    },
  })),
  fc.tuple(fc.nat(200), fc.boolean()).map(([line, repeat]) => ({
    name: `${repeat ? 'repeat' : 'drop'} line ${line}`,
    apply: (bytes: Buffer) => {
      const lines = splitLines(bytes);
      const at = line % lines.length;
      lines.splice(at, repeat ? 0 : 1, ...(repeat ? [lines[at]!] : []));
      return joinLines(lines);
    },
  })),
  fc
    .tuple(
      fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      fc.constantFrom('x'.repeat(200_000), '"', '""', ',', '\r', '\uFEFF', '<', '&#0;', ']]>', '9'.repeat(40), '-1', '1e308'),
    )
    .map(([at, text]) => ({
      name: `insert ${text.length > 20 ? `${text.length} characters` : JSON.stringify(text)} at ${at.toFixed(3)}`,
      apply: (bytes: Buffer) => {
        const offset = Math.floor(bytes.length * at);
        return Buffer.concat([bytes.subarray(0, offset), Buffer.from(text, 'utf8'), bytes.subarray(offset)]);
      },
    })),
);

const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

describeEachDatabase('mutated import files: never a crash, never part of a file', { prepare: seedForImport }, (database) => {
  for (const importer of importerCases) {
    it(`${importer.name}: imports or refuses with a named problem, writing nothing when it refuses`, async (t) => {
      const original = typeof importer.fixture === 'string' ? readFileSync(importer.fixture) : Buffer.from(importer.fixture(), 'utf8');
      let refused = 0;
      let cases = 0;
      const reasons = new Set<string>();
      await fc.assert(
        fc.asyncProperty(mutations, async (steps) => {
          cases += 1;
          const filePath = path.join(folder, `${importer.name}-${cases}.${importer.kind}`);
          writeFileSync(
            filePath,
            steps.reduce<Buffer>((bytes, step) => step.apply(bytes), original),
          );
          const before = await fingerprintDatabase(database.db);
          try {
            await importer.run({ db: database.db, filePath });
          } catch (error) {
            refused += 1;
            const where = steps.map((step) => step.name).join(', ');
            assert.ok(isAppError(error), `${where}: a raw ${String(error)}`);
            assert.notEqual(error.code, 'INTERNAL', `${where}: ${error.message} ${String(error.cause)}`);
            reasons.add(error.message.slice(0, 100));
            assert.deepEqual(await fingerprintDatabase(database.db), before, `${where}: refused, yet the database changed`);
          } finally {
            rmSync(filePath, { force: true });
          }
        }),
        { numRuns: runsPerImporter, seed: seed + importerCases.indexOf(importer), endOnFailure: true },
      );
      t.diagnostic(`${cases} mutated files, ${refused} refused (seed ${seed}), e.g. ${[...reasons].slice(0, 3).join(' | ')}`);
    });
  }
});
