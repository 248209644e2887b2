import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../patch/model';
import { fieldDiff, isIgnoredPath } from './field-diff';

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    uid: 'u1',
    resourceVersion: '7',
    generation: 3,
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '2' },
  },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [{ name: 'web', image: 'nginx:1', terminationMessagePath: '/dev/termination-log' }],
        dnsPolicy: 'ClusterFirst',
      },
    },
  },
  status: { replicas: 2 },
};

describe('the diff filter', () => {
  it('reports what the manifest changes, by name in lists, and nothing of status, server metadata or our labels', () => {
    const manifest = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } };
    const dry = structuredClone(live) as Record<string, Json>;
    (dry['spec'] as { replicas: number }).replicas = 3;
    (dry['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image = 'nginx:2';
    (dry['metadata'] as Record<string, Json>)['resourceVersion'] = '8';
    (dry['metadata'] as Record<string, Json>)['generation'] = 4;
    (dry['metadata'] as { labels: Record<string, string> }).labels['app.kubernetes.io/part-of'] = 'shop';
    (dry['metadata'] as Record<string, Json>)['annotations'] = {
      'deployment.kubernetes.io/revision': '3',
      'k8s-synth.io/module': 'web',
    };
    (dry['status'] as { replicas: number }).replicas = 9;
    expect(fieldDiff(live, dry, manifest)).toEqual([
      { path: 'spec.replicas', before: 2, after: 3 },
      { path: 'spec.template.spec.containers[web].image', before: 'nginx:1', after: 'nginx:2' },
    ]);
  });

  it('keeps a field the dry run removes (the patch set it before) and leaves out values the patch does not set', () => {
    const dry = structuredClone(live) as Record<string, Json>;
    delete (dry['metadata'] as { labels?: unknown }).labels;
    (dry['spec'] as { template: { spec: Record<string, Json> } }).template.spec['dnsPolicy'] = 'Default';
    expect(fieldDiff(live, dry, { spec: { replicas: 2 } })).toEqual([{ path: 'metadata.labels.app', before: 'web' }]);
  });

  it('ignores exactly the server and bookkeeping paths', () => {
    expect(isIgnoredPath(['status', 'replicas'])).toBe(true);
    expect(isIgnoredPath(['metadata', 'managedFields'])).toBe(true);
    expect(isIgnoredPath(['spec', 'template', 'metadata', 'labels', 'app.kubernetes.io/managed-by'])).toBe(true);
    expect(isIgnoredPath(['metadata', 'labels', 'applyset.kubernetes.io/part-of'])).toBe(true);
    expect(isIgnoredPath(['metadata', 'labels', 'app'])).toBe(false);
    expect(isIgnoredPath(['spec', 'status'])).toBe(false);
  });

  it('finds no change between an object and itself, whatever the manifest', () => {
    const json: fc.Arbitrary<Json> = fc.jsonValue() as fc.Arbitrary<Json>;
    fc.assert(fc.property(json, json, (obj, manifest) => fieldDiff(obj, structuredClone(obj), manifest).length === 0));
  });
});
