import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../tests/helpers/manual-timers';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import type { HardwareChange, Notice } from '../../preload/contract';
import { EventHub } from '../api/event-hub';
import { serializePatch } from '../patch/file';
import type { Op } from '../patch/ops';
import { ManualClock } from '../time/clock';
import { Session } from '../session/session';
import type { CaseState } from './codec/case-state';
import type { HostMessage } from './codec/messages';
import { CHANGED_INTERVAL_MS, HardwareService, PATCH_IT_ON_THE_RACK } from './hardware-service';
import type { LinkListener, LinkManagerApi } from './link/link-types';
import { caseFixture, FIXTURE_UID as UID, mirroredPatch } from './mirror/case-fixture';
import { emptyCounters, type LinkInfo, type LinkStatus } from './mirror/types';

const catalog = moduleCatalog();
const dep = `hw-${UID}-0`;
const pod = `hw-${UID}-12`;
const claim1 = { from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } };
const rackCase = (extra: Parameters<typeof caseFixture>[2] = {}): CaseState =>
  caseFixture(
    catalog,
    [
      { slot: 0, type: 'deployment' },
      { slot: 12, type: 'pod' },
    ],
    extra,
  );

/**
 * Stands for the serial stack in these unit tests only: the test drives the listener as the link
 * layer would, and reads what the service sent. tests/integration/hardware-service.test.ts runs
 * the real LinkManager over pty pairs.
 */
class FakeLinks implements LinkManagerApi {
  listener!: LinkListener;
  sent: HostMessage[] = [];
  rows = new Map<string, number | null>();
  scan = () => Promise.resolve({ ports: [] });
  connect = () => Promise.resolve(this.info('online'));
  disconnect = () => Promise.resolve();
  links = () => [this.info('online')];
  send = (_id: string, command: HostMessage) => void this.sent.push(command);
  close = () => Promise.resolve();
  assignRow = (id: string, row: number | null) => void this.rows.set(id, row);

  info(status: LinkStatus): LinkInfo {
    return {
      id: UID,
      path: '/dev/pts/9',
      status,
      name: 'case A',
      firmware: '1.0.0',
      protocol: '1.0',
      row: null,
      modules: 2,
      latencyMs: null,
      counters: emptyCounters(),
      error: null,
    };
  }

  online(state: CaseState): void {
    this.listener.status(this.info('online'));
    this.listener.snapshot(UID, state);
  }

  take(): HostMessage[] {
    return this.sent.splice(0);
  }
}

let clock: ManualClock;
let timers: ManualTimers;
let hub: EventHub;
let session: Session;
let links: FakeLinks;
let service: HardwareService;
let notices: Notice[];
let changes: HardwareChange[];

beforeEach(() => {
  clock = new ManualClock(1000);
  timers = new ManualTimers(clock);
  hub = new EventHub();
  session = new Session(catalog, clock);
  links = new FakeLinks();
  notices = [];
  changes = [];
  hub.on('notice', (n) => notices.push(n));
  hub.on('hardware.changed', (s) => changes.push(s));
  service = new HardwareService({
    session,
    catalog,
    hub,
    clock,
    timers,
    links: (listener) => {
      links.listener = listener;
      return links;
    },
  });
});

afterEach(() => service.dispose());

