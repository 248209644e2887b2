#!/usr/bin/env node
/**
 * `npm run bench`: benchmarks, not tests. Bundles tests/bench/run.ts (TypeScript, importing the
 * pure core straight from main/) with esbuild into .cache/bench/run.mjs and runs it; packages stay
 * external and resolve from node_modules. See tests/bench/run.ts for the parts and options, e.g.
 *
 *   node scripts/bench.mjs --only throughput
 *   node scripts/bench.mjs --only fps --app-url 'http://127.0.0.1:PORT/?token=...'
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleAndImport } from './bundle-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.cache', 'bench', 'run.mjs');

// The fuzz campaign's worker threads load their own entry (tests/bench/fuzz-worker.ts).
const { main } = await bundleAndImport(path.join(root, 'tests', 'bench', 'run.ts'), outfile, {
  alsoBundle: [path.join(root, 'tests', 'bench', 'fuzz-worker.ts')],
  sourcemap: 'inline',
});
try {
  await main({ root, argv: process.argv.slice(2) });
} catch (error) {
  for (let e = error; e; e = e instanceof Error ? e.cause : undefined)
    console.error(`${e === error ? '' : 'caused by: '}${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
}
