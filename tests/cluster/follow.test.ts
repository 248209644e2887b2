/**
 * Follow mode on the real control plane, kubectl as the witness: armed for one connection, every
 * patch change is applied after a short pause (a Service's selector cable moved, the replicas knob
 * turned, a recorded performance replayed); nothing is written before arming or after disarming;
 * an object the server refuses is reported on its module and the others still go through; the
 * physical rack's FOLLOW switch at SAFE disarms at once.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../helpers/manual-timers';
import { caseFixture, FIXTURE_UID, mirroredPatch } from '../../main/hardware/mirror/case-fixture';
import { controlOps } from '../../main/hardware/mirror/sync';
import { batch, type Op } from '../../main/patch/ops';
import { ClusterService } from '../../main/cluster/cluster-service';
import { FollowService } from '../../main/cluster/follow/follow-service';
import { HistoryDatabase } from '../../main/history/database';
import { Deck } from '../../main/history/deck';
import { PerformanceStore } from '../../main/history/performance-store';
import { HistoryStore } from '../../main/history/history-store';
import { loadCatalog, resourcesDir } from '../../main/catalog/load-catalog';
import type { Catalog } from '../../main/patch/catalog';
import { Session } from '../../main/session/session';
import { ManualClock, systemClock } from '../../main/time/clock';
import { systemTimers } from '../../main/time/timers';
import { controlPlane, freshNamespace, kubectlJson } from '../helpers/control-plane/fixture';
import { ADMIN_CONTEXT } from '../helpers/control-plane/start';
import { patchFrom, WEB } from '../helpers/control-plane/web-patch';

const cp = controlPlane();

/** WEB plus a second Deployment, api, with one Pod: somewhere else to point the Service. */
const WEB_AND_API = `${WEB}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 1
  selector: {matchLabels: {app.kubernetes.io/name: api}}
  template:
    metadata: {labels: {app.kubernetes.io/name: api}}
    spec:
      containers: [{name: api, image: "nginx:1.27"}]
`;

let catalog: Catalog;
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(yaml = WEB) {
  const ns = await freshNamespace(cp!, 'follow');
  const session = new Session(catalog, systemClock, await patchFrom(yaml));
  const cluster = new ClusterService({ env: { KUBECONFIG: cp!.kubeconfig.admin, PATH: process.env['PATH'] }, watchFiles: false });
  await cluster.start();
  await cluster.connect(ADMIN_CONTEXT, ns);
  const follow = new FollowService({ cluster, session, timers: systemTimers, patchName: () => 'web-app' });
  cleanups.push(() => {
    follow.dispose();
    cluster.dispose();
  });
  return { ns, session, cluster, follow };
}

const apply = (session: Session, op: Op) => expect(session.apply(op, { source: 'ui' })).toMatchObject({ ok: true });

async function get<T>(ns: string, what: string): Promise<T> {
  return kubectlJson<T>(cp!, ['-n', ns, 'get', what]);
}
const selectorOf = async (ns: string) =>
  (await get<{ spec: { selector?: Record<string, string> } }>(ns, 'service/web')).spec.selector;
const replicasOf = async (ns: string) => (await get<{ spec: { replicas: number } }>(ns, 'deployment/web')).spec.replicas;

