/**
 * The live cluster on the rack. While the Cluster tab is connected (and authenticated), the
 * namespace is watched (live-watches.ts) and the faceplates show it: this service is the
 * simulator service's frame source, so the same frames in the same format reach the
 * faceplates, the hardware rack's LEDs and the rest. Cluster Events become the Events tab's rows.
 * A Node cordoned by another hand turns its module's cordon switch (ops with source `cluster`);
 * a switch turned on screen or on the physical rack, and Kill pod, wait for a confirmation
 * naming context and namespace before anything is sent to the cluster.
 */
import type { EventHub } from '../../api/event-hub';
import type { Catalog } from '../../patch/catalog';
import type { Op } from '../../patch/ops';
import type { Session } from '../../session/session';
import type { FrameSource, SimService } from '../../sim/sim-service';
import type { SimEvent, SimOutputs } from '../../sim/core/types';
import { patchToTopology } from '../../synth/topology';
import type { Clock } from '../../time/clock';
import { systemTimers, type TimerPort } from '../../time/timers';
import type { ClusterService } from '../cluster-service';
import type { ClusterConnection } from '../connection';
import { newEventRows, pruneSeen } from './live-events';
import { gestureAction, runGesture, type GestureKind } from './live-gestures';
import { mapLive, type LiveMapping } from './live-map';
import { liveOutputs } from './live-outputs';
import type { LiveGesture, LiveState } from './live-types';
import { LiveWatches } from './live-watches';
import { describeWatch, type Backoff } from './watch-policy';

export interface LiveServiceOptions {
  cluster: ClusterService;
  session: Session;
  catalog: Catalog;
  sim: SimService;
  hub: EventHub;
  clock: Clock;
  timers?: TimerPort;
  staleMs?: number;
  backoff?: Backoff;
}

/** Rows kept for a view that opens late (the simulator keeps as many). */
const RECENT_EVENTS = 200;
const MAX_EVENTS_PER_BATCH = 100;

type Result = { ok: true } | { ok: false; error: string };

