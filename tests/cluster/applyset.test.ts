/**
 * The rack's ApplySet as kubectl sees it, on the real control plane: objects kubectl made that the
 * patch covers are adopted (labelled) on apply, so kubectl's member selector lists exactly what the
 * rack considers its own and prune reaches them; and `kubectl apply --prune --applyset` refuses to
 * mutate the rack's set, because its tooling annotation names k8s-synth (KEP-3659: a tool never
 * changes another tool's ApplySet).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '../../main/cluster/apply';
import { ClusterService } from '../../main/cluster/cluster-service';
import { planApply } from '../../main/cluster/plan';
import { manifestsToYaml } from '../../main/synth/yaml-text';
import { admin, controlPlane, freshNamespace, kubectlJson } from '../helpers/control-plane/fixture';
import { ADMIN_CONTEXT } from '../helpers/control-plane/start';
import { patchManifests, WEB, WEB_WITHOUT_CONFIG } from '../helpers/control-plane/web-patch';

const cp = controlPlane();

/** What kubectl lists by the ApplySet's member label, as "Kind/name". */
async function kubectlMembers(ns: string, id: string): Promise<string[]> {
  const list = await kubectlJson(cp!, [
    '-n',
    ns,
    'get',
    'deployments,services,configmaps',
    '-l',
    `applyset.kubernetes.io/part-of=${id}`,
  ]);
  return list.items.map((o) => `${o['kind']}/${(o['metadata'] as { name: string }).name}`).sort();
}

/** The manifests without the module annotation (the ApplySet label is added only on apply): applied by hand before. */
function byHand(manifests: Awaited<ReturnType<typeof patchManifests>>): string {
  return manifestsToYaml(
    manifests.map((m) => {
      const copy = structuredClone(m) as { metadata: { annotations?: Record<string, string> } };
      delete copy.metadata.annotations;
      return copy as unknown as Record<string, unknown>;
    }),
  );
}

describe.runIf(cp)('the ApplySet, with kubectl as the witness', () => {
  let service: ClusterService;
  beforeAll(async () => {
    // kubectl 1.37 still gates --applyset behind this variable.
    process.env['KUBECTL_APPLYSET'] = 'true';
    service = new ClusterService({ env: { KUBECONFIG: cp!.kubeconfig.admin, PATH: process.env['PATH'] }, watchFiles: false });
    await service.start();
  });

  it('adopts what kubectl applied and the patch covers, so kubectl lists the same members and prune reaches them', async () => {
    const ns = await freshNamespace(cp!, 'adopt');
    const manifests = await patchManifests(WEB);
    // The ConfigMap and the Service were applied with kubectl first, exactly as the patch has them.
    const theirs = manifests.filter((m) => m['kind'] !== 'Deployment');
    await admin(cp!, ['-n', ns, 'apply', '-f', '-'], byHand(theirs));
    const conn = await service.open(ADMIN_CONTEXT);
    const plan = await planApply(conn, manifests, { namespace: ns, patchName: 'web-app' });
    expect(plan.items.map((i) => [i.kind, i.action, i.changes.length])).toEqual([
      ['Deployment', 'create', 0],
      ['Service', 'adopt', 0],
      ['ConfigMap', 'adopt', 0],
    ]);
    expect(plan.summary).toBe('1 to create, 2 to adopt into the ApplySet, 0 unchanged');
    expect(await kubectlMembers(ns, plan.applySet.id)).toEqual([]);

    const result = await applyPlan(conn, plan, manifests);
    expect(result.items.map((i) => i.outcome)).toEqual(['created', 'adopted', 'adopted']);
    // kubectl and the rack agree on the members: exactly the patch's objects.
    expect(await kubectlMembers(ns, plan.applySet.id)).toEqual(['ConfigMap/settings', 'Deployment/web', 'Service/web']);
    expect((await planApply(conn, manifests, { namespace: ns, patchName: 'web-app' })).summary).toBe('No changes (3 unchanged)');

    // The ConfigMap leaves the patch: prune deletes it, although kubectl made it (it set no field the rack does not).
    const next = await patchManifests(WEB_WITHOUT_CONFIG);
    const prune = await planApply(conn, next, { namespace: ns, patchName: 'web-app' });
    expect(prune.items.filter((i) => i.action === 'delete').map((i) => `${i.kind}/${i.name}`)).toEqual(['ConfigMap/settings']);
    expect(prune.kept).toEqual([]);
    await applyPlan(conn, prune, next);
    expect(await kubectlMembers(ns, plan.applySet.id)).toEqual(['Deployment/web', 'Service/web']);
    const left = await kubectlJson(cp!, ['-n', ns, 'get', 'configmaps']);
    expect(left.items.map((o) => (o['metadata'] as { name: string }).name)).toEqual(['kube-root-ca.crt']);
    conn.close();
  });

  it('kubectl apply --prune --applyset refuses the rack’s set by its tooling, and changes nothing', async () => {
    const ns = await freshNamespace(cp!, 'tooling');
    const manifests = await patchManifests(WEB);
    const conn = await service.open(ADMIN_CONTEXT);
    const plan = await planApply(conn, manifests, { namespace: ns, patchName: 'web-app' });
    await applyPlan(conn, plan, manifests);
    const before = await kubectlJson<{ metadata: { resourceVersion: string } }>(cp!, [
      '-n',
      ns,
      'get',
      'secret',
      'k8s-synth-web-app',
    ]);

    const refused = admin(
      cp!,
      ['-n', ns, 'apply', '--server-side', '--prune', '--applyset=k8s-synth-web-app', '-f', '-'],
      byHand(await patchManifests(WEB_WITHOUT_CONFIG)),
    );
    await expect(refused).rejects.toThrow(/already exists and is managed by tooling "k8s-synth" instead of "kubectl"/);
    const after = await kubectlJson<{ metadata: { resourceVersion: string } }>(cp!, [
      '-n',
      ns,
      'get',
      'secret',
      'k8s-synth-web-app',
    ]);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(await kubectlMembers(ns, plan.applySet.id)).toEqual(['ConfigMap/settings', 'Deployment/web', 'Service/web']);
    conn.close();
  });
});
