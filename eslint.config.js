// @ts-check
/**
 * ESLint flat config. Besides the recommended JS/TypeScript/React-hooks rules it keeps the
 * process boundaries (README.md, "Architecture") as lint errors:
 *
 *   zone                          'electron'  Node built-ins / Node I/O pkgs  React  reaches (relative imports)
 *   pure (main/patch, synth,        no          no                              no     pure folders, main/time's
 *     sim/core, history/core,                                                          Clock and TimerPort, resources/
 *     session, hardware/codec,
 *     hardware/mirror)
 *   main/app/                       yes         yes                             no     main/, preload/, resources/
 *   other main/ (server, files...)  no          yes                             no     main/ except app/, preload/, resources/
 *   preload/preload.ts              yes         events/timers/url only          no     preload/, pure folders
 *   other preload/                  no          no                              no     preload/ except preload.ts, pure folders
 *   renderer/                       no          no                              yes    renderer/, main/patch, main/synth,
 *                                                                                       the pure helpers listed below,
 *                                                                                       preload/ except preload.ts, resources/
 *
 * Pure folders also see no DOM or Node globals (window, document, process, require...).
 * Package names are checked by core `no-restricted-imports`; relative paths are resolved by the
 * local rule in tools/eslint/import-boundaries.js (the import text alone cannot say which folder
 * `../session/session` lands in). Each file belongs to exactly one zone: ESLint replaces, not
 * merges, a rule's options when two config objects match, so zones exclude each other with
 * `ignores`. Tests (`*.test.ts` beside their module, tests/, scripts/, tools/) are outside the
 * zones: they may read fixtures with node:fs; only 'electron' stays with main/app/.
 * tests/integration/lint-boundaries.test.ts proves each boundary bites.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import local from './tools/eslint/import-boundaries.js';

const root = import.meta.dirname;
const CODE = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const TESTS = ['**/*.test.{ts,tsx}', '**/*.bench.{ts,tsx}'];

/** Pure code: runs in main, a worker, a CLI, a test or the renderer. */
const PURE = [
  'main/patch/',
  'main/synth/',
  'main/sim/core/',
  'main/history/core/',
  'main/session/',
  'main/hardware/codec/',
  'main/hardware/mirror/',
  'main/cluster/types',
  'main/cluster/follow/types',
  'main/cluster/eno/types',
  'main/cluster/live/live-types',
];
/**
 * Pure code the renderer may import: the patch core and YAML mapping, and the few pure helpers
 * whose wording or rule must be main's (the contract itself carries types and schemas only).
 */
const RENDERER_MAY_IMPORT_FROM_MAIN = [
  'main/patch/',
  'main/synth/',
  // Which case and slot a module id names; a physical jack's and module's label.
  'main/hardware/mirror/module-map.ts',
  'main/hardware/mirror/physical.ts',
  // The deck with nothing loaded (the state the History tab starts from).
  'main/history/core/deck-state.ts',
  // The simulator's speed limits and fault kinds.
  'main/sim/core/types.ts',
  // The debounce with a longest wait (the version list's refresh) and the timers it runs on.
  'main/time/debounce.ts',
  'main/time/timers.ts',
  'main/time/clock.ts',
];

const under = (/** @type {string[]} */ dirs) => dirs.map((dir) => `${dir}**/${CODE.slice(3)}`);
const escape = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = (/** @type {string[]} */ names) => `^(?:${names.map(escape).join('|')})(?:/.*)?$`;

const builtins = builtinModules.filter((name) => !name.startsWith('_'));
/** Packages that do Node I/O: as bad as `fs` in pure code, the renderer or a sandboxed preload. */
const NODE_IO_PACKAGES = [
  'ws',
  'write-file-atomic',
  'better-sqlite3',
  'serialport',
  '@serialport/[^/]+',
  '@kubernetes/client-node',
  'node-pty',
];
const UI_PACKAGES = ['react', 'react-dom', 'react/jsx-runtime', '@xyflow/react', '@xyflow/system', 'zustand'];

const restrict = {
  electron: (/** @type {string} */ why) => ({ regex: '^electron(?:/.*)?$', message: why }),
  nodeBuiltins: (/** @type {string} */ why, /** @type {string[]} */ except = []) => ({
    regex: `^(?:node:)?(?:${builtins
      .filter((b) => !except.includes(b))
      .map(escape)
      .join('|')})(?:/.*)?$`,
    message: why,
  }),
  nodePrefix: (/** @type {string} */ why) => ({ regex: '^node:', message: why }),
  nodeIo: (/** @type {string} */ why) => ({ regex: `^(?:${NODE_IO_PACKAGES.join('|')})(?:/.*)?$`, message: why }),
  ui: (/** @type {string} */ why) => ({ regex: anyOf(UI_PACKAGES), message: why }),
};

const WHY = {
  electronOnlyInApp: "Only main/app/ and preload/preload.ts import 'electron'; hand main/app a plain interface instead.",
  pureNoNode: 'Pure code does no Node I/O: take the data or an injected port as a parameter.',
  pureNoUi: 'Pure code is framework-free: React and its stores live in renderer/.',
  mainNoUi: 'The main process renders nothing: React lives in renderer/.',
  rendererNoNode: 'The renderer is a browser page with no Node: ask main through window.rack (preload/contract/).',
  preloadNoNode: 'preload/ is loaded into the renderer; only preload.ts runs in the (sandboxed) preload.',
  sandboxedPreload: 'A sandboxed preload can require only electron, events, timers and url.',
};

/** Node globals that do not exist in a browser page. */
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate'];
/** Browser globals that do not exist in the main process. */
const DOM_GLOBALS = [
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'requestAnimationFrame',
  'HTMLElement',
  'Element',
];
const restrictedGlobals = (/** @type {string[]} */ names, /** @type {string} */ why) =>
  names.map((name) => ({ name, message: why }));

