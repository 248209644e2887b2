/**
 * Bundles a TypeScript entry for Node with esbuild (packages stay external and resolve from
 * node_modules) and imports it: how the bench and the control-plane command run their code.
 */
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function bundleAndImport(entry, outfile, options = {}) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    ...options,
  });
  return import(pathToFileURL(outfile).href);
}
