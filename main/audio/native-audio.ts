/**
 * The typed, lazy loader of the native-audio addon (native-audio/: the voice engine and the
 * real-time output, a Node-API addon). As VS Code does for its native modules, nothing imports
 * the addon but this file: the rest of the app sees the `NativeAudio` interface, the addon is
 * required on first use, and a missing or broken build is a reason string, not a crash.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { appRoot } from '../app-root';

/** What `open` reports: the device that plays, or why nothing does. */
export type OutputOpen =
  | { ok: true; device: string; hostApi: string; sampleRate: number; blockSize: number; latency: number }
  | { ok: false; error: string };

/** Counters of the real-time output since it opened. */
export interface OutputStats {
  frame: number;
  callbacks: number;
  /** Blocks the device reported as underflowed. */
  underruns: number;
  /** Blocks whose rendering took longer than the block lasts (an underrun waiting to happen). */
  overBudget: number;
  /** Events refused because the queue to the audio thread was full. */
  dropped: number;
  /** Events that arrived after their frame had played (they start at once). */
  late: number;
  voices: number;
  cpuLoad: number;
}

/** The addon's interface (native-audio/src/addon.cpp). Events are packed by voices.ts. */
export interface NativeAudio {
  /** Renders `frames` of interleaved stereo 16-bit PCM (little-endian), deterministically. */
  render(events: Float64Array, frames: number, rate: number, master?: number): Buffer;
  /**
   * Opens the default output (or the first whose name contains `device`) and starts the stream,
   * with `latency` seconds of device buffer (omitted or 0: the device's low-latency default).
   */
  open(rate: number, block: number, device: string, latency?: number): OutputOpen;
  close(): void;
  /** Queues events for the audio thread (never blocks); returns how many were taken. */
  push(events: Float64Array): number;
  /** Frames played since open: what event frames are counted against. */
  frame(): number;
  /** Master gain 0..2 (0 mutes), ramped over one block. */
  setMaster(gain: number): void;
  /** Peak level per bus and channel, held and decaying: [bus0 L, bus0 R, bus1 L, ...]. */
  meters(): Float64Array;
  /** Empty before the first successful open. */
  stats(): OutputStats | Record<string, never>;
}

export type AddonLoad = { ok: true; addon: NativeAudio } | { ok: false; reason: string };

const FUNCTIONS = ['render', 'open', 'close', 'push', 'frame', 'setMaster', 'meters', 'stats'] as const;

/** Where the addon is: `$K8S_SYNTH_NATIVE_AUDIO`, else native-audio's node-gyp output (unpacked from an asar). */
export function addonPath(): string {
  const override = process.env.K8S_SYNTH_NATIVE_AUDIO;
  if (override) return path.resolve(override);
  return path
    .join(appRoot(), 'native-audio', 'build', 'Release', 'native_audio.node')
    .replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

const loaded = new Map<string, AddonLoad>();

/** Loads the addon once per path; never throws. */
export function loadNativeAudio(file = addonPath()): AddonLoad {
  const cached = loaded.get(file);
  if (cached) return cached;
  const result = tryLoad(file);
  loaded.set(file, result);
  return result;
}

function tryLoad(file: string): AddonLoad {
  if (!existsSync(file))
    return { ok: false, reason: `the native-audio addon is not built (${file} is missing: run \`npm run build:audio\`)` };
  let addon: unknown;
  try {
    addon = createRequire(path.join(appRoot(), 'package.json'))(file);
  } catch (error) {
    return { ok: false, reason: `the native-audio addon did not load (${(error as Error).message.split('\n')[0]})` };
  }
  const missing = FUNCTIONS.filter((name) => typeof (addon as Record<string, unknown>)[name] !== 'function');
  if (missing.length) return { ok: false, reason: `the native-audio addon at ${file} is out of date (no ${missing.join(', ')})` };
  return { ok: true, addon: addon as NativeAudio };
}
