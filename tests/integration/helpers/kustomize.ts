/**
 * A real kustomize for the KRM function test, built once from the Go module proxy and cached per
 * machine (~/.cache/k8s-synth/kustomize-<version>/kustomize). When Go or the proxy is not there
 * the caller skips with the reason, rather than pretending.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const KUSTOMIZE_VERSION = 'v5.7.1';

export type Found = { ok: true; bin: string } | { ok: false; reason: string };

/** The cached kustomize binary, building it first when needed (minutes on a cold Go cache). */
export function findOrBuildKustomize(): Found {
  const dir = path.join(
    process.env['XDG_CACHE_HOME'] ?? path.join(homedir(), '.cache'),
    'k8s-synth',
    `kustomize-${KUSTOMIZE_VERSION}`,
  );
  const bin = path.join(dir, 'kustomize');
  if (existsSync(bin)) return { ok: true, bin };
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0)
    return { ok: false, reason: `no Go toolchain to build kustomize (${go.error?.message ?? go.stderr.trim()})` };
  mkdirSync(dir, { recursive: true });
  const built = spawnSync('go', ['install', `sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}`], {
    encoding: 'utf8',
    env: { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod' },
    timeout: 900_000,
  });
  if (built.status !== 0 || !existsSync(bin))
    return {
      ok: false,
      reason: `go install kustomize failed (proxy unreachable?): ${built.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    };
  return { ok: true, bin };
}
