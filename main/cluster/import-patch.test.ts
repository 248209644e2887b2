import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import { MAX_RACK_HP, MAX_RACK_ROWS, PatchSchema } from '../patch/model';
import { SCHEDULED_KEY } from '../synth/vocabulary';
import type { NamespaceSnapshot } from './import-namespace';
import { snapshotToPatch } from './import-patch';

const catalog = moduleCatalog();

/** A namespace of `apps` apps: a Deployment of 2 replicas (its Pods on two Nodes), a Service, and `extra` ConfigMaps. */
function namespace(apps: number, configMaps: number): NamespaceSnapshot {
  const manifests: NamespaceSnapshot['manifests'] = [];
  const pods: NamespaceSnapshot['pods'] = [];
  for (let a = 0; a < apps; a++) {
    const labels = { app: `app-${a}` };
    manifests.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${a}` },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    });
    manifests.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `app-${a}` },
      spec: { selector: labels, ports: [{ port: 80 }] },
    });
    for (let p = 0; p < 2; p++) pods.push({ name: `app-${a}-7d9f-${p}`, deployment: `app-${a}`, node: `node-${p + 1}` });
  }
  for (let i = 0; i < configMaps; i++)
    manifests.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `settings-${i}` }, data: { n: String(i) } });
  return { namespace: 'shop', manifests, pods, nodes: ['node-1', 'node-2'], warnings: [] };
}

describe('snapshotToPatch', () => {
  it('turns a namespace of 1,000 objects into one valid patch, every object a module, Pods on their Nodes', () => {
    // 8 apps (8 Deployments, 16 Pods, 8 Services) and 968 ConfigMaps: 1,000 objects.
    const result = snapshotToPatch(namespace(8, 968), catalog);
    if (!result.ok) throw new Error(result.error);
    const { patch } = result;
    expect(PatchSchema.safeParse(patch).success).toBe(true);
    const count = (type: string) => patch.modules.filter((m) => m.type === type).length;
    expect([count('deployment'), count('pod'), count('service'), count('object'), count('node')]).toEqual([8, 16, 8, 968, 2]);
    expect(patch.rack.rows).toBeLessThanOrEqual(MAX_RACK_ROWS);
    expect(patch.rack.hp).toBeLessThanOrEqual(MAX_RACK_HP);
    // Wider than the old 208 HP limit allowed, and no two modules in one place.
    expect(patch.rack.rows * patch.rack.hp).toBeGreaterThan(16 * 208);
    const seen = new Set(patch.modules.map((m) => `${m.row}/${m.hp}`));
    expect(seen.size).toBe(patch.modules.length);
    const scheduled = patch.modules.filter((m) => m.type === 'pod' && m.data[SCHEDULED_KEY] === true);
    expect(scheduled.map((m) => m.data['name'])).toContain('app-7-7d9f-1');
    expect(patch.cables.filter((c) => c.from.jack === 'load')).toHaveLength(16);
  });

  it('places as many Pods on a Node as its LOAD takes, and names the Node whose other Pods stay unplaced', () => {
    // 10 apps × 2 replicas, every Pod on node-1: 20 Pods for a LOAD of 16 channels.
    const crowded = namespace(10, 0);
    const snapshot = { ...crowded, pods: crowded.pods.map((p) => ({ ...p, node: 'node-1' })) };
    const result = snapshotToPatch(snapshot, catalog);
    if (!result.ok) throw new Error(result.error);
    const node1 = result.patch.modules.find((m) => m.type === 'node' && m.data['name'] === 'node-1')!;
    expect(result.patch.cables.filter((c) => c.to.module === node1.id && c.to.jack === 'load')).toHaveLength(16);
    expect(result.patch.modules.filter((m) => m.type === 'pod')).toHaveLength(20);
    expect(result.warnings).toContainEqual(expect.stringMatching(/node-1 runs 20 Pods.*16.*4 .*unplaced/));
  });
});
