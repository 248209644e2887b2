/**
 * Objects of kinds the mapping does not model pass through the rack: an import keeps them in
 * Object modules, export writes them back byte for byte, and YAML edits add, change and remove them.
 */
import { describe, expect, it } from 'vitest';
import { examplePatch, moduleCatalog } from '../../tests/helpers/module-catalog';
import { applyOp } from '../patch/apply';
import type { Patch } from '../patch/model';
import type { Op } from '../patch/ops';
import { yamlToOps } from './edit-ops';
import { importManifests } from './import-manifests';
import { objectId, objectKey, objectModuleId, patchObjects } from './objects';
import { summarizeChange } from './summary';
import { patchToYaml } from './synth';

const catalog = moduleCatalog();
const hello = examplePatch('hello-web', catalog);
const helloYaml = patchToYaml(hello).text;

/** Written as the yaml package writes it (our export), so the round trip can be byte for byte. */
const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  MODE: prod
  nginx.conf: |
    server { listen 80; }
`;
const WIDGET = `apiVersion: example.com/v1alpha1
kind: Widget
metadata:
  name: dial
  annotations:
    example.com/owner: team-a
spec:
  size: 3
  colours:
    - red
    - green
  enabled: true
`;
const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: api-token
type: Opaque
data:
  token: c2VjcmV0LXZhbHVl
`;

function edit(patch: Patch, text: string): { op: Op | undefined; patch: Patch } {
  const result = yamlToOps(patch, catalog, text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  if (!result.op) return { op: undefined, patch };
  const applied = applyOp(patch, result.op, catalog);
  if (!applied.ok) throw new Error(applied.error.message);
  return { op: result.op, patch: applied.patch };
}
const flat = (op: Op | undefined): Op[] => (!op ? [] : op.type === 'batch' ? op.ops.flatMap(flat) : [op]);
const objectsOf = (p: Patch) => p.modules.filter((m) => m.type === 'object');

describe('object identity', () => {
  it('names an object by apiVersion, kind, namespace and name, and refuses modelled kinds', () => {
    const id = objectId({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'shop' } });
    expect(id).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'a' });
    expect(objectKey(id!)).toBe('v1/ConfigMap/shop/a');
    expect(objectModuleId({ apiVersion: 'acme.io/v1', kind: 'Widget', name: 'big.dial' })).toBe('widget-big-dial');
    expect(objectId({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } })).toBeUndefined();
    expect(objectId({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toBeUndefined();
    expect(objectId({ kind: 'ConfigMap', metadata: { name: 'a' } })).toBeUndefined();
  });

  it('leaves out an empty Object, one holding a modelled kind, and a second with the same key', () => {
    const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };
    const patch: Patch = {
      ...hello,
      modules: [
        ...hello.modules,
        { id: 'o1', type: 'object', row: 1, hp: 60, params: {}, data: {} },
        { id: 'o2', type: 'object', row: 1, hp: 64, params: {}, data: { manifest } },
        { id: 'o3', type: 'object', row: 1, hp: 68, params: {}, data: { manifest } },
        {
          id: 'o4',
          type: 'object',
          row: 1,
          hp: 72,
          params: {},
          data: { manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } },
        },
      ],
    };
    expect(patchObjects(patch)).toEqual([{ module: 'o2', manifest }]);
    // What the YAML cannot show, reading it back leaves alone.
    expect(yamlToOps(patch, catalog, patchToYaml(patch).text)).toEqual({ ok: true, op: undefined });
  });
});

