/**
 * Part `audio`: the sound's figures, each beside a bare baseline measured in the same run
 * (medians of 3; the machine is shared, so the spread is printed too).
 *
 *   offline render   the hello-web demo (simulator + engine) in × real time, beside the engine
 *                    rendering the same length of silence and the simulator replay alone; goal ≥ 200×
 *   voices           sustained voices before the first underrun at 128 frames on the PulseAudio null
 *                    sink, beside a bare sine (one voice) on the same backend
 *   latency          event → sound p50/p99, measured in parec's capture of the sink, beside the
 *                    output latency the device reports; goal ≤ 10 ms at a 128-256 frame block
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadNativeAudio, type NativeAudio } from '../../main/audio/native-audio';
import { performanceVoices, renderPerformance } from '../../main/audio/offline-render';
import { packEvents, Voice } from '../../main/audio/voices';
import { parsePerformance } from '../../main/history/performance-file';
import type { Catalog } from '../../main/patch/catalog';
import { captureTimeOf, startPulseSink, SINK_RATE, type PulseSink } from '../helpers/pulse-sink';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

export async function runAudioBench(catalog: Catalog, root: string): Promise<void> {
  const load = loadNativeAudio();
  if (!load.ok) throw new Error(`bench audio: ${load.reason}`);
  const addon = load.addon;
  console.log('\nSound (native-audio, PortAudio)');
  await benchRender(addon, catalog, root);
  let sink: PulseSink | undefined;
  try {
    sink = await startPulseSink();
  } catch (error) {
    console.log(`  real-time parts skipped: the PulseAudio null sink did not start (${(error as Error).message})`);
    return;
  }
  process.env.PULSE_SERVER = sink.server;
  try {
    await benchVoices(addon);
    await benchLatency(addon, sink);
  } finally {
    addon.close();
    await sink.stop();
  }
}

async function benchRender(addon: NativeAudio, catalog: Catalog, root: string): Promise<void> {
  const text = await readFile(path.join(root, 'resources', 'examples', 'hello-web.k8sperf'), 'utf8');
  const parsed = parsePerformance(text, catalog);
  if (!parsed.ok) throw new Error(parsed.error);
  const perf = parsed.performance;
  const full: number[] = [];
  const sim: number[] = [];
  const silence: number[] = [];
  let seconds = 0;
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    const { durationMs } = renderPerformance(addon, perf, catalog, { rate: 48000 });
    const fullMs = performance.now() - t;
    seconds = durationMs / 1000;
    t = performance.now();
    performanceVoices(perf, catalog);
    const simMs = performance.now() - t;
    t = performance.now();
    addon.render(new Float64Array(0), Math.ceil(seconds * 48000), 48000);
    const silenceMs = performance.now() - t;
    full.push((seconds * 1000) / fullMs);
    sim.push((seconds * 1000) / simMs);
    silence.push((seconds * 1000) / silenceMs);
  }
  console.log(
    `  offline render of hello-web (${seconds.toFixed(0)} s at 48 kHz): ${median(full).toFixed(0)}× real time (spread ${spread(full)}; goal ≥ 200×)\n` +
      `    baselines: the simulator replay alone ${median(sim).toFixed(0)}× (${spread(sim)}), the engine rendering silence ${median(silence).toFixed(0)}× (${spread(silence)})`,
  );
}

/** Holds `n` tones for `ms` and returns the underruns and over-budget blocks in that time. */
async function hold(addon: NativeAudio, n: number, ms: number): Promise<number> {
  const before = addon.stats() as { underruns: number; overBudget: number };
  const route = { bus: 0, gainL: 0.5 / n, gainR: 0.5 / n };
  const tones = Array.from({ length: n }, (_, i) => ({
    frame: 0,
    voice: Voice.tone,
    route,
    pitch: 200 + i * 7,
    amp: 0.5,
    param: ms / 1000,
  }));
  addon.push(packEvents(tones));
  await sleep(ms + 200);
  const after = addon.stats() as { underruns: number; overBudget: number };
  return after.underruns - before.underruns + (after.overBudget - before.overBudget);
}

async function benchVoices(addon: NativeAudio): Promise<void> {
  const ladder = [1, 16, 32, 64, 96, 128, 192, 256];
  const results: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < 3; round++) {
    const opened = addon.open(SINK_RATE, 128, '');
    if (!opened.ok) throw new Error(`bench audio: ${opened.error}`);
    await sleep(300);
    bare.push(await hold(addon, 1, 1500));
    let fine = 0;
    for (const n of ladder.slice(1)) {
      if ((await hold(addon, n, 1500)) > 0) break;
      fine = n;
    }
    results.push(fine);
    addon.close();
  }
  console.log(
    `  voices sounding at once with no underrun at 128 frames (1.5 s per step, ladder ${ladder.slice(1).join('/')}): median ${median(results)} (runs ${results.join(', ')}; goal ≥ 64)\n` +
      `    baseline: a bare sine on the same backend had ${bare.join(', ')} underrun blocks in 1.5 s`,
  );
}

async function benchLatency(addon: NativeAudio, sink: PulseSink): Promise<void> {
  for (const block of [128, 256]) {
    const opened = addon.open(SINK_RATE, block, '');
    if (!opened.ok) throw new Error(`bench audio: ${opened.error}`);
    const capture = await sink.capture();
    await sleep(300);
    const pushedAt: number[] = [];
    const route = { bus: 0, gainL: 1, gainR: 1 };
    for (let i = 0; i < 40; i++) {
      await sleep(80 + ((i * 37) % 60));
      pushedAt.push(performance.now());
      addon.push(packEvents([{ frame: 0, voice: Voice.tick, route, pitch: 1760, amp: 0.5, param: 0 }]));
    }
    await sleep(500);
    const captured = await capture.stop();
    addon.close();
    // Onsets: the first sample above threshold after 40 ms of quiet (ticks are 80-140 ms apart).
    const onsetsAt: number[] = [];
    let quiet = Infinity;
    for (let k = 0, n = captured.pcm.length / 4; k < n; k++) {
      if (Math.abs(captured.pcm.readInt16LE(k * 4)) > 1000) {
        if (quiet > 0.04 * SINK_RATE) onsetsAt.push(captureTimeOf(captured, k));
        quiet = 0;
      } else quiet++;
    }
    const latencies = pushedAt.map((t) => onsetsAt.find((o) => o >= t - 1)! - t).filter((x) => Number.isFinite(x));
    console.log(
      `  event → sound at ${block} frames: p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms over ${latencies.length}/40 events (upper bound: includes parec's capture path; goal ≤ 10 ms)\n` +
        `    baseline: the device reports ${(opened.latency * 1000).toFixed(1)} ms output latency + ${((block / SINK_RATE) * 1000).toFixed(1)} ms for one block`,
    );
  }
}
