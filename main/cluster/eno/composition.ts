/**
 * Reads Eno's side: whether its CRDs are served, the published topology ConfigMap, and the
 * Compositions in the namespace that bind it, each with the status Eno's controller wrote.
 */
import type { JsonObject } from '../../synth/merge';
import type { ClusterConnection } from '../connection';
import { httpCode } from '../errors';
import { listObjects, readObject } from '../object-requests';
import { topologyName } from './publish';
import type { CompositionView, EnoState } from './types';
export type { CompositionView, EnoState };

export const ENO_API_VERSION = 'eno.azure.io/v1';

interface Synthesis {
  synthesized?: string;
  reconciled?: string;
  ready?: string;
  results?: { message?: string; severity?: string }[];
}

interface Composition {
  metadata: { name: string };
  spec?: { synthesizer?: { name?: string }; bindings?: { key?: string; resource?: { name?: string; namespace?: string } }[] };
  status?: {
    simplified?: { status?: string; error?: string };
    currentSynthesis?: Synthesis;
    inFlightSynthesis?: Synthesis;
  };
}

/** A Composition's status as the faceplate shows it. Pure. */
export function compositionView(c: Composition): CompositionView {
  const current = c.status?.currentSynthesis;
  const results = (c.status?.inFlightSynthesis?.results ?? current?.results ?? []).map((r) => ({
    message: r.message ?? '',
    ...(r.severity ? { severity: r.severity } : {}),
  }));
  const simplified = c.status?.simplified;
  const error = simplified?.error || results.find((r) => r.severity === 'error')?.message;
  return {
    name: c.metadata.name,
    ...(c.spec?.synthesizer?.name ? { synthesizer: c.spec.synthesizer.name } : {}),
    ...(simplified?.status ? { status: simplified.status } : {}),
    ...(error ? { error } : {}),
    ...(current?.synthesized ? { synthesized: current.synthesized } : {}),
    ...(current?.reconciled ? { reconciled: current.reconciled } : {}),
    ...(current?.ready ? { ready: current.ready } : {}),
    results,
  };
}

/** Whether a Composition binds the ConfigMap `name` of `namespace` (a binding's namespace defaults to its own). */
export const bindsConfigMap = (c: Composition, name: string, namespace: string): boolean =>
  (c.spec?.bindings ?? []).some((b) => b.resource?.name === name && (b.resource.namespace ?? namespace) === namespace);

export async function enoState(conn: ClusterConnection, namespace: string, patchName: string): Promise<EnoState> {
  const configMap = topologyName(patchName);
  const cm = await readObject(conn, await conn.discovery.resource('v1', 'ConfigMap'), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: configMap,
    namespace,
  });
  const published = cm ? { published: { resourceVersion: String((cm['metadata'] as JsonObject)['resourceVersion'] ?? '') } } : {};
  let compositions: Composition[];
  try {
    const r = await conn.discovery.resource(ENO_API_VERSION, 'Composition');
    compositions = (await listObjects(conn, r, namespace)) as unknown as Composition[];
  } catch (error) {
    // Not served (the group answers 404, or it lacks the kind): Eno's CRDs are not installed here.
    const notServed = httpCode(error) === 404 || (error instanceof Error && !('code' in error));
    if (notServed) return { namespace, configMap, ...published, crdsInstalled: false, compositions: [] };
    throw error;
  }
  return {
    namespace,
    configMap,
    ...published,
    crdsInstalled: true,
    compositions: compositions.filter((c) => bindsConfigMap(c, configMap, namespace)).map(compositionView),
  };
}
