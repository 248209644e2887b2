/**
 * What a cluster test uses: the run's control plane (or the printed reason it is not there), a
 * namespace of its own, and kubectl 1.37 as the outside witness.
 */
import { inject } from 'vitest';
import { kubectl } from './start';
import type { ControlPlane } from './start';

const provided = inject('controlPlane');

/** The control plane, or undefined after printing why the suite skips (never in CI: setup fails there). */
export function controlPlane(): ControlPlane | undefined {
  if (provided.ok) return provided.cp;
  console.warn(`[cluster tests] skipped: ${provided.reason}`);
  return undefined;
}

let seq = 0;

/** A fresh namespace ("t-<name>-<n>"), made with kubectl. */
export async function freshNamespace(cp: ControlPlane, name: string): Promise<string> {
  const ns = `t-${name}-${process.pid % 10000}-${++seq}`.slice(0, 63);
  await kubectl(cp.kubeconfig.admin, ['create', 'namespace', ns]);
  return ns;
}

/** kubectl with the admin kubeconfig; JSON output parsed. */
export async function kubectlJson<T = { items: Record<string, unknown>[] }>(cp: ControlPlane, args: string[]): Promise<T> {
  return JSON.parse(await kubectl(cp.kubeconfig.admin, [...args, '-o', 'json'])) as T;
}

export const admin = (cp: ControlPlane, args: string[], stdin?: string) => kubectl(cp.kubeconfig.admin, args, stdin);
