import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The node arguments that start a real `ctip` process: the entry point the test runner compiled
 * once (CTIP_TEST_ENTRY, see scripts/build-test-entry.mjs), or the sources through tsx when a
 * test runs without the runner. `executable` starts bin/ctip.js itself, as a person runs it.
 */
export function ctipNodeArguments(options: { executable?: boolean } = {}): string[] {
  if (options.executable) return [path.join(root, 'bin/ctip.js')];
  const compiled = process.env.CTIP_TEST_ENTRY;
  return compiled ? [compiled] : ['--import', 'tsx', path.join(root, 'src/app/main.ts')];
}

/** The folder of the checkout, where ctip processes run unless told otherwise. */
export const checkoutFolder = root;
