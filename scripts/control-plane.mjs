#!/usr/bin/env node
/**
 * A real Kubernetes control plane for tests and for trying the Cluster tab: builds it from the Go
 * module proxy (cached under ~/.cache/k8s-synth), starts and stops it on 127.0.0.1. Bundles
 * tests/helpers/control-plane/cli.ts with esbuild and runs it; see that file for the commands.
 *
 *   node scripts/control-plane.mjs build
 *   node scripts/control-plane.mjs start [--dir .cache/control-plane] [--port 6443]
 *   node scripts/control-plane.mjs stop [--dir .cache/control-plane]
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleAndImport } from './bundle-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.cache', 'control-plane-cli', 'cli.mjs');

const { main } = await bundleAndImport(path.join(root, 'tests', 'helpers', 'control-plane', 'cli.ts'), outfile, {
  // import.meta.url must point into the repo so paths.ts finds tools/control-plane.
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(root, 'tests/helpers/control-plane/paths.ts')).href) },
});
try {
  await main({ root, argv: process.argv.slice(2) });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
