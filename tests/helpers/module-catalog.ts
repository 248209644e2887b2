/** The real module catalog (resources/modules/*.json) and examples, read synchronously for unit tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog, type Catalog } from '../../main/patch/catalog';
import { parsePatchFile } from '../../main/patch/file';
import type { Patch } from '../../main/patch/model';

const ROOT = join(import.meta.dirname, '..', '..');

export function moduleCatalog(): Catalog {
  const dir = join(ROOT, 'resources', 'modules');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown, panelSvg: '<svg/>' }));
  const { catalog, errors } = parseCatalog(files);
  if (errors.length) throw new Error(errors.join('\n'));
  return catalog;
}

/** An example patch from resources/examples. */
export function examplePatch(name: string, catalog: Catalog = moduleCatalog()): Patch {
  const result = parsePatchFile(readFileSync(join(ROOT, 'resources', 'examples', `${name}.k8spatch`), 'utf8'), catalog);
  if (!result.ok) throw new Error(result.error);
  return result.document.patch;
}
