/**
 * Glue between the physical rack and the Session (README.md): the link layer's reports go
 * through the pure mirror (mirror/) and become ops applied with source 'hardware' (case-mirror.ts);
 * on-screen edits to physical jacks become pending edits lit on the rack (pending-edits.ts); the
 * simulator's lights go to the rack's LEDs (rack-outputs.ts); the patch guide lights one step at
 * a time (guide-run.ts). It owns the mirror switch and the links' cases, and tells the panel what
 * changed through `hardware.changed` (state-broadcast.ts).
 */
import type { Result } from '../patch/result';
import type { Notice } from '../../preload/contract';
import type { EventHub } from '../api/event-hub';
import type { AttachedHistory } from '../history/history-service';
import type { Catalog } from '../patch/catalog';
import type { Op } from '../patch/ops';
import type { Clock } from '../time/clock';
import type { TimerPort } from '../time/timers';
import type { Session } from '../session/session';
import type { SimFrame } from '../sim/core/types';
import { mirrorCase, newCase, type CaseEntry } from './case-mirror';
import { applyCaseEvent, type CaseState } from './codec/case-state';
import type { HostMessage } from './codec/messages';
import { loadGuideTarget, type GuideTarget } from './guide-targets';
import { GuideRun } from './guide-run';
import { LinkManager } from './link/link-manager';
import { physicalRackRule } from './physical-rule';
import type { CaseEvent, LinkListener, LinkManagerApi } from './link/link-types';
import type { GuideCase } from './mirror/guide';
import { interceptOp } from './mirror/intercept';
import type { JackRequest } from './mirror/jack-lights';
import { knobPickups } from './mirror/pickup';
import type { GuideStatus, HardwareState, LinkInfo, PendingEdit, PortScan } from './mirror/types';
import { describeFault } from './fault-notices';
import { PendingEdits } from './pending-edits';
import { RackOutputs } from './rack-outputs';
import { StateBroadcast } from './state-broadcast';

export { CHANGED_INTERVAL_MS } from './state-broadcast';

/** Builds the link layer around the service's listener (the real one: link/link-manager.ts). */
export type LinkManagerFactory = (listener: LinkListener) => LinkManagerApi;

export interface HardwareServiceOptions {
  session: Session;
  catalog: Catalog;
  hub: EventHub;
  /** A monotonic clock: the panel's throttle and the serial links' heartbeats and round trips. */
  clock: Clock;
  timers: TimerPort;
  /** Default: the real serial link layer, on the same clock and timers. */
  links?: LinkManagerFactory;
  /** For guide targets that are versions or performances. */
  history?: AttachedHistory;
}

export const PATCH_IT_ON_THE_RACK = 'Patch it on the rack: the jacks are lit.';

/** Statuses under which the rack hears commands. */
const REACHABLE = new Set(['online', 'stale', 'syncing']);

export class HardwareService {
  private readonly links: LinkManagerApi;
  private readonly infos = new Map<string, LinkInfo>();
  private readonly cases = new Map<string, CaseEntry>();
  private mirror = true;
  private readonly pending = new PendingEdits();
  private readonly guide = new GuideRun();
  private readonly outputs: RackOutputs;
  private readonly changed: StateBroadcast;
  private readonly disposers: (() => void)[] = [];
  private cancelResync: (() => void) | null = null;

  constructor(private readonly options: HardwareServiceOptions) {
    const { clock, timers } = options;
    this.changed = new StateBroadcast(
      () => this.currentState(),
      (change) => options.hub.emit('hardware.changed', change),
      { clock, timers },
    );
    this.outputs = new RackOutputs({
      catalog: options.catalog,
      patch: () => options.session.patch,
      send: (uid, c) => this.send(uid, c),
    });
    const links = options.links ?? ((listener: LinkListener) => new LinkManager({ listener, clock, timers }));
    this.links = links({
      status: (info) => this.onStatus(info),
      snapshot: (linkId, state) => this.onSnapshot(linkId, state),
      event: (linkId, event) => this.onEvent(linkId, event),
    });
    this.disposers.push(
      options.session.use(physicalRackRule({ intercept: (op) => this.intercept(op), keepPending: (p) => this.keepPending(p) })),
      options.hub.on('sim.frame', (frame) => this.onFrame(frame)),
      // A file load or an undo can change physical modules' knobs or cables: pickups and guide follow.
      options.session.subscribe((change) => {
        if (change.source === 'hardware' || this.cases.size === 0) return;
        // A new or opened file may lack the case's modules: the rack is still there, so show it
        // again, after every subscriber has heard of the load (never an op inside its delivery).
        if (change.kind === 'reset' && this.mirror) this.cancelResync ??= timers.schedule(() => this.resyncAll(), 0);
        this.refresh();
        this.changed.request();
      }),
    );
  }

