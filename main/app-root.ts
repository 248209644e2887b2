/**
 * Where the running app lives: the folder of k8s-synth's package.json, found by walking up from
 * this file. The same code runs as TypeScript source (tests), as bundles in dist/main and
 * dist/app, and inside an Electron asar; each finds its root this way, and from it the built
 * renderer, the preload bundle and the version.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'k8s-synth';

let cached: { root: string; version: string } | undefined;

/** The app's root folder (holding package.json and dist/). */
export function appRoot(): string {
  return find().root;
}

/** The version in k8s-synth's package.json. */
export function appVersion(): string {
  return find().version;
}

/** The built renderer (vite's output). */
export function rendererDir(): string {
  return path.join(appRoot(), 'dist', 'renderer');
}

/** The bundled, sandbox-ready preload script. */
export function preloadPath(): string {
  return path.join(appRoot(), 'dist', 'preload', 'preload.cjs');
}

function find(): { root: string; version: string } {
  if (cached) return cached;
  const start = hereDir();
  for (let dir = start; ;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return (cached = { root: dir, version: pkg.version });
      } catch {
        // Not ours or unreadable: keep walking up.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`k8s-synth's package.json was not found above ${start}.`);
    dir = parent;
  }
}

/** This file's folder, in a CommonJS bundle (__dirname) as in ESM (import.meta.url). */
function hereDir(): string {
  if (typeof __dirname === 'string') return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}