describe('HardwareService', () => {
  it('shows a snapshot in the case row with source hardware, and the user cannot undo it', () => {
    const sources: string[] = [];
    session.subscribe((c) => sources.push(c.source));
    links.online(rackCase({ cables: [claim1] }));
    expect(session.patch).toEqual(mirroredPatch(catalog, rackCase({ cables: [claim1] })));
    expect(sources).toEqual(['hardware']);
    expect(session.history().canUndo).toBe(false);
    expect(service.state().links.map((l) => [l.id, l.row])).toEqual([[UID, 0]]);
    expect(links.rows.get(UID)).toBe(0);
  });

  it('turns rack events into hardware ops, and a second identical snapshot into nothing', () => {
    const state = rackCase();
    links.online(state);
    links.listener.event(UID, { kind: 'cable-on', ...claim1 });
    expect(session.patch.cables.map((c) => c.id)).toEqual([`hw-${UID}-0_1-12_0`]);
    const version = session.version;
    links.listener.snapshot(UID, { ...state, cables: [claim1], stateGen: 1 });
    expect(session.version).toBe(version);
  });

  it('keeps an on-screen edit of physical jacks pending, lights it, and resolves it when the rack reports it', () => {
    links.online(rackCase());
    links.take();
    const plug: Op = {
      type: 'connect',
      cable: { id: 'c1', from: { module: dep, jack: 'claim-1' }, to: { module: pod, jack: 'life' }, color: '#00b56e' },
    };
    const version = session.version;
    expect(session.apply(plug, { source: 'ui' })).toEqual({ ok: true, version });
    expect(notices.at(-1)).toEqual({ level: 'info', message: PATCH_IT_ON_THE_RACK });
    timers.advance(CHANGED_INTERVAL_MS);
    expect(changes.at(-1)!.changed.pending).toHaveLength(1);
    expect(service.state().pending).toEqual([
      {
        id: 'pending-1',
        action: 'plug',
        from: { module: dep, jack: 'claim-1' },
        to: { module: pod, jack: 'life' },
        color: '#00b56e',
      },
    ]);
    expect(links.take()).toEqual([
      { kind: 'guide-jack', slot: 0, direction: 'output', jack: 1, state: 'plug' },
      { kind: 'guide-jack', slot: 12, direction: 'input', jack: 0, state: 'plug' },
    ]);
    links.listener.event(UID, { kind: 'cable-on', ...claim1 });
    expect(service.state().pending).toEqual([]);
    expect(session.patch.cables.map((c) => c.id)).toEqual([`hw-${UID}-0_1-12_0`]);
    expect(links.take().map((c) => c.kind === 'guide-jack' && c.state)).toEqual(['off', 'off']);
  });

  it('drops a cancelled pending edit and darkens its jacks; a rack fault becomes a notice that says what to do', () => {
    links.online(rackCase());
    const plug: Op = {
      type: 'connect',
      cable: { id: 'c1', from: { module: dep, jack: 'claim-1' }, to: { module: pod, jack: 'life' }, color: '#00b56e' },
    };
    session.apply(plug, { source: 'ui' });
    links.take();
    expect(service.cancelPending('pending-1').pending).toEqual([]);
    timers.advance(CHANGED_INTERVAL_MS);
    // What a window holds after merging the changes (the edit may never have been sent at all).
    expect(changes.findLast((c) => c.changed.pending)!.changed.pending).toEqual([]);
    expect(links.take().map((c) => c.kind === 'guide-jack' && c.state)).toEqual(['off', 'off']);
    links.listener.event(UID, { kind: 'fault', code: 'cable-conflict', slot: 12, detail: 0 });
    expect(notices.at(-1)).toEqual({
      level: 'warning',
      message: 'The rack (case "case A", slot 12) sees two cables into one input: pull one of them.',
    });
  });

  it('with the mirror off, an on-screen cable between physical jacks is an ordinary software cable', () => {
    links.online(rackCase());
    service.setMirror(false);
    const plug: Op = {
      type: 'connect',
      cable: { id: 'c1', from: { module: dep, jack: 'claim-1' }, to: { module: pod, jack: 'life' }, color: '#00b56e' },
    };
    expect(session.apply(plug, { source: 'ui' }).ok).toBe(true);
    expect(session.patch.cables.map((c) => c.id)).toEqual(['c1']);
    expect(service.state().pending).toEqual([]);
  });

  it('refuses to remove a physical module, and applies knob edits with a pickup', () => {
    links.online(rackCase({ knobs: { '12/0': 0 } }));
    const removed = session.apply({ type: 'remove-module', id: pod }, { source: 'ui' });
    expect(removed.ok).toBe(false);
    expect(session.apply({ type: 'set-param', id: pod, param: 'cpu', value: 500 }, { source: 'ui', gesture: 'g1' }).ok).toBe(
      true,
    );
    expect(service.state().pickups).toEqual([{ key: `${pod}/cpu`, target: 500, physical: 0 }]);
    links.listener.event(UID, { kind: 'knob', slot: 12, knob: 0, value: 4000 });
    expect(session.patch.modules.find((m) => m.id === pod)!.params['cpu']).toBe(500);
    links.listener.event(UID, { kind: 'knob', slot: 12, knob: 0, value: 65535 });
    expect(session.patch.modules.find((m) => m.id === pod)!.params['cpu']).toBe(4000);
    expect(service.state().pickups).toEqual([]);
  });

  it('with the mirror off applies nothing, and on again applies only the difference', () => {
    links.online(rackCase());
    service.setMirror(false);
    const version = session.version;
    links.listener.event(UID, { kind: 'cable-on', ...claim1 });
    expect(session.version).toBe(version);
    const applied: Op[][] = [];
    session.subscribe((c) => c.kind === 'ops' && applied.push(c.ops));
    service.setMirror(true);
    expect(applied).toEqual([
      [
        {
          type: 'connect',
          cable: {
            id: `hw-${UID}-0_1-12_0`,
            from: { module: dep, jack: 'claim-1' },
            to: { module: pod, jack: 'life' },
            color: '#f3374b',
          },
        },
      ],
    ]);
  });

  it('sends the simulator lights to the LEDs and gate outputs of physical modules, only what changed', () => {
    links.online(rackCase());
    links.take();
    const ready = { [`${pod}/ready-led`]: 1 };
    hub.emit('sim.frame', {
      seq: 1,
      full: true,
      time: 0,
      running: true,
      speed: 1,
      lights: ready,
      volts: { [`${pod}/ready`]: 10 },
    });
    const first = links.take();
    expect(first.filter((c) => c.kind === 'set-leds')).toEqual([
      { kind: 'set-leds', slot: 0, first: 0, levels: [0, 0, 0, 0, 0, 0] },
      { kind: 'set-leds', slot: 12, first: 0, levels: [255, 0, 0] },
    ]);
    // Every gate output once (the Deployment's six CLAIMs low, the Pod's READY high).
    expect(first.filter((c) => c.kind === 'set-gate' && c.level > 0)).toEqual([
      { kind: 'set-gate', slot: 12, jack: 0, level: 255, pulseMs: 0 },
    ]);
    expect(first.filter((c) => c.kind === 'set-gate')).toHaveLength(7);
    hub.emit('sim.frame', { seq: 2, full: false, time: 10, running: true, speed: 1, lights: { [`${pod}/req-led`]: 1 } });
    expect(links.take()).toEqual([{ kind: 'set-leds', slot: 12, first: 2, levels: [255] }]);
  });

  it("keeps a lost link's modules and pending edits, and resyncs only the difference", () => {
    links.online(rackCase());
    session.apply(
      {
        type: 'connect',
        cable: { id: 'c1', from: { module: dep, jack: 'claim-2' }, to: { module: pod, jack: 'req' }, color: '#00b56e' },
      },
      { source: 'ui' },
    );
    links.listener.status(links.info('lost'));
    expect(changes.at(-1)!.changed.links![0]!.status).toBe('lost');
    expect(session.patch.modules.map((m) => m.id)).toEqual([dep, pod]);
    expect(service.state().pending).toHaveLength(1);
    const applied: Op[][] = [];
    session.subscribe((c) => c.kind === 'ops' && applied.push(c.ops));
    links.online(rackCase({ cables: [claim1] }));
    expect(applied).toHaveLength(1);
    expect(applied[0]!.map((op) => op.type)).toEqual(['connect']);
  });

  it('shows the case again after a new file replaced the patch, with knobs waiting for pickup', () => {
    links.online(rackCase({ cables: [claim1], knobs: { '12/0': 0 } }));
    const loaded = mirroredPatch(catalog, rackCase({ knobs: { '12/0': 65535 } }));
    session.load(loaded, 'file');
    timers.advance(0);
    expect(session.patch.cables.map((c) => c.id)).toEqual([`hw-${UID}-0_1-12_0`]);
    expect(session.patch.modules.find((m) => m.id === pod)!.params['cpu']).toBe(4000);
    expect(service.state().pickups).toEqual([{ key: `${pod}/cpu`, target: 4000, physical: 0 }]);
    session.load({ ...loaded, modules: [], cables: [] }, 'file');
    timers.advance(0);
    expect(session.patch.modules.map((m) => m.id)).toEqual([dep, pod]);
  });

  it('throttles hardware.changed to one per interval, except status changes', () => {
    links.online(rackCase());
    const before = changes.length;
    for (let v = 0; v < 20; v++) links.listener.event(UID, { kind: 'knob', slot: 12, knob: 0, value: v * 100 });
    expect(changes.length - before).toBeLessThanOrEqual(1);
    timers.advance(CHANGED_INTERVAL_MS);
    expect(changes.length - before).toBeLessThanOrEqual(2);
    links.listener.status(links.info('stale'));
    expect(changes.at(-1)!.changed.links![0]!.status).toBe('stale');
  });

  it('sends only the parts that changed, one revision after the other, and nothing when nothing did', () => {
    links.online(rackCase());
    timers.advance(CHANGED_INTERVAL_MS);
    const before = changes.length;
    links.listener.status(links.info('stale'));
    const last = changes.at(-1)!;
    expect(changes).toHaveLength(before + 1);
    expect(Object.keys(last.changed)).toEqual(['links']);
    expect(last.revision).toBe(changes.at(-2)!.revision + 1);
    expect(service.state().revision).toBe(last.revision);
    // The same status again: nothing new for the panel, so no message.
    links.listener.status(links.info('stale'));
    timers.advance(CHANGED_INTERVAL_MS);
    expect(changes).toHaveLength(before + 1);
    // Every part came at least once since the start, so a window could rebuild the whole state from them.
    const seen = new Set(changes.flatMap((c) => Object.keys(c.changed)));
    expect([...seen].sort()).toEqual(['guide', 'links', 'mirror', 'pending', 'pickups']);
  });

  it('guides to a saved file step by step, counting steps done out of order, and clears the lights at the end', async () => {
    const target = mirroredPatch(
      catalog,
      rackCase({ cables: [claim1, { from: { slot: 0, jack: 2 }, to: { slot: 12, jack: 1 } }] }),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'hw-guide-')), 'target.k8spatch');
    writeFileSync(file, serializePatch({ patch: target, unloaded: { modules: [], cables: [] } }));
    links.online(rackCase());
    links.take();
    const started = await service.guideStart({ kind: 'file', path: file });
    if (!started.ok) throw new Error(started.error);
    expect(started.guide.steps.map((s) => s.label)).toEqual([
      'Plug Deployment (slot 0) CLAIM 1 → Pod (slot 12) LIFE',
      'Plug Deployment (slot 0) CLAIM 2 → Pod (slot 12) REQ',
    ]);
    expect(links.take()).toEqual([
      { kind: 'guide-clear' },
      { kind: 'guide-jack', slot: 0, direction: 'output', jack: 1, state: 'plug' },
      { kind: 'guide-jack', slot: 12, direction: 'input', jack: 0, state: 'plug' },
    ]);
    links.listener.event(UID, { kind: 'cable-on', from: { slot: 0, jack: 2 }, to: { slot: 12, jack: 1 } });
    expect(service.state().guide!.current).toBe(0);
    links.listener.event(UID, { kind: 'cable-on', ...claim1 });
    expect(service.state().guide).toMatchObject({ current: 2, done: true });
    expect(notices.at(-1)!.message).toBe('The rack is patched as target.k8spatch.');
    expect(
      links
        .take()
        .filter((c) => c.kind === 'guide-jack')
        .every((c) => c.kind === 'guide-jack' && c.state === 'off'),
    ).toBe(true);
  });
});