  state(): HardwareState {
    return { revision: this.changed.revision, ...this.currentState() };
  }

  private currentState(): Omit<HardwareState, 'revision'> {
    const cases = this.guideCases();
    return {
      mirror: this.mirror,
      links: [...this.infos.values()].map((info) => ({ ...info, row: this.caseOfLink(info.id)?.row ?? info.row })),
      pending: this.pending.list,
      pickups: knobPickups(this.options.session.patch, this.options.catalog, cases),
      guide: this.guide.status,
    };
  }

  scan(): Promise<PortScan> {
    return this.links.scan();
  }

  async connect(path: string): Promise<Result<{ link: LinkInfo }>> {
    try {
      const link = await this.links.connect(path);
      return { ok: true, link };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async disconnect(linkId: string): Promise<Result> {
    if (!this.infos.has(linkId)) return { ok: false, error: `There is no link ${linkId}: it may have closed already.` };
    await this.links.disconnect(linkId);
    this.forgetLink(linkId);
    this.changed.request(true);
    return { ok: true };
  }

  setMirror(on: boolean): HardwareState {
    if (on !== this.mirror) {
      this.mirror = on;
      // Back on: whatever happened on the rack meanwhile is applied as one difference per case.
      if (on) this.resyncAll();
      else this.outputs.forgetSim();
      this.changed.request(true);
    }
    return this.state();
  }

  cancelPending(id: string): HardwareState {
    this.pending.cancel(id);
    this.refresh();
    this.changed.request();
    return this.state();
  }

  /** Keeps the physical part of a screen edit as pending edits, lit on the rack until patched by hand. */
  private keepPending(pending: PendingEdit[]): void {
    this.pending.keep(pending);
    this.refresh();
    this.changed.request();
    this.options.hub.emit('notice', { level: 'info', message: PATCH_IT_ON_THE_RACK });
  }

  /** The split of an on-screen op; pending edits get ids (only the caller decides to keep them). */
  intercept(op: Op): { op: Op | null; pending: PendingEdit[]; physical: number; error?: string } {
    const cut = interceptOp(op, {
      patch: this.options.session.patch,
      catalog: this.options.catalog,
      mirrored: (uid) => this.mirror && this.cases.has(uid),
    });
    return { ...cut, physical: cut.pending.length, pending: this.pending.fresh(cut.pending) };
  }

  async guideStart(target: GuideTarget): Promise<Result<{ guide: GuideStatus }>> {
    const cases = this.guideCases();
    if (cases.length === 0)
      return { ok: false, error: 'Connect the rack first: the patch guide lights jacks on the physical rack.' };
    const loaded = await loadGuideTarget(target, this.options.catalog, this.options.history);
    if (!loaded.ok) return loaded;
    this.guide.start(loaded.name, this.options.session.patch, loaded.patch, this.options.catalog, cases);
    this.clearJackLights();
    this.refresh();
    this.changed.request(true);
    return { ok: true, guide: this.guide.status! };
  }

  guideStop(): HardwareState {
    this.guide.stop();
    this.clearJackLights();
    this.refresh();
    this.changed.request(true);
    return this.state();
  }

  async dispose(): Promise<void> {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.cancelResync?.();
    this.changed.dispose();
    await this.links.close();
  }

  // --- link reports ---

  private onStatus(info: LinkInfo): void {
    const before = this.infos.get(info.id);
    // The link is renamed from `port:<path>` to the bridge uid at the hello.
    for (const [id, old] of this.infos) if (id !== info.id && old.path === info.path) this.infos.delete(id);
    this.infos.set(info.id, info);
    if (info.status === 'closed') {
      this.forgetLink(info.id);
    } else if (!REACHABLE.has(info.status)) {
      // The rack forgets its lights when it loses power or the link: send them all again later.
      const entry = this.caseOfLink(info.id);
      if (entry) this.forgetSent(entry.uid);
    }
    if (info.error && info.error !== before?.error) this.notify({ level: 'warning', message: info.error });
    this.changed.request(before?.status !== info.status);
  }

  private onSnapshot(linkId: string, state: CaseState): void {
    const uid = state.hello.bridgeUid;
    let entry = this.cases.get(uid);
    if (!entry) {
      entry = newCase(linkId, state, this.options.session.patch, this.cases.values());
      this.cases.set(uid, entry);
      this.links.assignRow?.(linkId, entry.row);
    }
    entry.linkId = linkId;
    entry.live = state;
    this.forgetSent(uid);
    if (this.mirror) this.mirrorCase(entry);
    this.refresh();
    this.sendSim();
    this.changed.request();
  }

  private onEvent(linkId: string, event: CaseEvent): void {
    const entry = this.caseOfLink(linkId);
    if (!entry) return;
    if (event.kind === 'fault') {
      this.notify({ level: 'warning', message: describeFault(event, entry.live.hello.name) });
      return;
    }
    const result = applyCaseEvent(entry.live, event);
    // A refused event means the link's view and ours differ: the link re-snapshots on its own.
    if (!result.changed) return;
    entry.live = result.state;
    const controlSlot = event.kind === 'knob' || event.kind === 'switch' ? event.slot : undefined;
    if (this.mirror) this.mirrorCase(entry, controlSlot);
    // Pending edits and guide steps are about cables and modules: a knob cannot move them on.
    if (controlSlot === undefined) this.refresh();
    this.changed.request();
  }

  private resyncAll(): void {
    this.cancelResync = null;
    if (!this.mirror) return;
    for (const entry of this.cases.values()) this.mirrorCase(entry);
    this.refresh();
    this.sendSim();
    this.changed.request();
  }

  private mirrorCase(entry: CaseEntry, controlSlot?: number): void {
    const { session, catalog } = this.options;
    mirrorCase(entry, { session, catalog, notify: (n) => this.notify(n) }, controlSlot);
  }

  // --- derived state: pending edits, guide progress, jack lights ---

  /** Resolves pending edits the rack now shows, moves the guide on, and lights what is asked. */
  private refresh(): void {
    const { catalog } = this.options;
    const resolved = this.pending.resolve((uid) => this.cases.get(uid)?.live, catalog);
    if (this.guide.follow(this.guideCases(), catalog))
      this.notify({ level: 'info', message: `The rack is patched as ${this.guide.status!.target}.` });
    const requests: JackRequest[] = [...this.pending.list];
    const step = this.guide.step();
    if (step) requests.push(step);
    this.outputs.lightJacks(requests);
    if (resolved) this.changed.request();
  }

  private clearJackLights(): void {
    this.outputs.clearJacks([...this.cases.keys()]);
  }

  private onFrame(frame: SimFrame): void {
    this.outputs.simFrame(frame);
    this.sendSim();
  }

  /** LEDs and gates follow the simulator only while the mirror is on. */
  private sendSim(): void {
    if (this.mirror) this.outputs.sendSim([...this.cases.keys()]);
  }

  // --- helpers ---

  private send(uid: string, command: HostMessage): void {
    const entry = this.cases.get(uid);
    if (entry && REACHABLE.has(this.infos.get(entry.linkId)?.status ?? '')) this.links.send(entry.linkId, command);
  }

  private forgetSent(uid: string): void {
    this.outputs.forget(uid);
  }

  /** A link the user closed: its modules stay as ordinary on-screen modules, its pending edits go. */
  private forgetLink(linkId: string): void {
    const entry = this.caseOfLink(linkId);
    this.infos.delete(linkId);
    if (!entry) return;
    this.cases.delete(entry.uid);
    this.forgetSent(entry.uid);
    this.pending.forgetCase(entry.uid);
    this.refresh();
  }

  private caseOfLink(linkId: string): CaseEntry | undefined {
    for (const entry of this.cases.values()) if (entry.linkId === linkId || entry.uid === linkId) return entry;
    return undefined;
  }

  private guideCases(): GuideCase[] {
    return [...this.cases.values()].map((c) => ({ bridgeUid: c.uid, state: c.live }));
  }

  private notify(notice: Notice): void {
    this.options.hub.emit('notice', notice);
  }
}
