/**
 * Part `cluster`: main/cluster against a real control plane (scripts/control-plane.mjs build
 * first), each figure next to kubectl 1.37 doing the same in the same run, median of 3 (min-max):
 *   apply  the 1,000-module benchmark patch's manifests into a fresh namespace (server-side apply)
 *   diff   of the same, applied, against kubectl diff --server-side
 *   import a namespace of 1,000 objects (Deployments with their Pods, Services, ConfigMaps) into a
 *          patch, against kubectl get -o json of them
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Catalog } from '../../main/patch/catalog';
import { applyPlan } from '../../main/cluster/apply';
import { ClusterService } from '../../main/cluster/cluster-service';
import { readNamespace } from '../../main/cluster/import-namespace';
import { snapshotToPatch } from '../../main/cluster/import-patch';
import { planApply } from '../../main/cluster/plan';
import { synthesizePatch } from '../../main/synth/synth';
import { manifestsToYaml } from '../../main/synth/yaml-text';
import { ADMIN_CONTEXT, kubectl, startControlPlane, stopAll } from '../helpers/control-plane/start';
import { synthBenchPatch } from './synth';

const RUNS = 3;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const fmt = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `${s[Math.floor(s.length / 2)]!.toFixed(0)} ms (${s[0]!.toFixed(0)}-${s.at(-1)!.toFixed(0)})`;
};

export async function runClusterBench(catalog: Catalog): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'k8s-synth-bench-cp-'));
  const cp = await startControlPlane(dir);
  const service = new ClusterService({ env: { KUBECONFIG: cp.kubeconfig.admin, PATH: process.env['PATH'] }, watchFiles: false });
  try {
    await service.start();
    const conn = await service.open(ADMIN_CONTEXT);
    const manifests = synthesizePatch(synthBenchPatch(), 'bench').manifests;
    const file = path.join(dir, 'bench.yaml');
    await writeFile(file, manifestsToYaml(manifests));
    const k = (args: string[], stdin?: string) => kubectl(cp.kubeconfig.admin, args, stdin);
    const ours: number[] = [];
    const oursWithDiff: number[] = [];
    const theirs: number[] = [];
    const diffOurs: number[] = [];
    const diffTheirs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const a = `bench-ours-${run}`;
      const b = `bench-kubectl-${run}`;
      await k(['create', 'namespace', a]);
      await k(['create', 'namespace', b]);
      let applied = 0;
      oursWithDiff.push(
        await time(async () => {
          const plan = await planApply(conn, manifests, { namespace: a, patchName: 'bench' });
          ours.push(await time(async () => (applied = (await applyPlan(conn, plan, manifests)).items.length)));
        }),
      );
      theirs.push(await time(() => k(['apply', '--server-side', '--field-manager=kubectl-bench', '-n', b, '-f', file])));
      if (applied !== manifests.length) throw new Error(`applied ${applied} of ${manifests.length}`);
      diffOurs.push(await time(() => planApply(conn, manifests, { namespace: a, patchName: 'bench' })));
      diffTheirs.push(
        await time(() =>
          // kubectl diff exits 1 when there are changes; only its "error:" lines are failures.
          k(['diff', '--server-side', '--field-manager=kubectl-bench', '-n', b, '-f', file]).catch((e: Error) => {
            if (/error:/i.test(e.message)) throw e;
          }),
        ),
      );
    }
    console.log(`\ncluster: ${manifests.length} manifests of the 1,000-module benchmark patch, ${RUNS} runs, median (min-max)`);
    console.log(
      `  apply  k8s-synth ${fmt(ours)} (with its dry-run diff first: ${fmt(oursWithDiff)})  vs kubectl apply --server-side ${fmt(theirs)}  goal: no slower`,
    );
    console.log(`  diff   k8s-synth ${fmt(diffOurs)}  vs kubectl diff --server-side ${fmt(diffTheirs)}  goal: no slower`);

    // A namespace of 1,000 objects, as an app's namespace looks: 8 Deployments of 2 replicas (with
    // their 8 ReplicaSets and 16 Pods, run by kwok on the two fake Nodes), 8 Services, 960 ConfigMaps.
    const ns = 'bench-import';
    await k(['create', 'namespace', ns]);
    const apps = Array.from({ length: 8 }, (_, a) =>
      [
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${a}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: app-${a}}}\n`,
        `  template:\n    metadata: {labels: {app: app-${a}}}\n    spec: {containers: [{name: web, image: nginx:1.27}]}\n`,
        `---\napiVersion: v1\nkind: Service\nmetadata: {name: app-${a}}\nspec: {selector: {app: app-${a}}, ports: [{port: 80}]}\n`,
      ].join(''),
    );
    const cms = Array.from(
      { length: 960 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}}\ndata: {n: "${i}"}\n`,
    );
    await k(['apply', '--server-side', '-n', ns, '-f', '-'], [...apps, ...cms].join('---\n'));
    await k(['wait', '--for=condition=Available', 'deployment', '--all', '-n', ns, '--timeout=180s']);
    const read: number[] = [];
    const toPatch: number[] = [];
    const whole: number[] = [];
    const get: number[] = [];
    let described = '';
    for (let run = 0; run < RUNS; run++) {
      whole.push(
        await time(async () => {
          let snapshot: Awaited<ReturnType<typeof readNamespace>> | undefined;
          read.push(await time(async () => (snapshot = await readNamespace(conn, ns))));
          let patch: ReturnType<typeof snapshotToPatch> | undefined;
          toPatch.push(await time(async () => (patch = snapshotToPatch(snapshot!, catalog))));
          if (!patch!.ok) throw new Error(`bench: the namespace of 1,000 objects is not a patch: ${patch!.error}`);
          described = `${snapshot!.manifests.length} authored objects and ${snapshot!.pods.length} Pods -> ${patch!.patch.modules.length} modules in a ${patch!.patch.rack.rows} × ${patch!.patch.rack.hp} HP rack`;
        }),
      );
      get.push(await time(() => k(['get', 'all,configmaps,secrets,serviceaccounts', '-n', ns, '-o', 'json'])));
    }
    console.log(
      `  import into a patch (${described}): k8s-synth ${fmt(whole)} (read ${fmt(read)}, to a patch ${fmt(toPatch)})` +
        `  vs kubectl get -o json ${fmt(get)}  goal: < 2000 ms`,
    );
    conn.close();
  } finally {
    service.dispose();
    await stopAll(cp.processes);
  }
}
