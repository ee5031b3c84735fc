// Compiles the `ctip` entry point (src/app/main.ts) and everything it imports into one ES
// module for the tests that start real ctip processes (the kill test starts the server forty
// times). Loading it costs about half the CPU of loading the sources through tsx, file by file.
// Packages stay outside the bundle, so the file is written where node_modules resolves.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

// Code finds its migrations, assets and fixtures beside its own file: each file keeps the
// import.meta of its source, not the bundle's.
const keepImportMeta = {
  name: 'keep-import-meta',
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents: source, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** Builds the bundle and returns its path (under node_modules/.cache, removed by the caller). */
export async function buildTestEntry() {
  const folder = path.join(root, 'node_modules', '.cache', 'ctip-tests');
  mkdirSync(folder, { recursive: true });
  const outfile = path.join(folder, `main-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [path.join(root, 'src/app/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [keepImportMeta],
  });
  return outfile;
}
