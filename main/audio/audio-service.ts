/**
 * The real-time sound: follows the simulator step by step (SimService.observeSteps, so a replay
 * and the live simulator sound the same), turns each step into voices (sonify.ts), keeps those
 * patched into an AUDIO OUT (routing.ts), and queues them to the addon's audio thread with a small
 * lookahead. The output opens the first time an AUDIO OUT is in the patch; if the addon or a
 * device is missing the app runs silent and says so once. Meters go out ~20 times a second.
 */
import type { Notice } from '../../preload/contract';
import type { AudioMeters, AudioStatus } from '../../preload/contract';
import type { EventHub } from '../api/event-hub';
import type { Session } from '../session/session';
import type { SimService, StepListener } from '../sim/sim-service';
import { repeatEvery, systemTimers, type TimerPort } from '../time/timers';
import { loadNativeAudio, type AddonLoad, type NativeAudio } from './native-audio';
import { computeRouting, type Routing } from './routing';
import { Sonifier } from './sonify';
import { packEvents, type EngineEvent } from './voices';

export const DEFAULT_RATE = 48000;
export const DEFAULT_BLOCK = 128;
/**
 * How far ahead of the audio thread events are queued. The simulator steps in batches at display
 * rate (one every ~16.7 ms), so a step's sounds are placed at their exact distance from the
 * batch's end plus this lead: sample-accurate spacing at a fixed delay.
 */
export const LOOKAHEAD_MS = 25;
const METER_MS = 50;

export interface AudioServiceOptions {
  session: Session;
  sim: SimService;
  hub: EventHub;
  notify: (notice: Notice) => void;
  /** The addon loader (tests pass a missing one). */
  load?: () => AddonLoad;
  rate?: number;
  block?: number;
  /** Seconds of device buffer (default: the device's low-latency setting). */
  latency?: number;
  /** A device name to prefer ($K8S_SYNTH_AUDIO_DEVICE); the default output otherwise. */
  device?: string;
  timers?: TimerPort;
}

export class AudioService {
  private status: AudioStatus = { state: 'off', volume: 0.8, muted: false, underruns: 0 };
  private addon: NativeAudio | undefined;
  private routing: Routing;
  private readonly sonifier = new Sonifier();
  private readonly timers: TimerPort;
  private stopMeters: (() => void) | undefined;
  private lastMeters = '';
  /** simulated ms → engine frame: anchorFrame + (t - anchorT) / speed. */
  private anchor: { t: number; frame: number; speed: number } | undefined;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly options: AudioServiceOptions) {
    this.timers = options.timers ?? systemTimers;
    this.routing = computeRouting(options.session.patch);
    this.sonifier.setPatch(options.session.patch);
    this.disposers.push(
      options.session.subscribe(() => this.follow()),
      options.sim.observeSteps(this.onStep),
    );
    this.follow();
  }

  state(): AudioStatus {
    return { ...this.status };
  }

  setMaster(change: { volume?: number; muted?: boolean }): AudioStatus {
    this.status = { ...this.status, ...change };
    this.addon?.setMaster(this.status.muted ? 0 : this.status.volume);
    this.options.hub.emit('audio.changed', this.state());
    return this.state();
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    this.stopMeters?.();
    this.stopMeters = undefined;
    this.addon?.close();
    this.addon = undefined;
  }

  private follow(): void {
    const patch = this.options.session.patch;
    this.routing = computeRouting(patch);
    this.sonifier.setPatch(patch);
    if (this.status.state === 'off' && this.routing.outputs.length > 0) this.open();
  }

  /** Opens the output once; on failure the app stays silent and says why, once. */
  private open(): void {
    const load = (this.options.load ?? loadNativeAudio)();
    const rate = this.options.rate ?? DEFAULT_RATE;
    const block = this.options.block ?? DEFAULT_BLOCK;
    const opened = load.ok ? load.addon.open(rate, block, this.options.device ?? '', this.options.latency ?? 0) : undefined;
    if (!load.ok || !opened?.ok) {
      const reason = load.ok ? (opened as { error: string }).error : load.reason;
      this.status = { ...this.status, state: 'silent', reason };
      this.options.notify({
        level: 'warning',
        message: `Sound is off: ${reason}. Everything else works; the AUDIO OUT meters stay dark.`,
      });
      this.options.hub.emit('audio.changed', this.state());
      return;
    }
    this.addon = load.addon;
    this.addon.setMaster(this.status.muted ? 0 : this.status.volume);
    this.status = {
      ...this.status,
      state: 'playing',
      device: `${opened.device} (${opened.hostApi})`,
      hostApi: opened.hostApi,
      sampleRate: opened.sampleRate,
      blockSize: opened.blockSize,
      blockLatencyMs: (opened.blockSize / opened.sampleRate) * 1000,
      outputLatencyMs: opened.latency * 1000,
    };
    this.stopMeters = repeatEvery(this.timers, METER_MS, () => this.sendMeters());
    this.options.hub.emit('audio.changed', this.state());
  }

  private readonly onStep: StepListener = (step) => {
    const voices = this.sonifier.observe(step);
    const addon = this.addon;
    if (!addon || voices.length === 0) return;
    const rate = this.status.sampleRate ?? DEFAULT_RATE;
    const now = addon.frame();
    const lead = (LOOKAHEAD_MS * rate) / 1000;
    const events: EngineEvent[] = [];
    for (const v of voices) {
      const route = this.routing.routes.get(v.module);
      if (!route) continue;
      let frame = this.frameOf(v.t, step.speed, rate);
      // Re-anchor when the mapping drifted out of the lookahead window: a pause, a reset, a
      // speed change or a main thread that fell behind. Spacing within a burst is kept.
      if (frame === undefined || frame < now || frame > now + 3 * lead) {
        this.anchor = { t: v.t, frame: now + lead, speed: step.speed };
        frame = now + lead;
      }
      events.push({ frame: Math.round(frame), voice: v.voice, route, pitch: v.pitch, amp: v.amp, param: v.param });
    }
    if (events.length) addon.push(packEvents(events));
  };

  private frameOf(t: number, speed: number, rate: number): number | undefined {
    const a = this.anchor;
    if (!a || a.speed !== speed || t < a.t) return undefined;
    return a.frame + (((t - a.t) / speed) * rate) / 1000;
  }

  private sendMeters(): void {
    const addon = this.addon;
    if (!addon) return;
    const raw = addon.meters();
    const meters: AudioMeters = { levels: {} };
    this.routing.outputs.forEach((id, bus) => {
      meters.levels[id] = [round(raw[bus * 2]!), round(raw[bus * 2 + 1]!)];
    });
    const key = JSON.stringify(meters.levels);
    if (key !== this.lastMeters) {
      this.lastMeters = key;
      this.options.hub.emit('audio.meters', meters);
    }
    const stats = addon.stats();
    if ('underruns' in stats && stats.underruns !== this.status.underruns) {
      this.status = { ...this.status, underruns: stats.underruns };
      this.options.hub.emit('audio.changed', this.state());
    }
  }
}

const round = (x: number) => Math.round(Math.min(1, x) * 100) / 100;