export class LiveService implements FrameSource {
  private target: { conn: ClusterConnection; namespace: string } | undefined;
  private watches: LiveWatches | undefined;
  private origin = 0;
  private dirty = true;
  private version = -1;
  private mapping: LiveMapping = { objects: new Map(), extras: new Map(), slots: new Map(), offRack: [] };
  private cached: SimOutputs = { lights: {}, volts: {}, colors: {}, status: {} };
  private offRackShown = '';
  private readonly seen = new Map<string, number>();
  private recent: SimEvent[] = [];
  private pending: (LiveGesture & { revert?: Op }) | undefined;
  private error: string | undefined;
  private gestureSeq = 0;
  private readonly timers: TimerPort;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly options: LiveServiceOptions) {
    this.timers = options.timers ?? systemTimers;
    this.disposers.push(
      options.hub.on('cluster.changed', () => this.sync()),
      options.session.subscribe((change) => {
        this.dirty = true;
        if (change.kind === 'ops' && change.source !== 'cluster') this.onSwitches(change.ops);
      }),
    );
  }

  /** Follows the Cluster tab: a new connection or namespace starts new watches; none goes back to the simulator. */
  sync(): void {
    const next = this.options.cluster.current();
    if (next?.conn === this.target?.conn && next?.namespace === this.target?.namespace) return;
    this.watches?.stop();
    this.watches = undefined;
    this.target = next;
    this.seen.clear();
    this.recent = [];
    this.mapping = { objects: new Map(), extras: new Map(), slots: new Map(), offRack: [] };
    this.cancelPending();
    this.dirty = true;
    if (!next) {
      this.options.sim.setSource(undefined);
      this.emit();
      return;
    }
    this.origin = this.options.clock.now();
    this.watches = new LiveWatches({
      conn: next.conn,
      namespace: next.namespace,
      clock: this.options.clock,
      timers: this.timers,
      onChange: (kind) => this.onKind(kind),
      onStatus: () => this.emit(),
      ...(this.options.staleMs !== undefined ? { staleMs: this.options.staleMs } : {}),
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
    });
    this.watches.start();
    this.options.sim.setSource(this);
    this.emit();
  }

  private onKind(kind: string): void {
    this.dirty = true;
    if (kind === 'events') this.reportEvents();
    if (kind === 'nodes') this.followCordons();
    this.options.sim.sourceChanged();
  }

  /** The current mapping (recomputed when the patch or a watched kind changed). */
  private map(): LiveMapping {
    const { session } = this.options;
    if (!this.dirty && this.version === session.version) return this.mapping;
    const patch = session.patch;
    const live = this.watches?.objects();
    if (live) {
      this.mapping = mapLive(patch, patchToTopology(patch), live, this.mapping.slots);
      this.cached = liveOutputs(patch, this.options.catalog, this.mapping, live);
    }
    this.dirty = false;
    this.version = session.version;
    const off = this.mapping.offRack.join('\n');
    if (off !== this.offRackShown) {
      this.offRackShown = off;
      this.emit();
    }
    return this.mapping;
  }

  outputs(): SimOutputs {
    this.map();
    return this.cached;
  }

  time(): number {
    return this.options.clock.now() - this.origin;
  }

  recentEvents(): SimEvent[] {
    return [...this.recent];
  }

  private reportEvents(): void {
    const events = this.watches?.events() ?? [];
    pruneSeen(events, this.seen);
    const rows = newEventRows(events, this.map(), this.seen, this.origin);
    if (!rows.length) return;
    const batch = rows.slice(-MAX_EVENTS_PER_BATCH);
    this.recent = [...this.recent, ...batch].slice(-RECENT_EVENTS);
    this.options.hub.emit('sim.event', { events: batch });
  }

  /** Node modules' cordon switches follow spec.unschedulable (unless the user is being asked about one). */
  private followCordons(): void {
    const mapping = this.map();
    const ops: Op[] = [];
    for (const m of this.options.session.patch.modules) {
      if (m.type !== 'node' || this.pending?.module === m.id) continue;
      const node = mapping.objects.get(m.id);
      if (!node) continue;
      const value = node.spec?.['unschedulable'] === true ? 1 : 0;
      if ((m.params['cordon'] ?? 0) !== value) ops.push({ type: 'set-param', id: m.id, param: 'cordon', value });
    }
    // Never an op inside another's delivery: the watch callback may run during one.
    if (ops.length) this.timers.schedule(() => this.applyFromCluster(ops), 0);
  }

  private applyFromCluster(ops: Op[]): void {
    for (const op of ops) this.options.session.apply(op, { source: 'cluster' });
  }

  /** A cordon switch turned by the user (screen or physical rack) on a live Node: ask first. */
  private onSwitches(ops: readonly Op[]): void {
    if (!this.watches) return;
    const flat = ops.flatMap((op) => (op.type === 'batch' ? op.ops : [op]));
    for (const op of flat) {
      if (op.type !== 'set-param' || op.param !== 'cordon') continue;
      const node = this.map().objects.get(op.id);
      if (!node || this.options.session.patch.modules.find((m) => m.id === op.id)?.type !== 'node') continue;
      const live = node.spec?.['unschedulable'] === true;
      const wanted = op.value >= 0.5;
      if (live === wanted) continue;
      this.ask(wanted ? 'cordon' : 'uncordon', op.id, { type: 'set-param', id: op.id, param: 'cordon', value: live ? 1 : 0 });
    }
  }

  /** Kill pod / cordon / uncordon asked from the UI: a confirmation is pending afterwards. */
  request(kind: GestureKind, module: string): Result {
    if (!this.watches || !this.target)
      return { ok: false, error: 'No live cluster: connect a context in the Cluster tab first.' };
    const m = this.options.session.patch.modules.find((x) => x.id === module);
    const wantType = kind === 'kill-pod' ? 'pod' : 'node';
    if (!m || m.type !== wantType)
      return { ok: false, error: `There is no ${wantType === 'pod' ? 'Pod' : 'Node'} module "${module}" in the patch.` };
    if (!this.map().objects.has(module))
      return { ok: false, error: `${module} shows no live ${wantType === 'pod' ? 'Pod' : 'Node'} in ${this.target.namespace}.` };
    this.ask(kind, module);
    return { ok: true };
  }

  private ask(kind: GestureKind, module: string, revert?: Op): void {
    const target = this.map().objects.get(module)!;
    this.cancelPending();
    this.error = undefined;
    this.pending = {
      id: `gesture-${++this.gestureSeq}`,
      kind,
      module,
      action: gestureAction(kind, target),
      context: this.target!.conn.name,
      namespace: this.target!.namespace,
      ...(revert ? { revert } : {}),
    };
    this.emit();
  }

  /** The user's answer. Yes: sent to the cluster (the watch shows the outcome). No: a switch turns back. */
  async confirm(id: string, ok: boolean): Promise<Result> {
    const p = this.pending;
    if (!p || p.id !== id) return { ok: false, error: 'That confirmation is no longer current.' };
    this.pending = undefined;
    if (!ok) {
      if (p.revert) this.applyFromCluster([p.revert]);
      this.emit();
      return { ok: true };
    }
    const target = this.map().objects.get(p.module);
    const conn = this.target?.conn;
    try {
      if (!target || !conn) throw new Error(`${p.module} no longer shows a live object.`);
      await runGesture(conn, this.target!.namespace, p.kind, target);
      this.emit();
      return { ok: true };
    } catch (error) {
      this.error = conn ? conn.describe(error, this.target?.namespace) : (error as Error).message;
      if (p.revert) this.applyFromCluster([p.revert]);
      this.emit();
      return { ok: false, error: this.error };
    }
  }

  private cancelPending(): void {
    const p = this.pending;
    this.pending = undefined;
    if (p?.revert) {
      const revert = p.revert;
      this.timers.schedule(() => this.applyFromCluster([revert]), 0);
    }
  }

  state(): LiveState {
    const t = this.target;
    if (!t || !this.watches) return { source: 'simulated', watches: [], offRack: [] };
    const { revert: _revert, ...pending } = this.pending ?? ({} as Partial<LiveGesture & { revert: Op }>);
    void _revert;
    return {
      source: 'live',
      context: t.conn.name,
      namespace: t.namespace,
      watches: this.watches.statuses().map((s) => ({ ...s, line: describeWatch(s) })),
      offRack: this.mapping.offRack,
      ...(this.pending ? { pending: pending as LiveGesture } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** The informers (tests reach the watches through here: relist, status). */
  get live(): LiveWatches | undefined {
    return this.watches;
  }

  private emit(): void {
    this.options.hub.emit('live.changed', this.state());
  }

  dispose(): void {
    for (const d of this.disposers) d();
    this.watches?.stop();
    this.watches = undefined;
    this.options.sim.setSource(undefined);
  }
}
