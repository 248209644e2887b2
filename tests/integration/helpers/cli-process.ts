/**
 * Runs the real `k8s-synth` command (bin/k8s-synth.mjs → dist/main/cli.js) as a child process,
 * builds dist/main when it is missing or older than the sources, and waits for the ready line
 * (tests/helpers/serve-process.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startServe as serve, type ServeProcess } from '../../helpers/serve-process';

export type { ServeProcess };
export const REPO = REPO_ROOT;
const CLI_BUNDLE = path.join(REPO, 'dist', 'main', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/main/cli.js (and the other main bundles) unless it is newer than every source. */
export function ensureBuilt(): void {
  const sources = Math.max(newestSource(path.join(REPO, 'main')), newestSource(path.join(REPO, 'preload')));
  if (existsSync(CLI_BUNDLE) && statSync(CLI_BUNDLE).mtimeMs > sources) return;
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build-main.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
}

/** Starts `k8s-synth serve ARGS` and resolves once it printed its ready line. */
export const startServe = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> => serve(args, { env });
