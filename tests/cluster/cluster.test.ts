/**
 * main/cluster against a real control plane (etcd, kube-apiserver 1.37, controller-manager,
 * scheduler, kwok), with kubectl 1.37 as the outside witness: contexts from two files, diff,
 * nothing applied before confirmation, apply, conflicts and take over, prune, import then an
 * empty diff, and the messages for 403 and 401 (an unreachable server: live-fault.test.ts).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, resourcesDir } from '../../main/catalog/load-catalog';
import { applyPlan } from '../../main/cluster/apply';
import { ClusterService } from '../../main/cluster/cluster-service';
import type { ClusterConnection } from '../../main/cluster/connection';
import { readNamespace } from '../../main/cluster/import-namespace';
import { snapshotToPatch } from '../../main/cluster/import-patch';
import { planApply } from '../../main/cluster/plan';
import type { Catalog } from '../../main/patch/catalog';
import { synthesizePatch } from '../../main/synth/synth';
import { admin, controlPlane, freshNamespace, kubectlJson } from '../helpers/control-plane/fixture';
import { ADMIN_CONTEXT, kubeconfigYaml, READER_CONTEXT } from '../helpers/control-plane/start';
import { patchManifests, WEB, WEB_WITHOUT_CONFIG } from '../helpers/control-plane/web-patch';

const cp = controlPlane();

let catalog: Catalog;
let service: ClusterService;

async function withKubeconfig(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'k8s-synth-kc-'));
  const file = path.join(dir, 'config');
  await writeFile(file, text);
  return file;
}

async function open(context = ADMIN_CONTEXT): Promise<ClusterConnection> {
  return service.open(context);
}

describe.runIf(cp)('a real cluster', () => {
  beforeAll(async () => {
    catalog = (await loadCatalog(resourcesDir())).catalog;
    // Two files, as KUBECONFIG lists them, plus a broken one that must not hide the others.
    const broken = await withKubeconfig(
      'apiVersion: v1\ncontexts:\n- name: orphan\n  context: {cluster: nowhere, user: nobody}\n',
    );
    service = new ClusterService({
      env: { KUBECONFIG: [cp!.kubeconfig.admin, cp!.kubeconfig.reader, broken].join(path.delimiter), PATH: process.env['PATH'] },
      watchFiles: false,
    });
    await service.start();
  });

  it('lists the contexts of two kubeconfig files and reports the broken entry by name', () => {
    const state = service.state();
    expect(state.contexts.map((c) => [c.name, c.server, c.user, c.authKind])).toEqual([
      [ADMIN_CONTEXT, cp!.server, 'synth-admin', 'token'],
      [READER_CONTEXT, cp!.server, 'synth-reader', 'token'],
    ]);
    expect(state.errors).toEqual([expect.stringMatching(/context "orphan": cluster "nowhere" is not defined/)]);
  });

  it('connects: server version, authenticated, and what the user may do', async () => {
    const ns = await freshNamespace(cp!, 'connect');
    const state = await service.connect(ADMIN_CONTEXT, ns);
    expect(state.connection?.status).toMatchObject({
      reachable: true,
      authenticated: true,
      serverVersion: 'v1.37.2',
      username: 'synth-admin',
    });
    expect(state.connection?.permissions?.allowed).toEqual({ diff: true, apply: true, prune: true, import: true });
    expect(state.connection?.namespaces).toContain(ns);
    const reader = await service.connect(READER_CONTEXT, ns);
    expect(reader.connection?.permissions?.allowed).toEqual({ diff: false, apply: false, prune: false, import: true });
    expect(reader.connection?.permissions?.denied).toContain(`create deployments.apps in ${ns}`);
    service.disconnect();
  });

  it('diffs create, writes nothing before the apply, then apply creates what kubectl sees', async () => {
    const ns = await freshNamespace(cp!, 'apply');
    const conn = await open();
    const manifests = await patchManifests(WEB);
    const plan = await planApply(conn, manifests, { namespace: ns, patchName: 'web-app' });
    expect(plan.items.map((i) => [i.kind, i.name, i.action])).toEqual([
      ['Deployment', 'web', 'create'],
      ['Service', 'web', 'create'],
      ['ConfigMap', 'settings', 'create'],
    ]);
    expect(plan.summary).toBe('3 to create, 0 unchanged');
    // The dry run left nothing behind.
    expect(
      (await kubectlJson(cp!, ['-n', ns, 'get', 'deployments,services,configmaps,secrets', '-l', 'app.kubernetes.io/part-of']))
        .items,
    ).toEqual([]);
    const result = await applyPlan(conn, plan, manifests);
    expect(result.items.map((i) => i.outcome)).toEqual(['created', 'created', 'created']);
    const live = await kubectlJson(cp!, [
      '-n',
      ns,
      'get',
      'deployments,services,configmaps',
      '-l',
      `applyset.kubernetes.io/part-of=${plan.applySet.id}`,
    ]);
    expect(live.items.map((o) => `${o['kind']}/${(o['metadata'] as { name: string }).name}`).sort()).toEqual([
      'ConfigMap/settings',
      'Deployment/web',
      'Service/web',
    ]);
    const parent = await kubectlJson<{ metadata: { labels: Record<string, string>; annotations: Record<string, string> } }>(cp!, [
      '-n',
      ns,
      'get',
      'secret',
      'k8s-synth-web-app',
    ]);
    expect(parent.metadata.labels['applyset.kubernetes.io/id']).toBe(plan.applySet.id);
    expect(parent.metadata.annotations['applyset.kubernetes.io/contains-group-kinds']).toBe('ConfigMap,Deployment.apps,Service');
    // Nothing left to do: the same diff again is empty.
    expect((await planApply(conn, manifests, { namespace: ns, patchName: 'web-app' })).summary).toBe('No changes (3 unchanged)');
    conn.close();
  });

  it('diffs update, unchanged and delete, and prune deletes only what the patch no longer has', async () => {
    const ns = await freshNamespace(cp!, 'prune');
    const conn = await open();
    const first = await patchManifests(WEB);
    await applyPlan(conn, await planApply(conn, first, { namespace: ns, patchName: 'web-app' }), first);
    // An object of another manager, with no ApplySet label: never pruned.
    await admin(cp!, ['-n', ns, 'create', 'configmap', 'theirs', '--from-literal=a=b']);
    const next = await patchManifests(WEB_WITHOUT_CONFIG.replace('replicas: 2', 'replicas: 4'));
    const plan = await planApply(conn, next, { namespace: ns, patchName: 'web-app' });
    expect(plan.items.map((i) => [i.kind, i.name, i.action])).toEqual([
      ['Deployment', 'web', 'update'],
      ['Service', 'web', 'unchanged'],
      ['ConfigMap', 'settings', 'delete'],
    ]);
    expect(plan.items[0]!.changes).toEqual([{ path: 'spec.replicas', before: 2, after: 4 }]);
    expect(plan.summary).toBe('1 to change, 1 to delete, 1 unchanged');
    const result = await applyPlan(conn, plan, next);
    expect(result.items.map((i) => i.outcome)).toEqual(['configured', 'unchanged', 'deleted']);
    const cms = await kubectlJson(cp!, ['-n', ns, 'get', 'configmaps']);
    expect(cms.items.map((o) => (o['metadata'] as { name: string }).name).sort()).toEqual(['kube-root-ca.crt', 'theirs']);
    expect((await kubectlJson<{ spec: { replicas: number } }>(cp!, ['-n', ns, 'get', 'deployment', 'web'])).spec.replicas).toBe(
      4,
    );
    conn.close();
  });

  it('keeps a pruned member that another manager also owns', async () => {
    const ns = await freshNamespace(cp!, 'keep');
    const conn = await open();
    const first = await patchManifests(WEB);
    await applyPlan(conn, await planApply(conn, first, { namespace: ns, patchName: 'web-app' }), first);
    await admin(cp!, [
      '-n',
      ns,
      'patch',
      'configmap',
      'settings',
      '--type=merge',
      '-p',
      '{"data":{"extra":"kubectl"}}',
      '--field-manager=someone-else',
    ]);
    const next = await patchManifests(WEB_WITHOUT_CONFIG);
    const plan = await planApply(conn, next, { namespace: ns, patchName: 'web-app' });
    expect(plan.counts.delete).toBe(0);
    expect(plan.kept).toEqual(['ConfigMap settings (also managed by someone-else)']);
    conn.close();
  });

  it('a field applied by kubectl conflicts, is listed with its manager, and take over applies it', async () => {
    const ns = await freshNamespace(cp!, 'conflict');
    const conn = await open();
    const manifests = await patchManifests(WEB);
    await applyPlan(conn, await planApply(conn, manifests, { namespace: ns, patchName: 'web-app' }), manifests);
    await admin(
      cp!,
      ['-n', ns, 'apply', '--server-side', '--force-conflicts', '--field-manager=kubectl', '-f', '-'],
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 5}\n',
    );
    const changed = await patchManifests(WEB.replace('replicas: 2', 'replicas: 3'));
    const plan = await planApply(conn, changed, { namespace: ns, patchName: 'web-app' });
    expect(plan.items[0]!.error).toBeUndefined();
    expect(plan.items[0]).toMatchObject({
      kind: 'Deployment',
      action: 'conflict',
      conflicts: [{ field: '.spec.replicas', manager: 'kubectl' }],
    });
    const refused = await applyPlan(conn, plan, changed);
    expect(refused.items[0]).toMatchObject({ outcome: 'conflict', conflicts: [{ field: '.spec.replicas', manager: 'kubectl' }] });
    expect(refused.ok).toBe(false);
    expect((await kubectlJson<{ spec: { replicas: number } }>(cp!, ['-n', ns, 'get', 'deployment', 'web'])).spec.replicas).toBe(
      5,
    );
    const taken = await applyPlan(conn, plan, changed, { takeOver: new Set([plan.items[0]!.key]) });
    expect(taken.items[0]!.outcome).toBe('configured');
    expect((await kubectlJson<{ spec: { replicas: number } }>(cp!, ['-n', ns, 'get', 'deployment', 'web'])).spec.replicas).toBe(
      3,
    );
    // Converged: nothing left to do.
    expect((await planApply(conn, changed, { namespace: ns, patchName: 'web-app' })).summary).toBe('No changes (3 unchanged)');
    conn.close();
  });

  it('imports a namespace made with kubectl, places its Pods on their Nodes, and the diff of it is empty', async () => {
    const ns = await freshNamespace(cp!, 'import');
    await admin(cp!, ['-n', ns, 'create', 'deployment', 'shop', '--image=nginx:1.27', '--replicas=2', '--port=80']);
    await admin(cp!, ['-n', ns, 'expose', 'deployment', 'shop', '--port=80']);
    await admin(cp!, ['-n', ns, 'create', 'configmap', 'shop-config', '--from-literal=colour=blue']);
    await admin(cp!, ['-n', ns, 'wait', '--for=condition=Available', 'deployment/shop', '--timeout=60s']);
    const conn = await open();
    const snapshot = await readNamespace(conn, ns);
    expect(snapshot.manifests.map((m) => `${m['kind']}/${(m['metadata'] as { name: string }).name}`)).toEqual([
      'ConfigMap/shop-config',
      'Deployment/shop',
      'Service/shop',
    ]);
    const service = snapshot.manifests.find((m) => m['kind'] === 'Service')!;
    expect(service['spec']).not.toHaveProperty('clusterIP');
    expect(service).not.toHaveProperty('status');
    const imported = snapshotToPatch(snapshot, catalog);
    if (!imported.ok) throw new Error(imported.error);
    const pods = imported.patch.modules.filter((m) => m.type === 'pod');
    expect(pods.map((p) => p.data['name'])).toEqual(snapshot.pods.map((p) => p.name));
    expect(pods.every((p) => p.data['scheduled'] === true)).toBe(true);
    const nodes = imported.patch.modules.filter((m) => m.type === 'node').map((m) => m.data['name']);
    expect(nodes).toEqual(['kwok-node-1', 'kwok-node-2']);
    for (const p of snapshot.pods) {
      const pod = pods.find((m) => m.data['name'] === p.name)!;
      const cable = imported.patch.cables.find((c) => c.from.module === pod.id && c.from.jack === 'load')!;
      expect(imported.patch.modules.find((m) => m.id === cable.to.module)?.data['name']).toBe(p.node);
    }
    const { manifests } = synthesizePatch(imported.patch, ns);
    const plan = await planApply(conn, manifests, { namespace: ns, patchName: ns });
    // Nothing to change; kubectl made them, so applying only adds the rack's labels (ApplySet membership).
    expect(plan.items.map((i) => [i.kind, i.action, i.changes])).toEqual([
      ['Deployment', 'adopt', []],
      ['Service', 'adopt', []],
      ['ConfigMap', 'adopt', []],
    ]);
    expect(plan.summary).toBe('3 to adopt into the ApplySet, 0 unchanged');
    await applyPlan(conn, plan, manifests);
    expect((await planApply(conn, manifests, { namespace: ns, patchName: ns })).summary).toBe('No changes (3 unchanged)');
    conn.close();
  });

  it('a token that may only get and list is refused apply with the verb and the resource', async () => {
    const ns = await freshNamespace(cp!, 'rbac');
    const conn = await open(READER_CONTEXT);
    const plan = await planApply(conn, await patchManifests(WEB), { namespace: ns, patchName: 'web-app' });
    expect(plan.items[0]!.action).toBe('error');
    expect(plan.items[0]!.error).toMatch(
      new RegExp(
        `User synth-reader may not patch deployments\\.apps in namespace ${ns} on context ${READER_CONTEXT} .*\\(403 Forbidden\\)`,
      ),
    );
    conn.close();
  });

  it('a revoked token gives the 401 message', async () => {
    const ns = await freshNamespace(cp!, 'revoked');
    await admin(cp!, ['-n', ns, 'create', 'serviceaccount', 'robot']);
    const token = (await admin(cp!, ['-n', ns, 'create', 'token', 'robot'])).trim();
    await admin(cp!, ['-n', ns, 'delete', 'serviceaccount', 'robot']);
    const file = await withKubeconfig(
      kubeconfigYaml({ context: 'robot', server: cp!.server, caFile: cp!.caFile, user: 'robot', token }),
    );
    const revoked = new ClusterService({ env: { KUBECONFIG: file }, watchFiles: false });
    await revoked.start();
    const state = await revoked.connect('robot', ns);
    expect(state.connection?.status).toMatchObject({ reachable: true, authenticated: false });
    expect(state.connection?.status.error).toMatch(
      /rejected the credentials of user robot \(401 Unauthorized\): they have expired or were revoked/,
    );
    revoked.dispose();
  });

  // A server that is not running: tests/cluster/live-fault.test.ts stops a real API server of its
  // own (the run's must stay up for the other tests) and checks the unreachable message.

  it('never lets a credential out: state, plans and results carry no token', async () => {
    const ns = await freshNamespace(cp!, 'secrets');
    const state = await service.connect(ADMIN_CONTEXT, ns);
    const conn = await open();
    const manifests = await patchManifests(WEB);
    const plan = await planApply(conn, manifests, { namespace: ns, patchName: 'web-app' });
    const result = await applyPlan(conn, plan, manifests);
    const kubeconfig = await readFile(cp!.kubeconfig.admin, 'utf8');
    for (const text of [JSON.stringify(state), JSON.stringify(plan), JSON.stringify(result), JSON.stringify(service.state())]) {
      expect(text).not.toContain(cp!.tokens.admin);
      expect(text).not.toContain(cp!.tokens.reader);
    }
    expect(kubeconfig).toContain(cp!.tokens.admin); // the check above looked for something real
    conn.close();
    service.disconnect();
  });
});
