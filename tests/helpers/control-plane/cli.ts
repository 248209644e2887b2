/**
 * `node scripts/control-plane.mjs build|start|stop` (bundled by that script).
 *
 *   build   builds the binaries into ~/.cache/k8s-synth/control-plane-v1.37.2/bin (cached)
 *   start   builds if needed, then starts etcd, kube-apiserver, controller-manager, scheduler and
 *           kwok (two fake Nodes) on 127.0.0.1 in --dir (default .cache/control-plane) and prints
 *           the kubeconfig to use: `KUBECONFIG=<that file> npm start`, then the Cluster tab
 *   stop    stops what `start` started in --dir, by the pids it recorded
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildControlPlane } from './build';
import { startControlPlane, stopRecorded } from './start';

export async function main({ root, argv }: { root: string; argv: string[] }): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { dir: { type: 'string' }, port: { type: 'string' } },
  });
  const dir = path.resolve(values.dir ?? path.join(root, '.cache', 'control-plane'));
  const command = positionals[0];
  if (command === 'build') {
    const { built, seconds } = await buildControlPlane();
    console.error(`control-plane build: ${built ? 'built' : 'cached'} in ${seconds.toFixed(0)} s`);
  } else if (command === 'start') {
    await buildControlPlane();
    await stopRecorded(dir);
    const t0 = Date.now();
    const cp = await startControlPlane(dir, values.port ? { port: Number(values.port) } : {});
    console.error(`control plane up at ${cp.server} in ${((Date.now() - t0) / 1000).toFixed(1)} s (logs in ${dir})`);
    console.error(`try it:  KUBECONFIG=${cp.kubeconfig.admin}:${cp.kubeconfig.reader} npm start   (then the Cluster tab)`);
    console.error(`stop it: node scripts/control-plane.mjs stop${values.dir ? ` --dir ${values.dir}` : ''}`);
    console.log(cp.kubeconfig.admin);
  } else if (command === 'stop') {
    console.error((await stopRecorded(dir)) ? `stopped the control plane in ${dir}` : `no control plane recorded in ${dir}`);
  } else throw new Error(`unknown command ${command ?? '(none)'}: use build, start or stop`);
}
