/**
 * The topology's schema as zod (checked on every KRM input) and, generated from it, the JSON
 * Schema in resources/synth/topology.schema.json (a test keeps the two equal).
 */
import { DNS_SUBDOMAIN, MAX_NAME_LENGTH } from '../patch/k8s-names';
import { z } from 'zod';
import type { Topology } from './topology';
import { MAPPING_VERSION } from './vocabulary';

const name = z.string().max(MAX_NAME_LENGTH).regex(DNS_SUBDOMAIN, 'a DNS name: lowercase letters, digits, "-" and "."');
const module = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a module id');
const port = z.number().int().min(1).max(65535);
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const json = z.json();

const Container = z.strictObject({
  image: z.string(),
  ports: z.array(z.strictObject({ name: z.string().optional(), port, protocol })),
  env: z.array(z.strictObject({ name: z.string().min(1), value: z.string() })),
  cpuMillis: z.number().int().min(0),
});
const Workload = z.strictObject({
  module,
  name,
  replicas: z.number().int().min(0).optional(),
  pods: z.array(module),
  container: Container,
  nodes: z.array(name),
  foreign: json.optional(),
});

export const TopologySchema = z
  .strictObject({
    // Version 1 topologies (no objects) still read: version 2 only added `objects`.
    mappingVersion: z.union([z.literal(1), z.literal(MAPPING_VERSION)]),
    name,
    deployments: z.array(Workload),
    pods: z.array(Workload),
    services: z.array(
      z.strictObject({
        module,
        name,
        ports: z.array(
          z.strictObject({ name: z.string().optional(), port, targetPort: z.union([port, z.string()]).optional(), protocol }),
        ),
        selects: z.array(name),
        foreign: json.optional(),
      }),
    ),
    ingresses: z.array(
      z.strictObject({
        module,
        name,
        rules: z.array(
          z.strictObject({
            host: z.string().optional(),
            path: z.string().startsWith('/'),
            pathType: z.enum(['Prefix', 'Exact', 'ImplementationSpecific']),
            service: name,
            port: z.union([port, z.string()]),
          }),
        ),
        foreign: json.optional(),
      }),
    ),
    nodes: z.array(z.strictObject({ module, name, capacityMillis: z.number().int().min(0), cordoned: z.boolean() })),
    objects: z
      .array(
        z.strictObject({
          module,
          // Any Kubernetes object, kept verbatim; only what names it is checked.
          manifest: z.looseObject({
            apiVersion: z.string().min(1),
            kind: z.string().min(1),
            metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
          }),
        }),
      )
      .optional(),
  })
  .meta({
    title: 'k8s-synth topology',
    description: 'The cluster-relevant projection of a k8s-synth patch (resources/synth/MAPPING.md).',
  });

/** The JSON Schema document (draft 2020-12) for topology.json. */
export function topologyJsonSchema(): unknown {
  return {
    $id: 'https://k8s-synth.dev/schemas/topology.schema.json',
    ...z.toJSONSchema(TopologySchema, { target: 'draft-2020-12' }),
  };
}

/** Reads a topology, or says what is wrong at which path. */
export function parseTopology(value: unknown): { ok: true; topology: Topology } | { ok: false; problems: string[] } {
  const parsed = TopologySchema.safeParse(value);
  if (parsed.success) return { ok: true, topology: parsed.data as Topology };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'topology'}: ${i.message}`),
  };
}
