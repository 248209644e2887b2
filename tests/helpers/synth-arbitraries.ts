/**
 * Generated patches for the synthesis properties: racks of Deployments with claimed Pods, bare
 * Pods, Services, Ingresses, Nodes and Objects (manifests of unmodelled kinds), wired the way the mapping can express (a Service selects
 * the Pods of at most one workload; every Pod sits on at most one Node). Built with the same
 * PatchBuilder the YAML import uses, so every generated patch is valid.
 */
import fc from 'fast-check';
import type { Catalog } from '../../main/patch/catalog';
import { emptyPatch, type Json, type Patch } from '../../main/patch/model';
import { PatchBuilder } from '../../main/synth/builder';

const dns = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const port = fc.integer({ min: 1, max: 65535 });
const protocol = fc.constantFrom('TCP', 'UDP');
const container = fc.record({
  image: fc.constantFrom('nginx:1.27', 'redis:7', 'ghcr.io/acme/api:v2', ''),
  ports: fc.uniqueArray(fc.record({ name: fc.option(dns, { nil: undefined }), containerPort: port, protocol }), {
    maxLength: 2,
    selector: (p) => p.containerPort,
  }),
  env: fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), value: fc.string({ maxLength: 12 }) }), {
    maxLength: 3,
    selector: (e) => e.name,
  }),
  cpu: fc.integer({ min: 0, max: 400 }).map((c) => c * 10), // the knob moves in 10 m steps
});

type Container = typeof container extends fc.Arbitrary<infer T> ? T : never;

const spec = fc.record({
  names: fc.uniqueArray(dns, { minLength: 16, maxLength: 16 }),
  objects: fc.array(fc.nat(), { maxLength: 2 }),
  nodes: fc.integer({ min: 0, max: 3 }),
  deployments: fc.array(
    // Up to 4 replicas: an import racks one Pod per replica, and 3 x 4 + 2 Pods fit one Node's 16 LOAD channels.
    fc.record({
      replicas: fc.integer({ min: 0, max: 4 }),
      pods: fc.array(container, { minLength: 0, maxLength: 4 }),
      node: fc.array(fc.nat(), { maxLength: 4 }),
    }),
    { maxLength: 3 },
  ),
  bare: fc.array(fc.record({ container, node: fc.option(fc.nat(), { nil: undefined }) }), { maxLength: 2 }),
  services: fc.array(
    fc.record({
      selects: fc.option(fc.nat(), { nil: undefined }),
      ports: fc.uniqueArray(
        fc.record({ name: fc.option(dns, { nil: undefined }), port, targetPort: fc.option(port, { nil: undefined }), protocol }),
        { maxLength: 2, selector: (p) => p.port },
      ),
    }),
    { maxLength: 3 },
  ),
  ingresses: fc.array(
    fc.array(
      fc.record({
        host: fc.option(fc.constantFrom('a.example.com', 'b.example.org'), { nil: undefined }),
        path: fc.constantFrom('/', '/api', '/shop'),
        pathType: fc.constantFrom('Prefix', 'Exact'),
        service: fc.nat(),
      }),
      { maxLength: 4 },
    ),
    { maxLength: 2 },
  ),
});

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -1000, max: 1000 }), fc.boolean());
/** A plain JSON tree, two levels deep, of values YAML writes and reads back unchanged. */
const tree = fc.dictionary(
  dns,
  fc.oneof(scalar, fc.dictionary(dns, scalar, { maxKeys: 3 }), fc.array(scalar, { maxLength: 3 })),
  {
    maxKeys: 4,
  },
);

/**
 * Manifests of kinds the mapping does not model, as real files carry them: a ConfigMap, a Secret,
 * a PersistentVolumeClaim and a custom resource. `name` makes them unique per kind.
 */
