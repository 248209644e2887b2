/**
 * Builds the control plane (kube-apiserver, kube-controller-manager, kube-scheduler, kubectl,
 * etcd, kwok) from the Go module proxy into the cache's bin folder. The flags never change between
 * runs, so a warm Go build cache only relinks; a stamp of the wrapper modules' go.mod/go.sum, the
 * flags and the Go version skips the build entirely when nothing changed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BINARIES, KUBERNETES_VERSION, KWOK_VERSION, binDir, binary, cacheDir, kwokStagesFile, modulesDir } from './paths';

const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
const VERSION_VARS = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'].flatMap((pkg) => [
  `-X ${pkg}.gitVersion=${KUBERNETES_VERSION}`,
  `-X ${pkg}.gitMajor=${major}`,
  `-X ${pkg}.gitMinor=${minor}`,
  `-X ${pkg}.gitTreeState=clean`,
]);

/** Each wrapper module and the packages built from it; all with the same fixed flags. */
const TARGETS = [
  {
    module: 'kubernetes',
    packages: ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'].map((c) => `k8s.io/kubernetes/cmd/${c}`),
    ldflags: ['-s', '-w', ...VERSION_VARS],
  },
  { module: 'etcd', packages: ['.'], ldflags: ['-s', '-w'], output: 'etcd' },
  { module: 'kwok', packages: ['sigs.k8s.io/kwok/cmd/kwok'], ldflags: ['-s', '-w'] },
];

/** kwok ships no built-in stages: these come from its module folder (kustomize/stage). */
const KWOK_STAGES = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

export type Log = (line: string) => void;

function run(command: string, args: string[], cwd: string, log: Log): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, GOFLAGS: '-mod=mod -buildvcs=false', CGO_ENABLED: '0' };
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.trim()) log(line);
    });
    child.on('error', (error) =>
      reject(new Error(`cannot run ${command} (${error.message}); install Go ≥ 1.26 and put it on PATH`)),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`${command} ${args.join(' ')} exited with ${code} in ${cwd}`)),
    );
  });
}

async function stamp(goVersion: string): Promise<string> {
  const hash = createHash('sha256').update(goVersion).update(JSON.stringify(TARGETS)).update(KWOK_STAGES.join());
  for (const { module } of TARGETS)
    for (const file of ['go.mod', 'go.sum', 'main.go']) {
      const p = path.join(modulesDir, module, file);
      if (existsSync(p)) hash.update(file).update(await readFile(p));
    }
  return hash.digest('hex');
}

export async function buildControlPlane(log: Log = console.error): Promise<{ built: boolean; seconds: number }> {
  const started = Date.now();
  const goVersion = await run('go', ['version'], modulesDir, log);
  const stampFile = path.join(cacheDir(), 'build-stamp');
  const want = await stamp(goVersion);
  const have = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : '';
  if (have === want && BINARIES.every((b) => existsSync(binary(b))) && existsSync(kwokStagesFile())) {
    log(`control plane ${KUBERNETES_VERSION} is up to date in ${binDir()}`);
    return { built: false, seconds: (Date.now() - started) / 1000 };
  }
  await rm(stampFile, { force: true });
  await mkdir(binDir(), { recursive: true });
  log(`building control plane ${KUBERNETES_VERSION} with ${goVersion} into ${binDir()}`);
  for (const target of TARGETS) {
    const t0 = Date.now();
    const out = target.output ? path.join(binDir(), target.output) : `${binDir()}/`;
    const cwd = path.join(modulesDir, target.module);
    await run('go', ['build', '-ldflags', target.ldflags.join(' '), '-o', out, ...target.packages], cwd, log);
    log(`  ${target.module}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const modCache = await run('go', ['env', 'GOMODCACHE'], modulesDir, log);
  const stageDir = path.join(modCache, `sigs.k8s.io/kwok@${KWOK_VERSION}`, 'kustomize', 'stage');
  const stages = await Promise.all(KWOK_STAGES.map((s) => readFile(path.join(stageDir, s), 'utf8')));
  await writeFile(kwokStagesFile(), stages.map((s) => s.trim()).join('\n---\n') + '\n');
  await writeFile(stampFile, want + '\n');
  return { built: true, seconds: (Date.now() - started) / 1000 };
}
