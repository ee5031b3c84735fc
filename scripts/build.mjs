// `npm run build` (and `npm install`, through the prepare script; `node scripts/build.mjs DIR` builds
// into DIR, which must lie inside the project so that node_modules is found): bundles the server and CLI
// entry (src/app/main.ts) into dist/ with esbuild, a runtime dependency, so a production install
// (`npm ci --omit=dev`) builds too. Packages stay external (node_modules is read at run time);
// each command's code is a chunk of its own, loaded only when that command runs.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const sourceFolder = path.join(root, 'src');

/**
 * Source modules find files beside themselves (migrations, the IATI schema, site.css, the demo
 * data) through import.meta.url; in a bundle that would be the bundle's. Each module's
 * import.meta.url and import.meta.dirname are rewritten to its source file's, computed from the
 * built file's own place, so the tree can move after the build.
 */
function sourceLocationPlugin(outdir) {
  return {
    name: 'ctip-source-location',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const contents = await readFile(args.path, 'utf8');
        const loader = args.path.endsWith('.tsx') ? 'tsx' : 'ts';
        if (!contents.includes('import.meta.url') && !contents.includes('import.meta.dirname')) return { contents, loader };
        const fromOutput = path.relative(outdir, args.path).split(path.sep).join('/');
        const fileUrl = `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`;
        const helpers = "import { dirname as ctipDirname } from 'node:path'; import { fileURLToPath as ctipFilePath } from 'node:url';\n";
        const rewritten = contents
          .replaceAll('import.meta.url', fileUrl)
          .replaceAll('import.meta.dirname', `ctipDirname(ctipFilePath(${fileUrl}))`);
        return { contents: helpers + rewritten, loader };
      });
    },
  };
}

/** Builds src/app/main.ts into `outdir` (dist/ unless told). */
export async function buildCtip(options = {}) {
  const outdir = options.outdir ?? path.join(root, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(sourceFolder, 'app', 'main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.12',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: 'linked',
    // A stack trace of an internal error names the source files.
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [sourceLocationPlugin(outdir)],
  });
  return { outdir, main: path.join(outdir, 'main.js') };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const outdir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const { main } = await buildCtip({ outdir });
  process.stdout.write(`ctip built ${path.relative(root, main)} in ${Math.round(performance.now() - started)} ms\n`);
}
