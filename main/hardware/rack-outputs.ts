/**
 * What the app shows on the physical rack, remembered per case so only changes go out: LED
 * levels and gate outputs from the simulator's frames, and guide lights at the jacks (pending
 * edits and the guide's step). A case that lost its link is forgotten here, so everything is sent
 * again once it is back (the rack's lights did not survive the replug).
 */
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import { mergeFrames } from '../sim/core/frame';
import type { SimFrame } from '../sim/core/types';
import type { HostMessage } from './codec/messages';
import { gateCommands, gateLevels } from './mirror/gates';
import { jackLightCommands, jackLights, type JackLights, type JackRequest } from './mirror/jack-lights';
import { ledCommands, moduleLedLevels } from './mirror/leds';

export interface RackOutputsDeps {
  catalog: Catalog;
  patch: () => Patch;
  /** Sends to the case's link if it is reachable (drops otherwise). */
  send: (bridgeUid: string, command: HostMessage) => void;
}

export class RackOutputs {
  /** The simulator's outputs as its frames left them; undefined until the first frame (the rack's LEDs stay as they are). */
  private frame: SimFrame | undefined;
  private readonly ledsSent = new Map<string, Map<string, number[]>>();
  private readonly gatesSent = new Map<string, Map<string, number>>();
  private jacksLit: JackLights = new Map();

  constructor(private readonly deps: RackOutputsDeps) {}

  simFrame(frame: SimFrame): void {
    this.frame = this.frame ? mergeFrames(this.frame, frame) : frame;
  }

  /** LEDs and gate outputs of these cases from the simulator's last state; only changes go out. */
  sendSim(bridgeUids: readonly string[]): void {
    const frame = this.frame;
    if (!frame) return;
    const { catalog } = this.deps;
    const patch = this.deps.patch();
    for (const uid of bridgeUids) {
      const levels = moduleLedLevels(patch, catalog, uid, frame.lights ?? {});
      const leds = ledCommands(levels, this.ledsSent.get(uid) ?? new Map());
      this.ledsSent.set(uid, leds.sent);
      const gates = gateLevels(patch, catalog, uid, frame.volts ?? {});
      const gateChanges = gateCommands(gates, this.gatesSent.get(uid) ?? new Map());
      this.gatesSent.set(uid, new Map(gates));
      for (const c of [...leds.commands, ...gateChanges]) this.deps.send(uid, c);
    }
  }

  /** Lights both ends of each request, darkens jacks no longer asked for. */
  lightJacks(requests: readonly JackRequest[]): void {
    const wanted = jackLights(this.deps.patch(), this.deps.catalog, requests);
    for (const [uid, commands] of jackLightCommands(wanted, this.jacksLit)) for (const c of commands) this.deps.send(uid, c);
    this.jacksLit = wanted;
  }

  /** guide-clear on these cases: a fresh start for a new guide or after one. */
  clearJacks(bridgeUids: readonly string[]): void {
    for (const uid of bridgeUids) this.deps.send(uid, { kind: 'guide-clear' });
    this.jacksLit = new Map();
  }

  /** The mirror is off: LEDs and gates are no longer ours; when it is back on, send them whole. */
  forgetSim(): void {
    this.ledsSent.clear();
    this.gatesSent.clear();
  }

  /** The case lost its link (or was closed): send it everything again when it is back. */
  forget(bridgeUid: string): void {
    this.ledsSent.delete(bridgeUid);
    this.gatesSent.delete(bridgeUid);
    this.jacksLit.delete(bridgeUid);
  }
}