/**
 * One boundary zone: a single config object setting every boundary rule for its files.
 * @param {{ name: string; files: string[]; ignores?: string[]; patterns: object[]; reach: object; rules?: object }} zone
 */
const zone = ({ name, files, ignores = [], patterns, reach, rules = {} }) => ({
  name: `k8s-synth/boundaries/${name}`,
  files,
  ignores: [...ignores, ...TESTS],
  rules: {
    'no-restricted-imports': ['error', { patterns }],
    'local/import-boundaries': ['error', { root, zone: name, ...reach }],
    ...rules,
  },
});

export default defineConfig([
  globalIgnores([
    'dist/',
    'out/',
    'release/',
    'test-results/',
    'coverage/',
    '.cache/',
    'native-audio/build/',
    'resources/**/*.svg',
    '**/*.k8spatch',
  ]),

  { name: 'k8s-synth/files', files: [CODE] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'k8s-synth/language',
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { local },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  { name: 'k8s-synth/commonjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  {
    name: 'k8s-synth/browser',
    files: ['renderer/**', 'tests/bench/bare-flow/**'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },

  // --- Boundaries (see the table at the top) ---
  zone({
    name: 'pure',
    files: under(PURE),
    patterns: [
      restrict.electron(WHY.electronOnlyInApp),
      restrict.nodePrefix(WHY.pureNoNode),
      restrict.nodeBuiltins(WHY.pureNoNode),
      restrict.nodeIo(WHY.pureNoNode),
      restrict.ui(WHY.pureNoUi),
    ],
    reach: {
      allow: [...PURE, 'main/time/clock.ts', 'main/time/timers.ts', 'resources/'],
      hint: 'Pure code imports only pure code; pass anything else in as a parameter.',
    },
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictedGlobals(DOM_GLOBALS, 'Pure code runs without a DOM: take what you need as a parameter.'),
        ...restrictedGlobals(NODE_GLOBALS, 'Pure code runs without Node (also in the renderer): take it as a parameter.'),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.type='Literal'][source.value=/^[^.]/]",
          message: 'Pure code loads no packages at run time: import statically, or inject the dependency.',
        },
      ],
    },
  }),
  {
    // Determinism: replays and tests repeat exactly only when pure code reads the injectable clock and a seeded RNG.
    name: 'k8s-synth/pure-determinism',
    files: under(PURE),
    ignores: ['main/time/clock.ts', ...TESTS],
    rules: {
      'no-restricted-properties': [
        'warn',
        { object: 'Date', property: 'now', message: 'Read time from the injected Clock (main/time/clock.ts).' },
        { object: 'Math', property: 'random', message: 'Use a seeded random source so replays repeat.' },
      ],
    },
  },
  zone({
    name: 'main/app',
    files: under(['main/app/']),
    patterns: [restrict.ui(WHY.mainNoUi)],
    reach: { allow: ['main/', 'preload/', 'resources/'] },
  }),
  zone({
    name: 'main',
    files: under(['main/']),
    ignores: [...under(PURE), ...under(['main/app/'])],
    patterns: [restrict.electron(WHY.electronOnlyInApp), restrict.ui(WHY.mainNoUi)],
    reach: {
      allow: ['main/', 'preload/', 'resources/'],
      deny: ['main/app/'],
      hint: "main/app/ is the Electron binding: it imports services, not the other way round (web mode has no 'electron').",
    },
  }),
  zone({
    name: 'preload/preload.ts',
    files: ['preload/preload.ts'],
    patterns: [
      restrict.nodeBuiltins(WHY.sandboxedPreload, ['events', 'timers', 'url']),
      restrict.nodeIo(WHY.sandboxedPreload),
      restrict.ui(WHY.preloadNoNode),
    ],
    reach: { allow: ['preload/', ...PURE] },
  }),
  zone({
    name: 'preload',
    files: under(['preload/']),
    ignores: ['preload/preload.ts'],
    patterns: [
      restrict.electron(WHY.electronOnlyInApp),
      restrict.nodePrefix(WHY.preloadNoNode),
      restrict.nodeBuiltins(WHY.preloadNoNode),
      restrict.nodeIo(WHY.preloadNoNode),
      restrict.ui(WHY.preloadNoNode),
    ],
    reach: {
      allow: ['preload/', ...PURE],
      deny: ['preload/preload'],
      hint: 'The contract side of preload/ is shared with the renderer, so it imports only pure code.',
    },
    rules: { 'no-restricted-globals': ['error', ...restrictedGlobals(NODE_GLOBALS, WHY.preloadNoNode)] },
  }),
  zone({
    name: 'renderer',
    files: under(['renderer/']),
    patterns: [
      restrict.electron(WHY.electronOnlyInApp),
      restrict.nodePrefix(WHY.rendererNoNode),
      restrict.nodeBuiltins(WHY.rendererNoNode),
      restrict.nodeIo(WHY.rendererNoNode),
    ],
    reach: {
      allow: ['renderer/', ...RENDERER_MAY_IMPORT_FROM_MAIN, 'preload/', 'resources/'],
      deny: ['preload/preload'],
      hint: 'Reach the Session and services through window.rack; shared types come through preload/contract/.',
    },
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictedGlobals(NODE_GLOBALS, `${WHY.rendererNoNode} (Build-time values: import.meta.env.)`),
      ],
    },
  }),
  {
    // Tests beside their module may use Node (fixtures), but 'electron' stays in main/app/.
    name: 'k8s-synth/boundaries/colocated-tests',
    files: TESTS.map((glob) => `{main,preload,renderer}/${glob}`),
    ignores: ['main/app/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [restrict.electron(WHY.electronOnlyInApp)] }] },
  },
]);