describe('importing a multi-document file with a ConfigMap and a custom resource', () => {
  const file = [helloYaml, CONFIG_MAP, WIDGET].join('---\n');

  it('racks them as Object modules in a row of their own and exports the file byte for byte', () => {
    const result = importManifests([['app.yaml', file]], catalog);
    if (!result.ok) throw new Error(result.error);
    expect(result.warnings).toEqual([]);
    const objects = objectsOf(result.patch);
    expect(objects.map((m) => [m.id, m.hp])).toEqual([
      ['configmap-web-config', 0],
      ['widget-dial', 4],
    ]);
    const row = objects[0]!.row;
    expect(objects.every((m) => m.row === row)).toBe(true);
    expect(result.patch.modules.filter((m) => m.row === row && m.type !== 'object')).toEqual([]);
    expect(patchToYaml(result.patch).text).toBe(file);
  });

  it('reads a folder file by file, and leaves out what is not an object, saying so', () => {
    const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [app.yaml]\n';
    const result = importManifests(
      [
        ['app.yaml', helloYaml],
        ['config.yaml', `${CONFIG_MAP}---\n${WIDGET}`],
        ['kustomization.yaml', kustomization],
      ],
      catalog,
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.warnings).toEqual([
      'kustomization.yaml, document 1 (Kustomization) not imported: it is not a Kubernetes object (apiVersion, kind, metadata.name).',
    ]);
    expect(patchToYaml(result.patch).text).toBe([helloYaml, CONFIG_MAP, WIDGET].join('---\n'));
  });
});

describe('YAML edits of objects', () => {
  it('adds an Object for a pasted ConfigMap, changes it in place, and removes it with its document', () => {
    const added = edit(hello, `${helloYaml}---\n${CONFIG_MAP}`);
    const adds = flat(added.op).filter((o) => o.type === 'add-module');
    expect(adds).toHaveLength(1);
    // A new row below the workloads: the rack grows by one.
    expect(added.patch.rack.rows).toBe(hello.rack.rows + 1);
    expect(objectsOf(added.patch)).toMatchObject([{ id: 'configmap-web-config', row: hello.rack.rows, hp: 0 }]);
    expect(edit(added.patch, patchToYaml(added.patch).text).op).toBeUndefined();

    const changed = edit(added.patch, `${helloYaml}---\n${CONFIG_MAP.replace('MODE: prod', 'MODE: debug')}`);
    expect(flat(changed.op)).toEqual([
      {
        type: 'set-data',
        id: 'configmap-web-config',
        data: { manifest: expect.objectContaining({ data: expect.objectContaining({ MODE: 'debug' }) }) as unknown },
      },
    ]);
    expect(summarizeChange(added.patch, changed.patch)).toBe('ConfigMap shop/web-config changed');

    const removed = edit(changed.patch, helloYaml);
    expect(flat(removed.op)).toEqual([{ type: 'remove-module', id: 'configmap-web-config' }]);
  });

  it('treats a new namespace or name as another object: the module is replaced', () => {
    const added = edit(hello, `${helloYaml}---\n${CONFIG_MAP}`).patch;
    const moved = edit(added, `${helloYaml}---\n${CONFIG_MAP.replace('namespace: shop', 'namespace: prod')}`);
    expect(flat(moved.op).map((o) => o.type)).toEqual(['remove-module', 'add-module']);
  });

  it('refuses a second object with the same key, and a kind that misspells a modelled one', () => {
    const twice = yamlToOps(hello, catalog, `${helloYaml}---\n${CONFIG_MAP}---\n${CONFIG_MAP}`);
    expect(twice.ok).toBe(false);
    expect(!twice.ok && twice.problems.map((p) => p.message)).toEqual([
      'A second ConfigMap shop/web-config: names are unique per kind and namespace.',
    ]);
    const typo = yamlToOps(hello, catalog, `${helloYaml}---\nkind: deployment\napiVersion: apps/v1\nmetadata: { name: x }\n`);
    expect(!typo.ok && typo.problems.map((p) => p.message)).toEqual(['kind deployment: did you mean Deployment?']);
  });

  it('never puts a Secret’s data in the summary or the ops’ label', () => {
    const added = edit(hello, `${helloYaml}---\n${SECRET}`);
    expect(added.op?.type === 'batch' && added.op.label).toBe('edit YAML');
    const changed = edit(added.patch, `${helloYaml}---\n${SECRET.replace('c2VjcmV0LXZhbHVl', 'bmV3LXNlY3JldA==')}`);
    const summary = summarizeChange(hello, changed.patch);
    expect(summary).toBe('Secret api-token added');
    expect(summarizeChange(added.patch, changed.patch)).toBe('Secret api-token changed');
    expect(summary).not.toMatch(/c2VjcmV0|bmV3/);
  });
});
