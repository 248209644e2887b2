/**
 * Follow mode, the performer's mode: once armed for the open connection (a confirmation that
 * named its context and namespace), every change of the patch is diffed and applied, with prune,
 * after a short pause (follower.ts). An object that fails is reported with its module and the
 * rack goes on. Disarmed at once on screen, by a FOLLOW module's switch at SAFE (on the physical
 * rack or on screen, safe-switch.ts), or when the connection or its namespace changes: arming
 * holds for one connection only.
 */
import type { Session } from '../../session/session';
import { synthesizePatch } from '../../synth/synth';
import type { TimerPort } from '../../time/timers';
import { applyPlan } from '../apply';
import type { ClusterConnection } from '../connection';
import type { ClusterService } from '../cluster-service';
import { planApply } from '../plan';
import { applyFailures } from './failures';
import { Follower } from './follower';
import { flippedToSafe, safeModules } from './safe-switch';
import { idleFollow, type FollowState } from './types';
export type { FollowState };

export interface FollowServiceOptions {
  cluster: ClusterService;
  session: Session;
  timers: TimerPort;
  /** The patch's name now (its ApplySet); read once, when armed. */
  patchName: () => string;
  onChange?: (state: FollowState) => void;
  delayMs?: number;
  /** Also done on every change while armed (the topology ConfigMap for Eno). */
  publish?: (conn: ClusterConnection, namespace: string, patchName: string) => Promise<void>;
}

interface Armed {
  conn: ClusterConnection;
  namespace: string;
  patchName: string;
  follower: Follower;
}

export class FollowService {
  private armed: Armed | undefined;
  private view: FollowState = idleFollow();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: FollowServiceOptions) {
    this.unsubscribe = options.session.subscribe((change) => {
      if (change.kind === 'ops' && flippedToSafe(change.ops, options.session.patch)) {
        this.disarm(change.source === 'hardware' ? 'the rack’s FOLLOW switch is at SAFE' : 'the FOLLOW switch is at SAFE');
        return;
      }
      this.armed?.follower.changed();
    });
  }

  state(): FollowState {
    return { ...this.view, applying: this.armed?.follower.busy ?? false };
  }

  /**
   * Arms follow mode for the open connection. `context` and `namespace` are what the confirmation
   * showed: when the connection is no longer that one, nothing is armed.
   */
  arm(context: string, namespace: string): FollowState {
    const current = this.options.cluster.current();
    if (!current) throw new Error('Not connected: connect to a context in the Cluster tab first.');
    if (current.conn.name !== context || current.namespace !== namespace)
      throw new Error(
        `The connection is now ${current.conn.name}/${current.namespace}, not ${context}/${namespace}: confirm follow mode again.`,
      );
    const safe = safeModules(this.options.session.patch);
    if (safe.length) throw new Error(`The FOLLOW switch of ${safe.join(', ')} is at SAFE: flip it to FOLLOW first.`);
    if (this.armed?.conn === current.conn && this.armed.namespace === namespace) return this.state();
    this.stopFollowing();
    const patchName = this.options.patchName();
    const follower = new Follower({
      timers: this.options.timers,
      run: () => this.applyOnce(),
      onSettled: () => this.emit(),
      ...(this.options.delayMs !== undefined ? { delayMs: this.options.delayMs } : {}),
    });
    this.armed = { conn: current.conn, namespace, patchName, follower };
    this.view = { ...idleFollow(this.view.publishTopology), armed: true, context, namespace, patchName };
    follower.changed(); // the cluster follows the patch as it is now, too
    this.emit();
    return this.state();
  }

  /** Disarms at once: nothing more is applied (an apply in flight finishes). */
  disarm(reason = 'disarmed on screen'): FollowState {
    if (!this.armed) return this.state();
    this.stopFollowing();
    this.view = { ...idleFollow(this.view.publishTopology), disarmed: reason };
    this.emit();
    return this.state();
  }

  /** Whether the topology ConfigMap is published on every change as well. */
  setPublishTopology(on: boolean): FollowState {
    this.view = { ...this.view, publishTopology: on };
    if (on) this.armed?.follower.changed();
    this.emit();
    return this.state();
  }

  /** The Cluster tab's connection changed: arming held for the one it was given for. */
  connectionChanged(): void {
    const a = this.armed;
    if (!a) return;
    const current = this.options.cluster.current();
    if (!current) this.disarm('disconnected');
    else if (current.conn !== a.conn || current.namespace !== a.namespace)
      this.disarm(`the connection changed to ${current.conn.name}/${current.namespace}`);
  }

  /** Resolves once no apply is waiting or running (tests, and closing the app). */
  async settled(): Promise<void> {
    while (this.armed?.follower.busy) {
      await this.armed.follower.idle();
      if (this.armed?.follower.busy) await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async applyOnce(): Promise<void> {
    const a = this.armed;
    if (!a) return;
    this.emit(); // applying
    const version = this.options.session.version;
    const { manifests } = synthesizePatch(this.options.session.patch, a.patchName);
    try {
      const plan = await planApply(a.conn, manifests, { namespace: a.namespace, patchName: a.patchName });
      const result = await applyPlan(a.conn, plan, manifests);
      if (this.view.publishTopology && this.options.publish) await this.options.publish(a.conn, a.namespace, a.patchName);
      if (this.armed !== a) return;
      this.view = {
        ...this.view,
        applies: this.view.applies + 1,
        appliedVersion: version,
        lastSummary: result.summary,
        failures: applyFailures(result, manifests),
      };
      delete this.view.error;
    } catch (error) {
      if (this.armed === a) this.view = { ...this.view, error: a.conn.describe(error, a.namespace) };
    }
  }

  private stopFollowing(): void {
    this.armed?.follower.stop();
    this.armed = undefined;
  }

  private emit(): void {
    this.options.onChange?.(this.state());
  }

  dispose(): void {
    this.stopFollowing();
    this.unsubscribe();
  }
}
