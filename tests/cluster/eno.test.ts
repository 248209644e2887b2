/**
 * Eno on the real control plane: the rack publishes the patch's topology ConfigMap (on demand, and
 * in follow mode on every change), kubectl sees it, the KRM function run over it exactly as Eno's
 * executor feeds it gives the patch's manifests, and once Eno's CRDs are installed the status of
 * the Composition binding it is read back (synthesized, reconciled, ready, errors).
 * Eno's controller itself cannot run here: it runs synthesizer Pods and there is no container
 * runtime (kwok fakes Pod status only), so the status is written with kubectl through the status
 * subresource, as the controller would write it. The CRDs are our own (see eno-crds.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, resourcesDir } from '../../main/catalog/load-catalog';
import { ClusterService } from '../../main/cluster/cluster-service';
import { enoState } from '../../main/cluster/eno/composition';
import { publishTopology } from '../../main/cluster/eno/publish';
import type { ClusterConnection } from '../../main/cluster/connection';
import { FollowService } from '../../main/cluster/follow/follow-service';
import { Session } from '../../main/session/session';
import { ENO_INPUT_KEY, TOPOLOGY_DATA_KEY, TOPOLOGY_INPUT } from '../../main/synth/krm';
import { synthesizePatch } from '../../main/synth/synth';
import { systemClock } from '../../main/time/clock';
import { systemTimers } from '../../main/time/timers';
import { ensureBuilt, REPO } from '../integration/helpers/cli-process';
import { admin, controlPlane, freshNamespace, kubectlJson } from '../helpers/control-plane/fixture';
import { ENO_CRDS } from '../helpers/control-plane/eno-crds';
import { ADMIN_CONTEXT } from '../helpers/control-plane/start';
import { patchFrom, WEB } from '../helpers/control-plane/web-patch';

const cp = controlPlane();

type ConfigMap = { metadata: { resourceVersion: string; annotations?: Record<string, string> }; data: Record<string, string> };

describe.runIf(cp)('Eno: the published topology and the Composition status', () => {
  let service: ClusterService;
  let conn: ClusterConnection;
  beforeAll(async () => {
    ensureBuilt();
    service = new ClusterService({ env: { KUBECONFIG: cp!.kubeconfig.admin, PATH: process.env['PATH'] }, watchFiles: false });
    await service.start();
    conn = await service.open(ADMIN_CONTEXT);
  });
  afterAll(() => {
    conn?.close();
    service?.dispose();
  });

  it('publishes the topology ConfigMap, and the KRM function run over it gives the patch’s manifests', async () => {
    const ns = await freshNamespace(cp!, 'eno-publish');
    const patch = await patchFrom(WEB);
    const before = await enoState(conn, ns, 'web-app');
    expect(before).toMatchObject({ configMap: 'web-app-topology', compositions: [] });
    expect(before.published).toBeUndefined();
    await publishTopology(conn, patch, 'web-app', ns);
    const cm = await kubectlJson<ConfigMap>(cp!, ['-n', ns, 'get', 'configmap', 'web-app-topology']);
    expect(JSON.parse(cm.data[TOPOLOGY_DATA_KEY]!)).toMatchObject({ name: 'web-app' });
    expect((await enoState(conn, ns, 'web-app')).published).toEqual({ resourceVersion: cm.metadata.resourceVersion });

    // What Eno's executor sends the synthesizer: the bound input, as the API server has it, keyed.
    cm.metadata.annotations = { ...cm.metadata.annotations, [ENO_INPUT_KEY]: TOPOLOGY_INPUT };
    const input = {
      apiVersion: 'config.kubernetes.io/v1',
      kind: 'ResourceList',
      items: [cm],
      functionConfig: { apiVersion: 'v1', kind: 'ConfigMap' },
    };
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin', 'k8s-synth.mjs'), 'synth'], {
      input: JSON.stringify(input),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as { items: Record<string, unknown>[]; results: { severity: string }[] };
    expect(output.results.filter((r) => r.severity === 'error')).toEqual([]);
    expect(output.items).toEqual(synthesizePatch(patch, 'web-app').manifests);
  });

  it('without Eno’s CRDs says so; with them, shows the status of the Composition that binds the topology', async () => {
    const ns = await freshNamespace(cp!, 'eno-status');
    // Each run starts its own control plane, and only this file installs Eno's CRDs.
    expect(await enoState(conn, ns, 'web-app')).toMatchObject({ crdsInstalled: false, compositions: [] });
    await admin(cp!, ['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: ENO_CRDS }));
    await admin(cp!, [
      'wait',
      '--for=condition=Established',
      'crd/compositions.eno.azure.io',
      'crd/synthesizers.eno.azure.io',
      '--timeout=60s',
    ]);
    await admin(cp!, ['apply', '-f', path.join(REPO, 'resources/eno/synthesizer.yaml')]);
    await admin(
      cp!,
      ['-n', ns, 'apply', '-f', '-'],
      [
        'apiVersion: eno.azure.io/v1',
        'kind: Composition',
        'metadata: {name: web-app}',
        'spec:',
        '  synthesizer: {name: k8s-synth}',
        `  bindings: [{key: topology, resource: {name: web-app-topology, namespace: ${ns}}}]`,
        '---',
        'apiVersion: eno.azure.io/v1',
        'kind: Composition',
        'metadata: {name: unrelated}',
        'spec:',
        '  synthesizer: {name: k8s-synth}',
        '  bindings: [{key: topology, resource: {name: other-topology}}]',
      ].join('\n'),
    );
    await expect.poll(async () => (await enoState(conn, ns, 'web-app')).crdsInstalled, { timeout: 30_000 }).toBe(true);
    expect((await enoState(conn, ns, 'web-app')).compositions).toEqual([
      { name: 'web-app', synthesizer: 'k8s-synth', results: [] },
    ]);

    // What Eno's controller would write after a synthesis that failed, then after one that converged.
    const patchStatus = (type: 'merge' | 'json', body: unknown) =>
      admin(cp!, [
        '-n',
        ns,
        'patch',
        'composition',
        'web-app',
        '--subresource=status',
        `--type=${type}`,
        '-p',
        JSON.stringify(body),
      ]);
    const status = (s: object) => patchStatus('merge', { status: s });
    await status({
      simplified: { status: 'SynthesisBackoff', error: 'the topology has no modules' },
      inFlightSynthesis: { results: [{ message: 'the topology has no modules', severity: 'error' }] },
    });
    expect((await enoState(conn, ns, 'web-app')).compositions[0]).toMatchObject({
      status: 'SynthesisBackoff',
      error: 'the topology has no modules',
      results: [{ message: 'the topology has no modules', severity: 'error' }],
    });
    const t = '2026-12-03T12:00:00Z';
    await patchStatus('json', [{ op: 'remove', path: '/status' }]);
    await status({ simplified: { status: 'Ready' }, currentSynthesis: { synthesized: t, reconciled: t, ready: t, results: [] } });
    expect((await enoState(conn, ns, 'web-app')).compositions).toEqual([
      { name: 'web-app', synthesizer: 'k8s-synth', status: 'Ready', synthesized: t, reconciled: t, ready: t, results: [] },
    ]);
  });

  it('in follow mode the topology ConfigMap is published again on every change', async () => {
    const ns = await freshNamespace(cp!, 'eno-follow');
    const { catalog } = await loadCatalog(resourcesDir());
    const session = new Session(catalog, systemClock, await patchFrom(WEB));
    await service.connect(ADMIN_CONTEXT, ns);
    const follow = new FollowService({
      cluster: service,
      session,
      timers: systemTimers,
      patchName: () => 'web-app',
      publish: (c, namespace, name) => publishTopology(c, session.patch, name, namespace).then(() => undefined),
    });
    try {
      follow.setPublishTopology(true);
      follow.arm(ADMIN_CONTEXT, ns);
      await follow.settled();
      const replicas = async () => {
        const cm = await kubectlJson<ConfigMap>(cp!, ['-n', ns, 'get', 'configmap', 'web-app-topology']);
        return JSON.stringify(JSON.parse(cm.data[TOPOLOGY_DATA_KEY]!)).match(/"replicas":(\d+)/)?.[1];
      };
      expect(await replicas()).toBe('2');
      session.apply({ type: 'set-param', id: 'deployment-1', param: 'replicas', value: 4 }, { source: 'ui' });
      await expect.poll(replicas, { timeout: 20_000 }).toBe('4');
    } finally {
      follow.dispose();
      service.disconnect();
    }
  });
});
