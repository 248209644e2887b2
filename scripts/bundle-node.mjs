/**
 * Bundles a TypeScript entry for Node with esbuild (packages stay external and resolve from
 * node_modules) and imports it: how the bench and the control-plane command run their code.
 * `alsoBundle` entries are written beside it (as NAME.mjs), for worker threads that load their own.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function bundleAndImport(entry, outfile, { alsoBundle = [], ...options } = {}) {
  const output =
    alsoBundle.length === 0
      ? { entryPoints: [entry], outfile }
      : { entryPoints: [entry, ...alsoBundle], outdir: path.dirname(outfile), outExtension: { '.js': '.mjs' } };
  await build({
    ...output,
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