export function unmodelledManifest(name: string): fc.Arbitrary<Record<string, Json>> {
  const metadata = fc.record(
    { name: fc.constant(name), namespace: fc.constantFrom('default', 'shop'), labels: fc.dictionary(dns, dns, { maxKeys: 2 }) },
    { requiredKeys: ['name'] },
  );
  return fc.oneof(
    fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constant('ConfigMap'),
      metadata,
      data: fc.dictionary(dns, fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    }),
    fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constant('Secret'),
      metadata,
      type: fc.constant('Opaque'),
      data: fc.dictionary(dns, fc.base64String({ maxLength: 16 }), { maxKeys: 2 }),
    }),
    fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constant('PersistentVolumeClaim'),
      metadata,
      spec: fc.record({
        accessModes: fc.constant(['ReadWriteOnce']),
        resources: fc.record({ requests: fc.record({ storage: fc.constantFrom('1Gi', '10Gi') }) }),
      }),
    }),
    fc.record({
      apiVersion: fc.constantFrom('example.com/v1alpha1', 'acme.io/v1'),
      kind: fc.constantFrom('Widget', 'Gadget'),
      metadata,
      spec: tree,
    }),
  ) as fc.Arbitrary<Record<string, Json>>;
}

/** Drops undefined fields (module data is JSON). */
const strip = (o: object): Record<string, Json> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, Json>;

/** Patches the mapping can express (see the file comment). */
export function synthPatch(catalog: Catalog): fc.Arbitrary<Patch> {
  // Object modules hold manifests of unmodelled kinds, named obj-0, obj-1 (unique, so none is a duplicate).
  const objects = spec.chain((s) =>
    fc.tuple(fc.constant(s), fc.tuple(...s.objects.map((_, i) => unmodelledManifest(`obj-${i}`)))),
  );
  return objects.map(([s, manifests]) => {
    const b = new PatchBuilder(emptyPatch({ rows: 3, hp: 104 }), catalog);
    let n = 0;
    const name = () => s.names[n++ % s.names.length]!;
    const nodes = Array.from({ length: s.nodes }, () => b.addModule('node', { name: name() }, {}));
    const podData = (podName: string, c: Container) => ({
      name: podName,
      image: c.image,
      ports: c.ports.map(strip),
      env: c.env,
    });
    const workloads: string[][] = [];
    for (const d of s.deployments) {
      const id = b.addModule('deployment', { name: name() }, { replicas: d.replicas });
      const pods = d.pods.map((c, i) => {
        const pod = b.addModule('pod', podData(`${id}-${i}`, c), { cpu: c.cpu }, { row: 1, hp: 0 });
        b.connect({ module: id, jack: `claim-${i + 1}` }, { module: pod, jack: 'life' });
        const node = d.node[i];
        if (nodes.length && node !== undefined)
          b.connect({ module: pod, jack: 'load' }, { module: nodes[node % nodes.length]!, jack: 'load' });
        return pod;
      });
      workloads.push(pods);
    }
    for (const p of s.bare) {
      const pod = b.addModule('pod', podData(name(), p.container), { cpu: p.container.cpu }, { row: 1, hp: 0 });
      if (nodes.length && p.node !== undefined)
        b.connect({ module: pod, jack: 'load' }, { module: nodes[p.node % nodes.length]!, jack: 'load' });
      workloads.push([pod]);
    }
    const services = s.services.map((svc) => {
      const id = b.addModule('service', { name: name(), ports: svc.ports.map(strip) }, {});
      const pods = svc.selects !== undefined && workloads.length ? workloads[svc.selects % workloads.length]! : [];
      for (const pod of pods) b.connect({ module: pod, jack: 'ready' }, { module: id, jack: 'select' });
      return id;
    });
    // A Service's REQ takes one cable, so each Service is the backend of one route at most.
    const free = [...services];
    for (const rules of s.ingresses) {
      const id = b.addModule('ingress', { name: name(), rules: rules.map(({ service: _s, ...r }) => strip(r)) }, {});
      rules.forEach((r, i) => {
        const [svc] = free.splice(r.service % Math.max(free.length, 1), 1);
        if (svc) b.connect({ module: id, jack: `route-${i + 1}` }, { module: svc, jack: 'req' });
      });
    }
    for (const manifest of manifests) b.addModule('object', { manifest }, {}, { row: 2, hp: 0 });
    return b.patch;
  });
}
