/**
 * The Cluster tab's state in the renderer: main's ClusterState (contexts, the connection, its
 * status and permissions), the current diff's plan, the last apply's result, and what is running.
 * Only main talks to clusters; this holds what it reported.
 */
import { create } from 'zustand';
import type { ApplyResult, ClusterState, PlanView } from '../../preload/contract';
import { useRack } from '../store/rackStore';

interface ClusterUi {
  state: ClusterState | null;
  plan: PlanView | null;
  result: ApplyResult | null;
  busy: string | null;
  error: string | null;
}

export const useCluster = create<ClusterUi>(() => ({ state: null, plan: null, result: null, busy: null, error: null }));

/** Runs a request with a busy label; an `{ok: false}` or a thrown error lands in `error`. */
export async function run<T>(label: string, fn: () => Promise<T>): Promise<T | undefined> {
  useCluster.setState({ busy: label, error: null });
  try {
    return await fn();
  } catch (e) {
    useCluster.setState({ error: e instanceof Error ? e.message : String(e) });
    return undefined;
  } finally {
    useCluster.setState({ busy: null });
  }
}

export const client = () => {
  const c = useRack.getState().client;
  if (!c) throw new Error('Not connected to the editor.');
  return c;
};

/** True (and the error shown) for an `{ok: false}` outcome; narrows to the success shape otherwise. */
export function failed<T extends { ok: true } | { ok: false; error: string }>(outcome: T): outcome is Extract<T, { ok: false }> {
  if (outcome.ok) return false;
  useCluster.setState({ error: (outcome as { error: string }).error });
  return true;
}
