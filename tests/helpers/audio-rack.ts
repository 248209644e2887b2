/**
 * A running Session + SimService + AudioService (no transport, no history) on a patch with an
 * AUDIO OUT: for the sound service's tests. Manual timers drive the simulator unless told otherwise.
 */
import type { Notice } from '../../preload/contract';
import { EventHub } from '../../main/api/event-hub';
import { AudioService } from '../../main/audio/audio-service';
import type { AddonLoad } from '../../main/audio/native-audio';
import type { Patch } from '../../main/patch/model';
import { systemClock } from '../../main/time/clock';
import { Session } from '../../main/session/session';
import { SimService } from '../../main/sim/sim-service';
import { examplePatch, simCatalog } from './sim';

/** hello-web with an AUDIO OUT `out`, `sources`' AUDIO patched into its L input. */
export function helloWebHeard(sources: string[]): Patch {
  const patch = examplePatch('hello-web');
  return {
    ...patch,
    modules: [
      ...patch.modules,
      { id: 'out', type: 'audio-out', row: 0, hp: 60, params: { 'level-l': 0.8, 'level-r': 0.8 }, data: {} },
    ],
    cables: [
      ...patch.cables,
      ...sources.map((m, i) => ({
        id: `snd-${i}`,
        from: { module: m, jack: 'audio' },
        to: { module: 'out', jack: 'left' },
        color: '#e879f9',
      })),
    ],
  };
}

export function audioRack(options: { load?: () => AddonLoad; latency?: number } = {}) {
  const catalog = simCatalog();
  const session = new Session(catalog, systemClock);
  const hub = new EventHub((m) => console.error(m));
  const notices: Notice[] = [];
  hub.on('notice', (n) => notices.push(n));
  const sim = new SimService({ session, catalog, hub, clock: systemClock });
  const audio = new AudioService({
    session,
    sim,
    hub,
    notify: (n) => hub.emit('notice', n),
    load: options.load,
    latency: options.latency,
  });
  return {
    session,
    sim,
    audio,
    hub,
    notices,
    dispose() {
      audio.dispose();
      sim.dispose();
    },
  };
}
