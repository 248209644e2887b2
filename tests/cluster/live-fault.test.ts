/**
 * Watches that keep working, on a dedicated kube-apiserver of the run's etcd (extra-apiserver.ts)
 * that is killed with SIGKILL mid-watch and started again: the watches say "reconnecting since",
 * resume, and the rack ends in the cluster's state with no Event lost or shown twice, although
 * the Deployment was scaled (through the run's main API server) while this one was down. Also:
 * the staleness watchdog relists, driven by an injected clock; and a stopped API server gives
 * the unreachable message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListWatch } from '../../main/cluster/live/list-watch';
import { ManualClock } from '../../main/time/clock';
import { ManualTimers } from '../helpers/manual-timers';
import { startExtraApiserver, type ExtraApiserver } from '../helpers/control-plane/extra-apiserver';
import { admin, controlPlane, freshNamespace, kubectlJson } from '../helpers/control-plane/fixture';
import { fakeNodeYaml, liveRack, webYaml, type LiveRack } from '../helpers/live-rack';

const cp = controlPlane();
const NODE = `kwok-fault-${process.pid}`;

describe.runIf(cp)('live watches when the API server goes away', () => {
  let extra: ExtraApiserver;
  let rack: LiveRack;
  let ns: string;

  beforeAll(async () => {
    await admin(cp!, ['apply', '-f', '-'], fakeNodeYaml(NODE));
    extra = await startExtraApiserver(cp!, 'fault');
    ns = await freshNamespace(cp!, 'fault');
    rack = await liveRack({
      kubeconfigs: [extra.kubeconfig],
      yaml: webYaml(NODE, 2),
      backoff: { baseMs: 200, maxMs: 1000 },
    });
    await rack.connectAndApply(extra.context, ns);
  });

  afterAll(async () => {
    rack?.dispose();
    await extra?.stop();
    await admin(cp!, ['delete', 'node', NODE, '--wait=false']).catch(() => undefined);
  });

  const pods = () => rack.session.patch.modules.filter((m) => m.type === 'pod').map((m) => m.id);
  const lit = () => pods().map((p) => rack.frame().lights?.[`${p}/ready-led`]);
  const lines = () => rack.live.state().watches.map((w) => w.line);

  it('kill -9 and restart: the watches resume and the rack shows what happened meanwhile, once', async () => {
    await expect.poll(lit, { timeout: 60_000 }).toEqual([1, 1]);
    const dep = rack.session.patch.modules.find((m) => m.type === 'deployment')!.id;

    await extra.kill();
    await expect.poll(() => lines().every((l) => l.startsWith('reconnecting since')), { timeout: 30_000 }).toBe(true);
    // The broken stream reads "reset"; the attempts after it find nobody listening.
    await expect.poll(() => lines()[0], { timeout: 30_000 }).toMatch(/connection was refused/);
    // The other hand works through the run's main API server while ours is down.
    await admin(cp!, ['-n', ns, 'scale', 'deployment', 'web', '--replicas=1']);
    await expect.poll(async () => (await kubectlJson(cp!, ['-n', ns, 'get', 'pods'])).items.length, { timeout: 60_000 }).toBe(1);

    await extra.restart();
    await expect.poll(() => lines().every((l) => l === 'watching') || lines(), { timeout: 60_000 }).toBe(true);
    expect(rack.live.state().watches.every((w) => w.restarts + w.relists >= 1)).toBe(true);
    await expect.poll(() => lit().sort(), { timeout: 30_000 }).toEqual([0, 1]);
    const live = (await kubectlJson(cp!, ['-n', ns, 'get', 'pods'])).items.map((o) => (o['metadata'] as { name: string }).name);
    expect(rack.live.live!.objects().pods.map((p) => p.metadata.name)).toEqual(live);
    await expect.poll(() => rack.frame().status?.[dep], { timeout: 30_000 }).toBe('1/1 ready');

    // The scale-down's Event came in after the restart: reported once, by the Deployment's rack name.
    await expect
      .poll(() => rack.events.filter((e) => e.reason === 'SuccessfulDelete' && e.object === dep).length, { timeout: 30_000 })
      .toBe(1);
    const keys = rack.events.map((e) => JSON.stringify([e.reason, e.object, e.message, e.count, e.time]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a stopped API server gives the unreachable message with host and port', async () => {
    await extra.kill();
    try {
      const state = await rack.cluster.connect(extra.context, ns);
      expect(state.connection?.status).toMatchObject({ reachable: false, authenticated: false });
      const { port } = new URL(extra.server);
      expect(state.connection?.status.error).toBe(
        `Cannot reach 127.0.0.1:${port} for context ${extra.context}: the connection was refused. Is the cluster running, and is the server URL in the kubeconfig right?`,
      );
      // Not authenticated: nothing is watched, the faceplates go back to the simulator.
      expect(rack.live.state().source).toBe('simulated');
    } finally {
      await extra.restart();
    }
  });

  it('the staleness watchdog relists a quiet watch (injected clock and timers)', async () => {
    const clock = new ManualClock(Date.now());
    const timers = new ManualTimers(clock);
    const conn = await rack.cluster.open(extra.context);
    let changes = 0;
    const watch = new ListWatch({
      http: conn.http,
      kind: 'Pod',
      path: `/api/v1/namespaces/${ns}/pods`,
      clock,
      timers,
      staleMs: 60_000,
      onChange: () => changes++,
      onStatus: () => undefined,
    });
    try {
      watch.start();
      await expect.poll(() => watch.status.state, { timeout: 30_000 }).toBe('watching');
      expect(changes).toBe(1); // the list
      timers.advance(59_000);
      expect(watch.status.relists).toBe(0);
      timers.advance(1_000);
      expect(watch.status.relists).toBe(1);
      await expect.poll(() => changes, { timeout: 30_000 }).toBe(2);
      await expect.poll(() => watch.status.state, { timeout: 30_000 }).toBe('watching');
      expect(watch.objects()).toHaveLength(1);
    } finally {
      watch.stop();
      conn.close();
    }
  });
});
