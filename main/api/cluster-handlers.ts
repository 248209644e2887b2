/**
 * The Cluster tab's requests (`cluster.*`) over the ClusterService. Inputs were validated by the
 * dispatcher. Failures come back as `{ok: false, error}` with the sentence errors.ts made (never
 * the raw error: its text can carry request headers); the patch is synthesized here, in main, so
 * what is diffed and applied is the Session's patch, not something the renderer sent.
 */
import type { ClusterService } from '../cluster/cluster-service';
import { snapshotToPatch } from '../cluster/import-patch';
import { planView } from '../cluster/plan-view';
import type { DocumentService } from '../files/document-service';
import type { Catalog } from '../patch/catalog';
import type { Session } from '../session/session';
import { patchNameFor, synthesizePatch } from '../synth/synth';
import type { Handlers } from './dispatcher';

const failure = (error: unknown) => ({
  ok: false as const,
  error: error instanceof Error ? error.message : String(error),
});

export function createClusterHandlers(deps: {
  cluster: ClusterService;
  session: Session;
  documents: DocumentService;
  catalog: Catalog;
}) {
  const { cluster, session, documents, catalog } = deps;
  return {
    'cluster.state': () => cluster.state(),
    'cluster.reload': () => cluster.reload(),
    'cluster.connect': async ({ context, namespace }) => {
      try {
        return { ok: true as const, state: await cluster.connect(context, namespace) };
      } catch (error) {
        return failure(error);
      }
    },
    'cluster.disconnect': () => cluster.disconnect(),
    'cluster.namespace': async ({ namespace }) => {
      try {
        return { ok: true as const, state: await cluster.setNamespace(namespace) };
      } catch (error) {
        return failure(error);
      }
    },
    'cluster.diff': async () => {
      try {
        const name = patchNameFor(documents.state().path);
        const { manifests } = synthesizePatch(session.patch, name);
        const { id, plan } = await cluster.diff(manifests, name, session.version);
        return { ok: true as const, plan: planView(id, plan) };
      } catch (error) {
        return failure(error);
      }
    },
    'cluster.apply': async ({ plan, takeOver }) => {
      try {
        return { ok: true as const, result: await cluster.apply(plan, session.version, takeOver) };
      } catch (error) {
        return failure(error);
      }
    },
    'cluster.import': async ({ namespace, labelSelector }) => {
      try {
        const snapshot = await cluster.readNamespace(namespace, labelSelector || undefined);
        const imported = snapshotToPatch(snapshot, catalog);
        if (!imported.ok) return { ok: false as const, error: `Could not import namespace ${namespace}: ${imported.error}` };
        documents.restore({ patch: imported.patch, unloaded: { modules: [], cables: [] } }, null, true);
        return { ok: true as const, warnings: imported.warnings, file: documents.state() };
      } catch (error) {
        return failure(error);
      }
    },
  } satisfies Partial<Handlers>;
}
