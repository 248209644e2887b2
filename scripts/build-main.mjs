// Builds the Node-side bundles with esbuild (the renderer is vite's job):
//   dist/main/cli.js             the k8s-synth command (main/cli/main.ts), ESM; npm packages stay external (node_modules)
//   dist/app/electron-main.cjs   Electron's main process, CJS; electron and npm packages external
//   dist/preload/preload.cjs     the preload, CJS, one self-contained file: a sandboxed preload
//                                can require only 'electron' (and a few built-ins), not its own files
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all(
  ['dist/main', 'dist/app', 'dist/preload'].map((dir) =>
    rm(new URL(`../${dir}`, import.meta.url), { recursive: true, force: true }),
  ),
);

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/cli/main.ts'],
    outfile: 'dist/main/cli.js',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['main/app/electron-main.ts'],
    outfile: 'dist/app/electron-main.cjs',
    format: 'cjs',
    packages: 'external',
    external: ['electron'],
    // app-root.ts and load-catalog.ts use __dirname in CJS; their import.meta branch is never taken.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  build({
    ...common,
    entryPoints: ['preload/preload.ts'],
    outfile: 'dist/preload/preload.cjs',
    format: 'cjs',
    // Electron 39's preload runs on Chromium's V8; node20 syntax is well within it.
    external: ['electron'],
  }),
]);
process.stdout.write('built dist/main/cli.js, dist/app/electron-main.cjs, dist/preload/preload.cjs\n');
