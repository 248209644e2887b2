#!/usr/bin/env node
// The k8s-synth command: runs the built CLI (dist/main/cli.js, made by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cliUrl = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cliUrl))) {
  process.stderr.write('k8s-synth is not built yet: run `npm run build`\n');
  process.exit(1);
}
const { runCli } = await import(cliUrl.href);
try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  // A failed start (a port in use, an unwritable data dir): say why and exit, whatever handle
  // (a timer, a worker) is still open.
  process.stderr.write(`k8s-synth: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
