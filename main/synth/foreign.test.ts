/**
 * Foreign manifests lose nothing: fields the mapping does not model are kept verbatim in module
 * data, and objects of kinds it does not model in Object modules, and both are emitted back, so
 * importing and re-exporting gives the same objects.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import { synthPatch, unmodelledManifest } from '../../tests/helpers/synth-arbitraries';
import type { Json } from '../patch/model';
import { importYaml } from './import';
import { isJsonObject } from './merge';
import { synthesizePatch, patchToYaml } from './synth';
import { manifestsToYaml } from './yaml-text';

const catalog = moduleCatalog();
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Json);

/** Foreign fields a real manifest of each kind might carry. */
const extras = fc.record({
  namespace: fc.constantFrom('default', 'shop'),
  annotation: fc.string({ maxLength: 10 }),
  label: fc.constantFrom('blue', 'green'),
  pullPolicy: fc.constantFrom('Always', 'IfNotPresent'),
  sidecar: fc.boolean(),
  serviceType: fc.constantFrom('ClusterIP', 'NodePort'),
  className: fc.constantFrom('nginx', 'traefik'),
});

type Extras = typeof extras extends fc.Arbitrary<infer T> ? T : never;

function decorate(m: Json, x: Extras): Json {
  const out = structuredClone(m) as Record<string, Record<string, Json>>;
  const meta = out['metadata']!;
  meta['namespace'] = x.namespace;
  meta['annotations'] = { ...(meta['annotations'] as object), 'example.com/note': x.annotation };
  meta['labels'] = { ...(meta['labels'] as object), track: x.label };
  const kind = out['kind'] as unknown as string;
  const podSpec = (
    kind === 'Deployment' ? (out['spec']!['template'] as Record<string, Record<string, Json>>)['spec'] : out['spec']
  ) as Record<string, Json> | undefined;
  if (podSpec && (kind === 'Deployment' || kind === 'Pod')) {
    const containers = podSpec['containers'] as Record<string, Json>[];
    containers[0]!['imagePullPolicy'] = x.pullPolicy;
    if (x.sidecar) containers.push({ name: 'sidecar', image: 'busybox:1.36', args: ['sleep', 'infinity'] });
    podSpec['volumes'] = [{ name: 'scratch', emptyDir: {} }];
  }
  if (kind === 'Deployment') out['spec']!['strategy'] = { type: 'Recreate' };
  if (kind === 'Service') out['spec'] = { ...(out['spec'] ?? {}), type: x.serviceType };
  if (kind === 'Ingress') out['spec'] = { ...(out['spec'] ?? {}), ingressClassName: x.className };
  return out as unknown as Json;
}

describe('foreign fields', () => {
  const unmodelled = fc.tuple(unmodelledManifest('extra-a'), unmodelledManifest('extra-b'));

  it('survive import and re-export verbatim, with objects of unmodelled kinds passed through', () => {
    fc.assert(
      fc.property(synthPatch(catalog), extras, unmodelled, (patch, x, objects) => {
        // Objects come last: that is where synthesis puts them, after the modelled kinds.
        const foreign = [...synthesizePatch(patch).manifests.map((m) => decorate(m, x)), ...objects];
        const imported = importYaml(manifestsToYaml(foreign.filter(isJsonObject)), catalog);
        if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
        expect(docs(patchToYaml(imported.patch).text)).toEqual(foreign);
      }),
      { numRuns: 100 },
    );
  }, 30_000); // 100 round trips: seconds on a shared machine, so a generous deadline.

  it('keeps an env var with valueFrom, which the mapping cannot model, as a whole list', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/acme/api:1
      env:
        - name: PLAIN
          value: "1"
        - name: SECRET
          valueFrom:
            secretKeyRef: { name: api, key: token }
`;
    const imported = importYaml(text, catalog);
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const [pod] = docs(patchToYaml(imported.patch).text) as { spec: { containers: { env: unknown[] }[] } }[];
    expect(pod!.spec.containers[0]!.env).toEqual([
      { name: 'PLAIN', value: '1' },
      { name: 'SECRET', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    ]);
  });
});
