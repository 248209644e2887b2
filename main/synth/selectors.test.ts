/** Imported selectors survive import -> edit -> export exactly, and still drive the SELECT cables. */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import { applyOp } from '../patch/apply';
import type { Json, Patch } from '../patch/model';
import { batch } from '../patch/ops';
import { yamlToOps } from './edit-ops';
import { importManifests } from './import-manifests';
import { patchToYaml, synthesizePatch } from './synth';

const catalog = moduleCatalog();

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: { name: frontend }
spec:
  replicas: 2
  selector: { matchLabels: { app: frontend } }
  template:
    metadata: { labels: { app: frontend } }
    spec: { containers: [{ name: server, image: gcr.io/example/frontend:v1 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: redis }
spec:
  selector:
    matchLabels: { app: redis }
    matchExpressions: [{ key: tier, operator: In, values: [cache] }]
  template:
    metadata: { labels: { app: redis, tier: cache } }
    spec: { containers: [{ name: redis, image: redis:alpine }] }
---
apiVersion: v1
kind: Service
metadata: { name: frontend }
spec:
  selector: { app: frontend }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: redis-cart }
spec:
  type: ClusterIP
  selector: { app: redis }
  ports: [{ name: tls-redis, port: 6379, targetPort: 6379 }]
`;

type Doc = { kind: string; metadata: { name: string }; spec: { selector?: Json; replicas?: number } };
const docs = (patch: Patch): Doc[] => synthesizePatch(patch).manifests as unknown as Doc[];
const selectorOf = (patch: Patch, kind: string, name: string) =>
  docs(patch).find((d) => d.kind === kind && d.metadata.name === name)?.spec.selector;
const original = (kind: string, name: string) =>
  (parseAllDocuments(APP).map((d) => d.toJS()) as Doc[]).find((d) => d.kind === kind && d.metadata.name === name)!.spec.selector;
const SELECTORS = [
  ['Deployment', 'frontend'],
  ['Deployment', 'redis'],
  ['Service', 'frontend'],
  ['Service', 'redis-cart'],
] as const;

function imported(): Patch {
  const result = importManifests([['app.yaml', APP]], catalog);
  if (!result.ok) throw new Error(result.error);
  expect(result.warnings).toEqual([]);
  return result.patch;
}

const selectCables = (p: Patch) => p.cables.filter((c) => c.to.jack === 'select');

describe('imported selectors', () => {
  it('are exported exactly as they came, with no app.kubernetes.io/name added', () => {
    const patch = imported();
    for (const [kind, name] of SELECTORS) expect(selectorOf(patch, kind, name), `${kind} ${name}`).toEqual(original(kind, name));
  });

  it('still patch SELECT cables from the Pods whose labels they match', () => {
    const patch = imported();
    // frontend: 2 Pods; redis: 1 Pod.
    expect(selectCables(patch)).toHaveLength(3);
  });

  it('stay exact after a replica edit in the YAML, and the exported YAML reads back as no change', () => {
    const patch = imported();
    const text = patchToYaml(patch).text;
    expect(yamlToOps(patch, catalog, text)).toEqual({ ok: true, op: undefined });
    const edit = yamlToOps(patch, catalog, text.replace('replicas: 2', 'replicas: 4'));
    if (!edit.ok || !edit.op) throw new Error(JSON.stringify(edit));
    const applied = applyOp(patch, edit.op, catalog);
    if (!applied.ok) throw new Error(applied.error.message);
    expect(docs(applied.patch).find((d) => d.metadata.name === 'frontend' && d.kind === 'Deployment')?.spec.replicas).toBe(4);
    expect(selectCables(applied.patch)).toHaveLength(5);
    for (const [kind, name] of SELECTORS)
      expect(selectorOf(applied.patch, kind, name), `${kind} ${name}`).toEqual(original(kind, name));
  });

  it('give way to ours once the cables select something else', () => {
    const patch = imported();
    const frontendService = patch.modules.find((m) => m.type === 'service' && m.data['name'] === 'frontend')!.id;
    const ops = selectCables(patch)
      .filter((c) => c.to.module === frontendService)
      .map((c) => ({ type: 'disconnect' as const, id: c.id }));
    const applied = applyOp(patch, batch(ops, 'unpatch'), catalog);
    if (!applied.ok) throw new Error(applied.error.message);
    expect(selectorOf(applied.patch, 'Service', 'frontend')).toBeUndefined();
    expect(selectorOf(applied.patch, 'Service', 'redis-cart')).toEqual({ app: 'redis' });
  });
});
