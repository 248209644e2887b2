/**
 * Rack gestures on real objects: what each one does to the cluster once the user confirmed it.
 * Kill pod deletes the Pod (its controller makes a new one); the cordon switch sets the Node's
 * spec.unschedulable, as `kubectl cordon` / `uncordon` do.
 */
import type { ClusterConnection } from '../connection';
import type { KubeObject } from './kube-object';
import type { LiveGesture } from './live-types';

export type GestureKind = LiveGesture['kind'];

/** The sentence the confirmation shows: what will happen, to which object. */
export function gestureAction(kind: GestureKind, target: KubeObject): string {
  switch (kind) {
    case 'kill-pod':
      return `Delete Pod ${target.metadata.name} (its controller makes a new one)`;
    case 'cordon':
      return `Cordon Node ${target.metadata.name} (no new Pods are scheduled on it)`;
    case 'uncordon':
      return `Uncordon Node ${target.metadata.name}`;
  }
}

/** Carries out a confirmed gesture; throws the server's refusal (the caller describes it). */
export async function runGesture(
  conn: ClusterConnection,
  namespace: string,
  kind: GestureKind,
  target: KubeObject,
): Promise<void> {
  const name = encodeURIComponent(target.metadata.name);
  if (kind === 'kill-pod') {
    await conn.http.request({
      method: 'DELETE',
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${name}`,
      // Only the Pod the user saw: a replacement with the same name is not deleted by mistake.
      body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: target.metadata.uid } },
    });
    return;
  }
  await conn.http.request({
    method: 'PATCH',
    path: `/api/v1/nodes/${name}`,
    contentType: 'application/merge-patch+json',
    body: { spec: { unschedulable: kind === 'cordon' ? true : null } },
  });
}
