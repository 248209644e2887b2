/**
 * The live cluster on the rack, against the run's real control plane (kwok runs the Pods), with
 * kubectl as the other hand: Pods becoming ready light their modules' LEDs through the same
 * frames the simulator sends; a Pod deleted with kubectl goes dark and comes back; kubectl
 * cordon turns the Node module's switch, and the switch turned on the rack cordons only once
 * confirmed; the cluster's Events reach the Events tab by rack name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, controlPlane, freshNamespace, kubectlJson } from '../helpers/control-plane/fixture';
import { ADMIN_CONTEXT } from '../helpers/control-plane/start';
import { fakeNodeYaml, liveRack, webYaml, type LiveRack } from '../helpers/live-rack';

const cp = controlPlane();
const NODE = `kwok-live-${process.pid}`;

describe.runIf(cp)('the live cluster on the rack', () => {
  let rack: LiveRack;
  let ns: string;
  let pods: string[];
  let node: string;
  let deployment: string;
  let service: string;
  const light = (key: string) => rack.frame().lights?.[key];
  const status = (id: string) => rack.frame().status?.[id] ?? '';

  beforeAll(async () => {
    await admin(cp!, ['apply', '-f', '-'], fakeNodeYaml(NODE));
    ns = await freshNamespace(cp!, 'live');
    rack = await liveRack({ kubeconfigs: [cp!.kubeconfig.admin], yaml: webYaml(NODE) });
    const of = (type: string) => rack.session.patch.modules.filter((m) => m.type === type).map((m) => m.id);
    pods = of('pod');
    [node] = of('node') as [string];
    [deployment] = of('deployment') as [string];
    [service] = of('service') as [string];
    expect(pods).toHaveLength(2);
    await rack.connectAndApply(ADMIN_CONTEXT, ns);
  });

  afterAll(async () => {
    rack?.dispose();
    await admin(cp!, ['delete', 'node', NODE, '--wait=false']).catch(() => undefined);
  });

  it('says it is live, watches every kind, and lights the Pods’ LEDs once they are ready', async () => {
    expect(rack.live.state()).toMatchObject({ source: 'live', context: ADMIN_CONTEXT, namespace: ns });
    await expect.poll(() => pods.map((p) => light(`${p}/ready-led`)), { timeout: 60_000 }).toEqual([1, 1]);
    expect(pods.map((p) => light(`${p}/phase`))).toEqual([1, 1]);
    expect(rack.live.state().watches.map((w) => [w.kind, w.line])).toEqual(
      ['Pod', 'Deployment', 'Service', 'EndpointSlice', 'Ingress', 'Node', 'Event'].map((k) => [k, 'watching']),
    );
    await expect.poll(() => status(deployment), { timeout: 30_000 }).toBe('2/2 ready');
    expect(rack.frame().volts?.[`${deployment}/ready-count`]).toBe(10);
    // Two Pods of 500m on a 4-CPU Node.
    expect(status(node)).toBe('Ready · 25% cpu requested');
    await expect.poll(() => status(service), { timeout: 30_000 }).toBe('2 endpoints ready');
    const names = (await kubectlJson(cp!, ['-n', ns, 'get', 'pods'])).items.map((o) => (o['metadata'] as { name: string }).name);
    expect(pods.map((p) => status(p).split(' · ')[0]).sort()).toEqual(names.sort());
  });

  it('kubectl delete pod: its LED goes off, then the replacement lights it again', async () => {
    const [first] = pods as [string];
    const before = status(first).split(' · ')[0]!;
    await admin(cp!, ['-n', ns, 'delete', 'pod', before, '--wait=false']);
    await expect.poll(() => status(first).split(' · ')[0], { timeout: 60_000 }).not.toBe(before);
    await expect.poll(() => light(`${first}/ready-led`), { timeout: 60_000 }).toBe(1);
    const seen = rack.history(`${first}/ready-led`);
    expect(seen.slice(-3)).toEqual([1, 0, 1]);
    // The other module kept its Pod: slots are stable.
    expect(light(`${pods[1]}/ready-led`)).toBe(1);
    // The ReplicaSet's event, by the Deployment's rack name.
    await expect
      .poll(() => rack.events.filter((e) => e.reason === 'SuccessfulCreate' && e.object === deployment).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
  });

  it('kubectl cordon turns the switch; the switch turned on the rack cordons once confirmed', async () => {
    const cordon = () => rack.session.patch.modules.find((m) => m.id === node)!.params['cordon'];
    await admin(cp!, ['cordon', NODE]);
    await expect.poll(cordon, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => light(`${node}/cordon-led`), { timeout: 30_000 }).toBe(1);
    expect(status(node)).toMatch(/^Ready,SchedulingDisabled/);

    // Turned back on the rack (a screen or physical switch is a set-param op): asked first.
    rack.session.apply({ type: 'set-param', id: node, param: 'cordon', value: 0 }, { source: 'ui' });
    const pending = rack.live.state().pending;
    expect(pending).toMatchObject({ kind: 'uncordon', module: node, context: ADMIN_CONTEXT, namespace: ns });
    expect(pending?.action).toBe(`Uncordon Node ${NODE}`);
    const unschedulable = async () =>
      (await kubectlJson<{ spec: { unschedulable?: boolean } }>(cp!, ['get', 'node', NODE])).spec.unschedulable === true;
    expect(await unschedulable()).toBe(true); // nothing sent before the confirmation
    expect(await rack.live.confirm(pending!.id, true)).toEqual({ ok: true });
    await expect.poll(unschedulable, { timeout: 30_000 }).toBe(false);
    await expect.poll(() => light(`${node}/cordon-led`), { timeout: 30_000 }).toBe(0);

    // Cordoned from the rack, then refused: the switch turns back, the Node stays as it was.
    rack.session.apply({ type: 'set-param', id: node, param: 'cordon', value: 1 }, { source: 'hardware' });
    const asked = rack.live.state().pending!;
    expect(asked.kind).toBe('cordon');
    await rack.live.confirm(asked.id, false);
    await expect.poll(cordon, { timeout: 10_000 }).toBe(0);
    expect(await unschedulable()).toBe(false);
  });

  it('Kill pod on the rack deletes the Pod after the confirmation; the controller makes a new one', async () => {
    const [, second] = pods as [string, string];
    const before = status(second).split(' · ')[0]!;
    expect(rack.live.request('kill-pod', second)).toEqual({ ok: true });
    const asked = rack.live.state().pending!;
    expect(asked).toMatchObject({ kind: 'kill-pod', module: second, context: ADMIN_CONTEXT, namespace: ns });
    expect(asked.action).toBe(`Delete Pod ${before} (its controller makes a new one)`);
    expect(await rack.live.confirm(asked.id, true)).toEqual({ ok: true });
    await expect.poll(() => status(second).split(' · ')[0], { timeout: 60_000 }).not.toBe(before);
    await expect.poll(() => light(`${second}/ready-led`), { timeout: 60_000 }).toBe(1);
    expect(rack.sim.fault({ kind: 'kill-pod', target: second })).toMatchObject({ ok: false });
  });

  it('objects the patch does not hold are listed as not on the rack', async () => {
    await admin(cp!, ['-n', ns, 'create', 'service', 'clusterip', 'other', '--tcp=80:80']);
    await expect.poll(() => rack.live.state().offRack, { timeout: 30_000 }).toEqual(['Service/other']);
  });

  it('disconnecting goes back to the simulator', () => {
    rack.cluster.disconnect();
    expect(rack.live.state()).toEqual({ source: 'simulated', watches: [], offRack: [] });
    expect(status(pods[0]!)).not.toMatch(/ · /);
  });
});
