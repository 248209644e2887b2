/**
 * CustomResourceDefinitions for Eno's Synthesizer and Composition (eno.azure.io/v1), written here
 * from the fact sheet (shared/reference/eno-and-krm.md sections 1.1-1.3): same group, version,
 * kinds, plurals and scopes, the status subresource, and a schema for the fields the rack reads
 * (the rest is kept as unknown fields). Eno's own CRD YAML cannot be fetched on this machine: the
 * Go module proxy refuses github.com/Azure/eno (403 "not available" for its version list, for
 * v0.1.0 and for a commit hash), so the real files are not an option. Eno's controller cannot run
 * here either (it runs synthesizer Pods; kwok has no container runtime), so a test writes the
 * status the controller would write, through the status subresource.
 */
const loose = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function crd(kind: string, plural: string, scope: 'Namespaced' | 'Cluster', spec: object) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.eno.azure.io` },
    spec: {
      group: 'eno.azure.io',
      scope,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', properties: { spec, status: loose } } },
        },
      ],
    },
  };
}

export const ENO_CRDS = [
  crd('Synthesizer', 'synthesizers', 'Cluster', {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    properties: { image: { type: 'string' }, command: { type: 'array', items: { type: 'string' } } },
  }),
  crd('Composition', 'compositions', 'Namespaced', {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    properties: {
      synthesizer: { type: 'object', properties: { name: { type: 'string' } } },
      bindings: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            key: { type: 'string' },
            resource: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } } },
          },
        },
      },
    },
  }),
];
