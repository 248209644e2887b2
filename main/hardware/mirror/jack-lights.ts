/**
 * The guide lights at the jacks: both ends of every pending (ghost) edit and of the guide's
 * current step, as guide-jack commands per case. Diffed against what was last lit, so a jack
 * whose request is gone goes dark and an unchanged one is not sent again.
 */
import type { Catalog } from '../../patch/catalog';
import type { JackRef, Patch } from '../../patch/model';
import type { GuideJackMessage, GuideState } from '../codec/messages';
import { physicalJack } from './physical';

export interface JackRequest {
  action: 'plug' | 'unplug';
  from: JackRef;
  to: JackRef;
}

/** Lit jacks per case (bridge uid) → key `slot/direction/jack` → the command that lights it. */
export type JackLights = Map<string, Map<string, GuideJackMessage>>;

export function jackLights(patch: Patch, catalog: Catalog, requests: readonly JackRequest[]): JackLights {
  const lights: JackLights = new Map();
  for (const request of requests) {
    for (const ref of [request.from, request.to]) {
      const jack = physicalJack(patch, catalog, ref);
      if (!jack) continue;
      const forCase = lights.get(jack.bridgeUid) ?? new Map<string, GuideJackMessage>();
      lights.set(jack.bridgeUid, forCase);
      const key = `${jack.slot}/${jack.direction}/${jack.jack}`;
      // Two requests on one jack: unplugging comes first (it frees the jack).
      if (forCase.get(key)?.state === 'unplug') continue;
      const state: GuideState = request.action;
      forCase.set(key, { kind: 'guide-jack', slot: jack.slot, direction: jack.direction, jack: jack.jack, state });
    }
  }
  return lights;
}

/** The commands that turn the jacks lit as `sent` into `wanted`, per case. */
export function jackLightCommands(wanted: JackLights, sent: JackLights): Map<string, GuideJackMessage[]> {
  const out = new Map<string, GuideJackMessage[]>();
  for (const uid of new Set([...wanted.keys(), ...sent.keys()])) {
    const now = wanted.get(uid) ?? new Map<string, GuideJackMessage>();
    const before = sent.get(uid) ?? new Map<string, GuideJackMessage>();
    const commands: GuideJackMessage[] = [];
    for (const [key, before1] of before) if (!now.has(key)) commands.push({ ...before1, state: 'off' });
    for (const [key, light] of now) if (before.get(key)?.state !== light.state) commands.push(light);
    if (commands.length) out.set(uid, commands);
  }
  return out;
}