describe.runIf(cp)('follow mode', () => {
  beforeAll(async () => {
    catalog = (await loadCatalog(resourcesDir())).catalog;
  });

  it('pull a Service’s selector cable and plug it into another Pod: kubectl shows the new selector', async () => {
    const { ns, session, follow } = await rig(WEB_AND_API);
    expect(() => follow.arm(ADMIN_CONTEXT, 'elsewhere')).toThrow(/The connection is now .*\/.*, not synth-admin\/elsewhere/);
    follow.arm(ADMIN_CONTEXT, ns);
    await follow.settled();
    expect(await selectorOf(ns)).toEqual({ 'app.kubernetes.io/name': 'web' });

    const selectCables = session.patch.cables.filter((c) => c.to.module === 'service-1' && c.to.jack === 'select');
    expect(selectCables).toHaveLength(2);
    const apiPod = session.patch.modules.find((m) => m.type === 'pod' && m.data['name'] === 'api-1')!;
    // One gesture of three ops in quick succession: one apply after the pause.
    const before = follow.state().applies;
    for (const c of selectCables) apply(session, { type: 'disconnect', id: c.id });
    apply(session, {
      type: 'connect',
      cable: {
        id: 'c-api',
        from: { module: apiPod.id, jack: 'ready' },
        to: { module: 'service-1', jack: 'select' },
        color: '#ffb437',
      },
    });
    await expect.poll(() => selectorOf(ns), { timeout: 20_000 }).toEqual({ 'app.kubernetes.io/name': 'api' });
    await follow.settled();
    expect(follow.state()).toMatchObject({ armed: true, failures: [], applies: before + 1, appliedVersion: session.version });
    expect(JSON.stringify(follow.state())).not.toContain(cp!.tokens.admin); // names and summaries only
  });

  it('the replicas knob scales only once armed; disarmed, nothing more is written', async () => {
    const { ns, session, follow } = await rig();
    const knob = (value: number) => apply(session, { type: 'set-param', id: 'deployment-1', param: 'replicas', value });
    knob(3);
    await new Promise((r) => setTimeout(r, 600));
    // Not armed: nothing was applied (outside follow mode a change goes through the confirmed Apply).
    await expect(get(ns, 'deployment/web')).rejects.toThrow(/NotFound/);
    follow.arm(ADMIN_CONTEXT, ns);
    await expect.poll(() => replicasOf(ns), { timeout: 20_000 }).toBe(3);
    for (const v of [4, 5, 6]) knob(v); // a turn of the knob: one apply, the last value
    await expect.poll(() => replicasOf(ns), { timeout: 20_000 }).toBe(6);
    await follow.settled();
    follow.disarm();
    expect(follow.state()).toMatchObject({ armed: false, disarmed: 'disarmed on screen' });
    knob(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(await replicasOf(ns)).toBe(6);
  });

  it('an object the server refuses is shown on its module, and the rest of the change goes through', async () => {
    const { ns, session, follow } = await rig();
    follow.arm(ADMIN_CONTEXT, ns);
    await follow.settled();
    apply(session, { type: 'set-data', id: 'service-1', data: { name: 'web', ports: [{ port: 70000, protocol: 'TCP' }] } });
    apply(session, { type: 'set-param', id: 'deployment-1', param: 'replicas', value: 4 });
    await expect.poll(() => replicasOf(ns), { timeout: 20_000 }).toBe(4);
    await follow.settled();
    expect(follow.state().failures).toEqual([
      { module: 'service-1', kind: 'Service', name: 'web', error: expect.stringMatching(/port/) },
    ]);
    expect(follow.state().armed).toBe(true);
    // Mended: the failure clears with the next apply.
    apply(session, { type: 'set-data', id: 'service-1', data: { name: 'web', ports: [{ port: 8080, protocol: 'TCP' }] } });
    await expect
      .poll(async () => (await get<{ spec: { ports: { port: number }[] } }>(ns, 'service/web')).spec.ports[0]!.port, {
        timeout: 20_000,
      })
      .toBe(8080);
    await follow.settled();
    expect(follow.state().failures).toEqual([]);
  });

  it('the physical rack’s FOLLOW switch at SAFE disarms at once, and keeps it from being armed', async () => {
    const { ns, session, follow } = await rig();
    // A case with a FOLLOW module in slot 0, its switch at FOLLOW, mirrored into a row of its own.
    const row = session.patch.rack.rows;
    apply(session, { type: 'set-rack', rack: { ...session.patch.rack, rows: row + 1 } });
    const atFollow = { ...caseFixture(catalog, [{ slot: 0, type: 'follow' }]), switches: { '0/0': 1 } };
    const mirrored = mirroredPatch(catalog, atFollow, row, session.patch);
    session.load(mirrored, 'file');
    follow.arm(ADMIN_CONTEXT, ns);
    await follow.settled();
    expect(await replicasOf(ns)).toBe(2);

    // The performer flips it to SAFE on the rack: the mirror's op, with source hardware.
    const atSafe = { ...atFollow, switches: { '0/0': 0 } };
    const ops = controlOps({ patch: session.patch, catalog, bridgeUid: FIXTURE_UID, row, prev: atFollow, next: atSafe }, 0)!;
    expect(ops).toEqual([{ type: 'set-param', id: expect.stringMatching(/^hw-/), param: 'arm', value: 0 }]);
    expect(session.apply(batch(ops), { source: 'hardware' })).toMatchObject({ ok: true });
    expect(follow.state()).toMatchObject({ armed: false, disarmed: 'the rack’s FOLLOW switch is at SAFE' });
    expect(() => follow.arm(ADMIN_CONTEXT, ns)).toThrow(/The FOLLOW switch of hw-.* is at SAFE: flip it to FOLLOW first/);
    apply(session, { type: 'set-param', id: 'deployment-1', param: 'replicas', value: 5 });
    await new Promise((r) => setTimeout(r, 800));
    expect(await replicasOf(ns)).toBe(2);
  });

  it('a new connection or namespace disarms: arming holds for one connection', async () => {
    const { ns, cluster, follow } = await rig();
    follow.arm(ADMIN_CONTEXT, ns);
    await follow.settled();
    const other = await freshNamespace(cp!, 'follow-other');
    await cluster.setNamespace(other);
    follow.connectionChanged();
    expect(follow.state()).toMatchObject({ armed: false, disarmed: `the connection changed to ${ADMIN_CONTEXT}/${other}` });
    await cluster.connect(ADMIN_CONTEXT, ns);
    follow.connectionChanged();
    expect(follow.state().armed).toBe(false);
  });

  it('a recorded performance replayed with follow armed: kubectl shows where it ends', async () => {
    const { ns, session, follow } = await rig(WEB_AND_API);
    // The deck on its own manual timeline; follow mode on real timers, as in the app.
    const clock = new ManualClock(1_000_000);
    const timers = new ManualTimers(clock);
    const database = new HistoryDatabase({ file: ':memory:', notify: () => undefined });
    const store = new HistoryStore({ database, catalog, now: () => clock.now() });
    store.attach(() => session.patch);
    const deck = new Deck({
      session,
      database,
      performances: new PerformanceStore(database),
      catalog,
      clock,
      timers,
      wallNow: () => 1_700_000_000_000,
      notify: () => undefined,
      startDocument: (patch) => session.load(patch, 'replay'),
      onChange: () => undefined,
    });
    cleanups.push(() => {
      deck.dispose();
      return database.close();
    });
    const start = structuredClone(session.patch);
    expect(deck.record('set')).toMatchObject({ ok: true });
    const steps: Op[] = [
      { type: 'set-param', id: 'deployment-1', param: 'replicas', value: 3 },
      { type: 'disconnect', id: session.patch.cables.find((c) => c.to.module === 'service-1')!.id },
      { type: 'set-param', id: 'deployment-1', param: 'replicas', value: 5 },
    ];
    for (const op of steps) {
      clock.advance(1000);
      apply(session, op);
    }
    clock.advance(500);
    expect(deck.stop()).toMatchObject({ ok: true });
    const end = structuredClone(session.patch);
    session.load(start, 'file');

    follow.arm(ADMIN_CONTEXT, ns);
    await follow.settled();
    expect(await replicasOf(ns)).toBe(2);
    expect(deck.play(deck.list()[0]!.id)).toMatchObject({ ok: true });
    for (let t = 0; t < 4000; t += 500) {
      timers.advance(500); // half a second of the performance...
      await new Promise((r) => setTimeout(r, 400)); // ...and follow mode's pause to go by
      await follow.settled();
    }
    expect(session.patch).toEqual(end);
    expect(await replicasOf(ns)).toBe(5);
    expect(await selectorOf(ns)).toEqual({ 'app.kubernetes.io/name': 'web' }); // one of the two select cables is left
    expect(follow.state().applies).toBeGreaterThanOrEqual(3);
  });
});
