// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import noOnlyTests from 'eslint-plugin-no-only-tests';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts', '**/*.tsx'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.bench.ts', 'e2e/**/*.ts'];

// STYLE.md 9.3: the sim has no ambient time, randomness or DOM; both are injected.
const CLOCK = "Use the cluster's VirtualClock (the sim has no ambient time).";
const RANDOM = "Use the cluster's SeededRandom (the sim has no ambient randomness).";
const NO_DOM = 'The sim is framework-free and runs in Node: no DOM.';
const timeGlobals = [
  'Date',
  'performance',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'queueMicrotask',
];
const domGlobals = ['window', 'document', 'navigator', 'self'];
const globalObjects = ['globalThis', 'window', 'self', 'global'];

export default defineConfig(
  globalIgnores([
    'dist/',
    'node_modules/',
    'playwright-report/',
    'test-results/',
    'coverage/',
    'bin/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,

  // Plain JS tooling files (configs, .ci scripts) run in Node.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },

  // TypeScript, type-checked.
  {
    files: TS_FILES,
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Deleting keys of plain API objects (labels, annotations, fields) is routine here.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Typed accessors such as CycleState.read<T>() are intentional.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: false, allowNullish: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },

  // React: hooks everywhere React code lives; a11y on JSX.
  {
    files: ['**/*.tsx', 'src/store/**/*.ts', 'src/ui/**/*.ts', 'src/viz/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
    languageOptions: {
      ...jsxA11y.flatConfigs.recommended.languageOptions,
      globals: globals.browser,
    },
  },

  // The sim: no ambient time, randomness or DOM (STYLE.md 9.3).
  {
    files: ['src/sim/**/*.ts', 'src/sim/**/*.tsx'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...timeGlobals.map((name) => ({ name, message: CLOCK })),
        ...domGlobals.map((name) => ({ name, message: NO_DOM })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: RANDOM },
        { object: 'Date', property: 'now', message: CLOCK },
        { object: 'crypto', property: 'getRandomValues', message: RANDOM },
        { object: 'crypto', property: 'randomUUID', message: RANDOM },
        ...globalObjects.flatMap((object) => [
          ...timeGlobals.map((property) => ({ object, property, message: CLOCK })),
          { object, property: 'document', message: NO_DOM },
          { object, property: 'crypto', message: RANDOM },
        ]),
      ],
    },
  },

  // Tests.
  {
    files: TEST_FILES,
    plugins: { 'no-only-tests': noOnlyTests },
    rules: {
      'no-only-tests/no-only-tests': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
