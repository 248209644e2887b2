/**
 * Fixtures for simulator tests: the real module catalog (the simulator's rules are about the
 * real Pod, Node, Deployment... jacks), the shipped examples, and a terse patch builder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resourcesDir } from '../../main/catalog/load-catalog';
import { parseCatalog, type Catalog } from '../../main/patch/catalog';
import { parsePatchFile } from '../../main/patch/file';
import type { Patch } from '../../main/patch/model';

let cached: Catalog | undefined;

/** The catalog of resources/modules, read once per test file. */
export function simCatalog(): Catalog {
  if (cached) return cached;
  const dir = resourcesDir();
  const files = readdirSync(path.join(dir, 'modules'))
    .filter((n) => n.endsWith('.json'))
    .map((name) => {
      const json = JSON.parse(readFileSync(path.join(dir, 'modules', name), 'utf8')) as { panel: string };
      return { name, json, panelSvg: readFileSync(path.join(dir, 'panels', json.panel), 'utf8') };
    });
  const { catalog, errors } = parseCatalog(files);
  if (errors.length) throw new Error(errors.join('\n'));
  return (cached = catalog);
}

/** A shipped example patch (resources/examples/<name>.k8spatch). */
export function examplePatch(name: string): Patch {
  const text = readFileSync(path.join(resourcesDir(), 'examples', `${name}.k8spatch`), 'utf8');
  const loaded = parsePatchFile(text, simCatalog());
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.document.patch;
}

/**
 * Builds a patch: modules as `id: type` with optional params/data, cables as
 * `'mod.jack -> mod.jack'`. Positions are irrelevant to the simulator; each module gets a row.
 */
export function buildPatch(
  modules: Record<string, { type: string; params?: Record<string, number>; data?: Record<string, unknown> }>,
  cables: string[] = [],
): Patch {
  const catalog = simCatalog();
  return {
    rack: { rows: 16, hp: 208 },
    modules: Object.entries(modules).map(([id, m], i) => ({
      id,
      type: m.type,
      row: i % 16,
      hp: 0,
      params: { ...catalog.defaultParams(m.type), ...m.params },
      data: (m.data ?? {}) as Patch['modules'][number]['data'],
    })),
    cables: cables.map((text, i) => {
      const [from, to] = text.split('->').map((s) => s.trim());
      const [fm, fj] = from!.split('.');
      const [tm, tj] = to!.split('.');
      return { id: `c${i}`, from: { module: fm!, jack: fj! }, to: { module: tm!, jack: tj! }, color: '#f3374b' };
    }),
  };
}
