// Dependency direction from STYLE.md 9.3. Every rule is an error: `npm run deps:check` fails on any hit.
// Paths are relative to the repo root. Type-only imports are caught unless a rule says otherwise
// (tsPreCompilationDeps keeps them in the graph).

/** Third-party packages by name, whether resolved into node_modules or still unresolved. */
const pkg = (names) => `(^|node_modules/)(@types/)?(${names})(/|$)`;
const REACT = pkg('react|react-dom');
const REACT_DOM = pkg('react-dom');
const ZUSTAND = pkg('zustand');
const D3 = pkg('d3|d3-[^/]+');
const MONACO = pkg('monaco-[^/]+|@monaco-editor/[^/]+');
const JS_YAML = pkg('js-yaml');

const SIM = '^src/sim/';
const SIM_INDEX = '^src/sim/index\\.ts$';
const TEST = '\\.(test|bench)\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // --- the sim: framework-free, a leaf of the graph -------------------------------------------
    {
      name: 'sim-no-frameworks',
      comment: 'sim/ is framework-free and runs in Node: no React, Zustand, d3, Monaco or js-yaml.',
      severity: 'error',
      from: { path: SIM },
      to: { path: [REACT, ZUSTAND, D3, MONACO, JS_YAML] },
    },
    {
      name: 'sim-no-clients',
      comment: 'sim/ is Kubernetes; everything else is its client. It never imports its clients.',
      severity: 'error',
      from: { path: SIM },
      to: { path: '^src/(kubectl|store|ui|viz|lesson-engine|cli)/|^src/(testApi|main)\\.tsx?$' },
    },
    {
      name: 'sim-no-self-barrel',
      comment: 'Inside the sim, import siblings by relative path, never through sim/index.ts.',
      severity: 'error',
      from: { path: SIM, pathNot: [SIM_INDEX, TEST] },
      to: { path: SIM_INDEX },
    },
    {
      name: 'sim-components-meet-through-the-api',
      comment:
        'controllers, scheduler, kubelet and proxy never import each other: they meet only through the API.',
      severity: 'error',
      from: { path: '^src/sim/(controllers|scheduler|kubelet|proxy)/' },
      to: {
        path: '^src/sim/(controllers|scheduler|kubelet|proxy)/',
        pathNot: '^src/sim/$1/',
      },
    },
    {
      name: 'sim-components-write-through-the-client',
      comment:
        'Only the API server writes: components use sim/client, not the object store, watch, admission or registry (types are fine).',
      severity: 'error',
      from: { path: '^src/sim/(controllers|scheduler|kubelet|proxy)/', pathNot: TEST },
      to: {
        path: '^src/sim/api/(objectStore|changeLog|watch|admission/|registry/)',
        dependencyTypesNot: ['type-only'],
      },
    },

    // --- clients of the sim: only through sim/index.ts ------------------------------------------
    {
      name: 'only-through-sim-index',
      comment:
        'Outside the sim, code imports the sim only through sim/index.ts (its public surface).',
      severity: 'error',
      from: { path: '^src/', pathNot: SIM },
      to: { path: SIM, pathNot: SIM_INDEX },
    },
    {
      name: 'kubectl-direction',
      comment:
        'kubectl/ may use sim/index.ts and js-yaml; never React, the DOM, the store, the UI or the viz.',
      severity: 'error',
      from: { path: '^src/kubectl/' },
      to: {
        path: [
          REACT,
          ZUSTAND,
          D3,
          MONACO,
          '^src/(store|ui|viz|lesson-engine|cli)/|^src/(testApi|main)\\.tsx?$',
        ],
      },
    },
    {
      name: 'lesson-engine-direction',
      comment:
        'lesson-engine/ may use sim/index.ts and kubectl/; never React, the DOM, the store, the UI or the viz.',
      severity: 'error',
      from: { path: '^src/lesson-engine/' },
      to: {
        path: [REACT, ZUSTAND, D3, MONACO, '^src/(store|ui|viz|cli)/|^src/(testApi|main)\\.tsx?$'],
      },
    },
    {
      name: 'store-direction',
      comment: 'store/ is the adapter under the UI: it never imports ui/, viz/ or d3.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: [D3, MONACO, REACT_DOM, '^src/(ui|viz|cli)/'] },
    },
    {
      name: 'ui-viz-no-sim-runtime',
      comment:
        'ui/ and viz/ read the sim only via the store; `import type` from sim/index.ts is fine.',
      severity: 'error',
      from: { path: '^src/(ui|viz)/' },
      to: { path: SIM, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-viz-no-kubectl-or-lessons-runtime',
      comment: 'ui/ and viz/ reach kubectl and lessons through store actions.',
      severity: 'error',
      from: { path: '^src/(ui|viz)/' },
      to: { path: '^src/(kubectl|lesson-engine|cli)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'viz-no-ui',
      comment: 'viz/ never imports ui/ (ui/ hosts the viz shells, not the other way round).',
      severity: 'error',
      from: { path: '^src/viz/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'ui-no-d3',
      comment: 'ui/ has no d3: drawing belongs in viz/.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: D3 },
    },
    {
      name: 'cli-no-browser',
      comment: 'cli/ is the headless Node entry: no React, DOM, UI or viz.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: [REACT, D3, MONACO, '^src/(ui|viz)/|^src/main\\.tsx$'] },
    },
    {
      name: 'e2e-only-test-api-types',
      comment:
        'e2e/ drives the app through the page; from src/ it may only `import type` src/testApi.ts.',
      severity: 'error',
      from: { path: '^e2e/' },
      to: { path: '^src/', pathNot: '^src/testApi\\.ts$' },
    },
    {
      name: 'e2e-test-api-type-only',
      comment: 'e2e/ may import src/testApi.ts for its types only.',
      severity: 'error',
      from: { path: '^e2e/' },
      to: { path: '^src/testApi\\.ts$', dependencyTypesNot: ['type-only'] },
    },

    // --- hygiene ---------------------------------------------------------------------------------
    {
      name: 'no-circular',
      comment:
        'No runtime import cycles in src/ (cycles made only of `import type` are tolerated).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import must resolve (a missing file or an uninstalled package).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'Import only packages declared in package.json, not transitive ones.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
