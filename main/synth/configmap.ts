/** The topology ConfigMap: what the app publishes for Eno and what `synth` reads back. */
import type { JsonObject } from './merge';
import { TOPOLOGY_DATA_KEY } from './krm';
import type { Topology } from './topology';
import { LABEL_MANAGED_BY, LABEL_PART_OF, MANAGED_BY } from './vocabulary';

/** A v1 ConfigMap named `<topology name>-topology` holding the topology as JSON (stable bytes). */
export function topologyConfigMap(topology: Topology, namespace?: string): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${topology.name}-topology`,
      ...(namespace ? { namespace } : {}),
      labels: { [LABEL_PART_OF]: topology.name, [LABEL_MANAGED_BY]: MANAGED_BY },
    },
    data: { [TOPOLOGY_DATA_KEY]: `${JSON.stringify(topology, null, 2)}\n` },
  };
}
