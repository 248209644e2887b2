/** The shipped example patches (resources/examples) load cleanly and survive a save. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../patch/catalog';
import { IdSchema } from '../patch/model';
import { parsePatchFile, PATCH_FILE_EXTENSION, serializePatch, type PatchDocument } from '../patch/file';
import { loadCatalog, resourcesDir } from './load-catalog';

const EXAMPLES = path.join(resourcesDir(), 'examples');

interface IndexEntry {
  name: string;
  title: string;
  description: string;
}

let catalog: Catalog;
let index: IndexEntry[];

beforeAll(async () => {
  const loaded = await loadCatalog(resourcesDir());
  expect(loaded.errors).toEqual([]);
  catalog = loaded.catalog;
  index = JSON.parse(await readFile(path.join(EXAMPLES, 'index.json'), 'utf8')) as IndexEntry[];
});

function load(text: string): PatchDocument {
  const result = parsePatchFile(text, catalog);
  if (!result.ok) throw new Error(result.error);
  expect(result.warnings).toEqual([]);
  return result.document;
}

describe('examples', () => {
  it('index.json lists every example file exactly once, each with a title and a description', async () => {
    const files = (await readdir(EXAMPLES)).filter((f) => f.endsWith(PATCH_FILE_EXTENSION)).sort();
    expect(index.map((e) => `${e.name}${PATCH_FILE_EXTENSION}`).sort()).toEqual(files);
    for (const entry of index) {
      expect(IdSchema.safeParse(entry.name).success).toBe(true);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(0);
    }
  });

  it('every example loads with zero warnings and round-trips through serializePatch', async () => {
    expect(index.length).toBeGreaterThanOrEqual(2);
    for (const { name } of index) {
      const document = load(await readFile(path.join(EXAMPLES, `${name}${PATCH_FILE_EXTENSION}`), 'utf8'));
      expect(document.unloaded, name).toEqual({ modules: [], cables: [] });
      expect(load(serializePatch(document)), name).toEqual(document);
    }
  });

  it('hello-web is the patch the catalog README describes', async () => {
    const { patch } = load(await readFile(path.join(EXAMPLES, `hello-web${PATCH_FILE_EXTENSION}`), 'utf8'));
    const wires = patch.cables.map((c) => `${c.from.module}.${c.from.jack} > ${c.to.module}.${c.to.jack}`);
    expect(wires).toEqual([
      'ingress.route-1 > svc.req',
      'deploy.claim-1 > pod-1.life',
      'deploy.claim-2 > pod-2.life',
      'deploy.claim-3 > pod-3.life',
      'pod-1.ready > deploy.ready-1',
      'pod-2.ready > deploy.ready-2',
      'pod-3.ready > deploy.ready-3',
      'pod-1.ready > svc.select',
      'pod-2.ready > svc.select',
      'pod-3.ready > svc.select',
      'svc.ep-1 > pod-1.req',
      'svc.ep-2 > pod-2.req',
      'svc.ep-3 > pod-3.req',
      'pod-1.load > node-a.load',
      'pod-2.load > node-a.load',
      'pod-3.load > node-b.load',
      'ctrl.tick > deploy.reconcile',
      'ctrl.act > etcd.write',
      'etcd.watch > ctrl.watch',
    ]);
    expect(patch.rack).toEqual({ rows: 2, hp: 84 });
    expect(patch.modules.find((m) => m.id === 'deploy')?.params).toEqual({ replicas: 3 });
    expect(new Set(patch.cables.map((c) => c.color)).size).toBeGreaterThan(3);
  });
});
