#!/usr/bin/env node
/**
 * `npm run rebuild:electron`: rebuilds better-sqlite3 for the installed Electron's ABI, so that
 * `npm start` (a real Electron runtime) has the patch history. better-sqlite3 is not N-API: the
 * binary `npm install` built for Node does not load in Electron, and the app then runs without
 * history and says so. (serialport's binding is N-API and loads in both.)
 *
 * It runs @electron/rebuild (already installed with electron-builder), which needs the network
 * once: it downloads a prebuilt binary from better-sqlite3's GitHub releases or Electron's
 * headers from electronjs.org to compile against (set ELECTRON_REBUILD_DIST_URL for a mirror).
 * The Electron npm package carries no headers, so there is no offline way.
 *
 * One node_modules holds one build: afterwards the tests and benchmarks (plain Node) need the Node
 * build back, `npm rebuild better-sqlite3`. Packaging (electron-builder) rebuilds on its own.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const electron = require('electron/package.json').version;
// The package exports only lib/main.js; its CLI sits beside it.
const cli = path.join(path.dirname(require.resolve('@electron/rebuild')), 'cli.js');
// An npmrc `nodedir` (set on some machines for Node's own headers) would make node-gyp compile
// against Node's headers instead of Electron's and produce a binary Electron still refuses.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'));

// node-gyp's rebuild starts by deleting the build folder: keep the working (Node) binary to put
// back if the rebuild fails, so a failure offline leaves the tests as they were.
const binary = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const kept = existsSync(binary)
  ? path.join(mkdtempSync(path.join(tmpdir(), 'k8s-synth-sqlite-')), 'better_sqlite3.node')
  : undefined;
if (kept) copyFileSync(binary, kept);

console.log(`Rebuilding better-sqlite3 for Electron ${electron} …`);
const run = spawnSync(
  process.execPath,
  [cli, '--version', electron, '--force', '--only', 'better-sqlite3', '--module-dir', root],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
if (run.status !== 0) {
  if (kept) {
    mkdirSync(path.dirname(binary), { recursive: true });
    copyFileSync(kept, binary);
  }
  console.error(
    [
      '',
      `better-sqlite3 could not be rebuilt for Electron ${electron}.`,
      'This needs the network once: a prebuilt binary from github.com/WiseLibs/better-sqlite3/releases, or',
      `Electron's headers from https://www.electronjs.org/headers/v${electron}/ (a mirror: ELECTRON_REBUILD_DIST_URL),`,
      'and a C++ toolchain (python3, make, g++) to compile against them.',
      'Nothing else changed: `npm test` keeps working; `npm start` runs without the patch history until this succeeds.',
    ].join('\n'),
  );
  process.exit(1);
}
console.log(
  [
    '',
    `better-sqlite3 now loads in Electron ${electron}: \`npm start\` has the patch history.`,
    'It no longer loads in plain Node: before `npm test` or `npm run bench`, run `npm rebuild better-sqlite3`.',
  ].join('\n'),
);
