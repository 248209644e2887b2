/**
 * Node I/O shell around the pure catalog (main/patch/catalog.ts): reads every
 * resources/modules/<type>.json and the faceplate SVG it names, and hands them to parseCatalog.
 * Also finds the resources/ folder from wherever the running file sits (TypeScript source under
 * vitest, a bundle in dist/main/ or dist/app/, or an Electron package).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCatalog, type Catalog } from '../patch/catalog';

/** Environment variable that points at a resources/ folder, overriding the search. */
export const RESOURCES_ENV = 'K8S_SYNTH_RESOURCES';

export interface LoadedCatalog {
  catalog: Catalog;
  /** One line per problem, each starting with the file (relative to resources/) and the field. */
  errors: string[];
}

/**
 * Loads every module definition under `<resourcesDir>/modules`. A definition that is not JSON,
 * fails the schema, is named differently from its type, or whose panel is missing or is not a
 * self-contained SVG is left out of the catalog and reported; the others still load.
 */
export async function loadCatalog(resourcesDir: string): Promise<LoadedCatalog> {
  const modulesDir = path.join(resourcesDir, 'modules');
  let names: string[];
  try {
    names = (await readdir(modulesDir)).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    return { catalog: parseCatalog([]).catalog, errors: [`modules/: cannot read ${modulesDir} (${reason(e)})`] };
  }
  const errors: string[] = [];
  const files: { name: string; json: unknown; panelSvg: string }[] = [];
  for (const name of names) {
    const file = `modules/${name}`;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.join(modulesDir, name), 'utf8'));
    } catch (e) {
      errors.push(`${file}: (root): not readable JSON (${reason(e)})`);
      continue;
    }
    const def = (json ?? {}) as { type?: unknown; panel?: unknown };
    const type = path.basename(name, '.json');
    if (typeof def.type === 'string' && def.type !== type) {
      errors.push(`${file}: type: "${def.type}" does not match the file name (expected "${type}")`);
      continue;
    }
    // A malformed `panel` field is left to the schema, which names it; only a well-formed one is read.
    let panelSvg = '';
    if (typeof def.panel === 'string' && /^[a-z0-9-]+\.svg$/.test(def.panel)) {
      const panelFile = `panels/${def.panel}`;
      try {
        panelSvg = await readFile(path.join(resourcesDir, panelFile), 'utf8');
      } catch (e) {
        const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
        errors.push(`${file}: panel: ${panelFile} ${missing ? 'is missing' : `cannot be read (${reason(e)})`}`);
        continue;
      }
      const problem = panelProblem(panelSvg);
      if (problem) {
        errors.push(`${file}: panel: ${panelFile} ${problem}`);
        continue;
      }
    }
    files.push({ name: file, json, panelSvg });
  }
  const parsed = parseCatalog(files);
  return { catalog: parsed.catalog, errors: [...errors, ...parsed.errors] };
}

/**
 * Why a faceplate cannot be used, or undefined. The renderer inlines panels into the page, so a
 * panel must be an SVG document and self-contained: no scripts, no event handlers, no links out.
 */
export function panelProblem(svg: string): string | undefined {
  const body = svg
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '')
    .trim();
  if (!/^<svg[\s>]/.test(body) || !/<\/svg>\s*$/.test(body)) return 'is not an SVG document (expected an <svg> root element)';
  if (/<script[\s>]/i.test(body) || /<foreignObject[\s>]/i.test(body)) return 'contains a script or foreignObject';
  if (/\son[a-z]+\s*=/i.test(body)) return 'contains an event handler attribute';
  const external = /(?:xlink:)?href\s*=\s*["']\s*(?!#)([^"']*)["']/i.exec(body) ?? /url\(\s*["']?\s*(?!#)([^)"']+)/i.exec(body);
  if (external) return `refers to an external resource (${external[1]}); panels must be self-contained`;
  return undefined;
}

/**
 * The resources/ folder: $K8S_SYNTH_RESOURCES when set, else the nearest folder holding
 * resources/modules found walking up from `start` (default: this file's folder, which is
 * main/catalog/ under vitest and dist/main/ or dist/app/ in a bundle), else the resources of a
 * packaged Electron app. Throws when there is none.
 */
export function resourcesDir(start: string = hereDir()): string {
  const override = process.env[RESOURCES_ENV];
  if (override) return path.resolve(override);
  for (let dir = path.resolve(start); ;) {
    const candidate = path.join(dir, 'resources');
    if (existsSync(path.join(candidate, 'modules'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // electron-builder's extraResources land in process.resourcesPath (set by Electron only).
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(path.join(packaged, 'resources', 'modules'))) return path.join(packaged, 'resources');
  throw new Error(`No resources/modules folder above ${start}; set ${RESOURCES_ENV} to the resources folder.`);
}

/** This file's folder, in a CommonJS bundle (__dirname) as in ESM (import.meta.url). */
function hereDir(): string {
  if (typeof __dirname === 'string') return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}

function reason(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  return error?.code ?? (e instanceof Error ? e.message : String(e));
}
