/**
 * Where the tests' real control plane lives: the Go wrapper modules in the repo and the binaries
 * built from them under ~/.cache/k8s-synth (K8S_SYNTH_CACHE overrides the cache folder).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KUBERNETES_VERSION = 'v1.37.2';
export const KWOK_VERSION = 'v0.8.0';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const modulesDir = path.join(repoRoot, 'tools', 'control-plane');

export function cacheDir(): string {
  const root = process.env.K8S_SYNTH_CACHE ?? path.join(os.homedir(), '.cache', 'k8s-synth');
  return path.join(root, `control-plane-${KUBERNETES_VERSION}`);
}

export const binDir = (): string => path.join(cacheDir(), 'bin');
export const binary = (name: BinaryName): string => path.join(binDir(), name);
/** kwok's stage configs (copied from its module folder at build time, one multi-document file). */
export const kwokStagesFile = (): string => path.join(cacheDir(), 'kwok-stages.yaml');

export const BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'etcd', 'kwok'] as const;
export type BinaryName = (typeof BINARIES)[number];
