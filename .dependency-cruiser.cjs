// Import-boundary rules of ARCHITECTURE.md ("Layers"): a module imports only from layers to its
// left — shared/config → db → policy → toolkits (http, ui, cli) → features → app — never in a
// cycle, and production code never imports test code. `npm run lint` checks them.
const testCode = '(\\.test\\.tsx?$)|(/testing/)|(/fixtures/)';
const toolkitsAndBelow = ['shared', 'config', 'db', 'policy', 'http', 'ui', 'cli'];
const notFeatures = [...toolkitsAndBelow, 'app', 'testing'];

/** One rule per layer: from its folder, nothing outside the layers it may use (tests exempt). */
function layer(name, folder, allowed) {
  return {
    name,
    severity: 'error',
    comment: `${folder}/ may import only from ${allowed.join(', ')}`,
    from: { path: `^src/${folder}/`, pathNot: testCode },
    to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules must not import each other in a circle, directly or through others',
      from: { path: '^src/' },
      to: { circular: true },
    },
    layer('shared-at-the-bottom', '(shared|config)', ['shared', 'config']),
    layer('db-above-shared', 'db', ['shared', 'config', 'db']),
    layer('policy-above-db', 'policy', ['shared', 'config', 'db', 'policy']),
    layer('http-toolkit-no-features', 'http', ['shared', 'config', 'db', 'policy', 'http']),
    layer('ui-toolkit-no-features', 'ui', ['shared', 'config', 'db', 'policy', 'http', 'ui']),
    layer('cli-toolkit-no-features', 'cli', ['shared', 'config', 'db', 'policy', 'cli']),
    {
      name: 'features-never-import-app',
      severity: 'error',
      comment: 'A feature is registered by app/; it never imports app/ (its tests may, to build the whole app)',
      from: { path: '^src/', pathNot: [testCode, `^src/(${notFeatures.join('|')})/`] },
      to: { path: '^src/app/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'Production modules never import tests, src/testing/, a testing/ or a fixtures/ folder',
      from: { path: '^src/', pathNot: testCode },
      to: { path: testCode },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/db/migrations/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
  },
};
