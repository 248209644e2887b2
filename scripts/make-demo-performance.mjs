// Writes resources/examples/hello-web.k8sperf from main/audio/demo-performance.ts with the app's
// own catalog loader, patch parser and performance serializer (bundled on the fly by esbuild).
//   node scripts/make-demo-performance.mjs
import { build } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `
import { readFile, writeFile } from 'node:fs/promises';
import { loadCatalog } from './main/catalog/load-catalog';
import { parsePatchFile } from './main/patch/file';
import { demoPerformanceFile } from './main/audio/demo-performance';
const resources = ${JSON.stringify(path.join(root, 'resources'))};
const { catalog, errors } = await loadCatalog(resources);
if (errors.length) throw new Error(errors.join('\\n'));
const hello = parsePatchFile(await readFile(resources + '/examples/hello-web.k8spatch', 'utf8'), catalog);
if (!hello.ok) throw new Error(hello.error);
await writeFile(resources + '/examples/hello-web.k8sperf', demoPerformanceFile(hello.document.patch, catalog));
console.log('wrote resources/examples/hello-web.k8sperf');
`;
// Inside the repository, so the bundle finds node_modules.
const dir = path.join(root, 'node_modules', '.cache', 'k8s-synth-demo-performance');
await mkdir(dir, { recursive: true });
const out = path.join(dir, 'make.mjs');
try {
  await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: out,
    logLevel: 'warning',
  });
  await import(pathToFileURL(out).href);
} finally {
  await rm(dir, { recursive: true, force: true });
}
