/**
 * Real-time sound through a real sink: a private PulseAudio null sink (it plays in real time;
 * there is no sound card here) captured with parec. The addon's events land at their scheduled
 * frames, and the app's AudioService plays the simulator's etcd heartbeat with the simulator's
 * rhythm and moves the AUDIO OUT meter. Under CI=1 a sink that cannot start fails; locally it
 * skips with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Voice, packEvents } from '../../main/audio/voices';
import type { AudioMeters } from '../../preload/contract';
import { addonOrSkip } from '../helpers/audio';
import { audioRack, helloWebHeard } from '../helpers/audio-rack';
import { pulseSinkOrSkip, SINK_RATE, type PulseSink } from '../helpers/pulse-sink';
import { onsets } from '../helpers/wav-analysis';

const addon = addonOrSkip('real-time sound');
let sink: PulseSink | undefined;

beforeAll(async () => {
  sink = addon && (await pulseSinkOrSkip('real-time sound'));
  // The addon's PortAudio reaches Pulse through ALSA's pulse plugin, which reads PULSE_SERVER.
  if (sink) process.env.PULSE_SERVER = sink.server;
}, 60_000);
afterAll(async () => {
  addon?.close();
  await sink?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The left channel of captured s16le stereo as floats, high-passed (first difference). */
function left(pcm: Buffer): Float32Array {
  const n = Math.floor(pcm.length / 4);
  const out = new Float32Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = pcm.readInt16LE(i * 4) / 32768;
    out[i] = x - prev;
    prev = x;
  }
  return out;
}

describe('the real-time output on a PulseAudio null sink', () => {
  it('opens the default output and plays each event at its frame', async (ctx) => {
    if (!sink) return ctx.skip();
    // A roomy device buffer: this checks where events land, not latency (the bench measures
    // that), and the test machine is shared, so underruns must not shift the sound.
    const opened = addon!.open(SINK_RATE, 128, '', 0.2);
    expect(opened).toMatchObject({ ok: true, sampleRate: SINK_RATE, blockSize: 128 });
    const capture = await sink.capture();
    await sleep(300);
    const spacing = [150, 220, 150, 300, 180, 150, 250];
    const start = addon!.frame() + SINK_RATE * 0.1;
    const frames = spacing.reduce((acc, ms) => [...acc, acc[acc.length - 1]! + (ms * SINK_RATE) / 1000], [start]);
    const route = { bus: 0, gainL: 1, gainR: 1 };
    expect(
      addon!.push(packEvents(frames.map((frame) => ({ frame, voice: Voice.tick, route, pitch: 1760, amp: 0.5, param: 0 })))),
    ).toBe(8);
    await sleep(2200);
    const { pcm } = await capture.stop();
    const stats = addon!.stats();
    addon!.close();
    const heard = onsets(left(pcm), SINK_RATE, 0.02, 10);
    expect(heard).toHaveLength(8);
    const gaps = heard.slice(1).map((t, i) => t - heard[i]!);
    // Sample-accurate in the engine: within 0.1 ms when nothing underruns.
    gaps.forEach((gap, i) => expect(Math.abs(gap - spacing[i]!), `gap ${i}: ${gap} ms`).toBeLessThan(5));
    expect(stats).toMatchObject({ dropped: 0, late: 0 });
  }, 30_000);

  it('plays the simulated cluster: etcd patched into an AUDIO OUT beats once a second and its meter moves', async (ctx) => {
    if (!sink) return ctx.skip();
    // A roomy device buffer, as above: the rhythm is under test here, not the latency.
    const rack = audioRack({ latency: 0.2 });
    const meters: AudioMeters[] = [];
    rack.hub.on('audio.meters', (m) => meters.push(m));
    try {
      rack.session.load(helloWebHeard(['etcd']), 'ui');
      expect(rack.audio.state()).toMatchObject({ state: 'playing', sampleRate: SINK_RATE, blockSize: 128 });
      const capture = await sink.capture();
      rack.sim.control('run');
      await sleep(3500);
      rack.sim.control('pause');
      const { pcm } = await capture.stop();
      // The heartbeat is a low thump (55 Hz): look at the raw level, not the high-passed one.
      const raw = new Float32Array(Math.floor(pcm.length / 4)).map((_, i) => pcm.readInt16LE(i * 4) / 32768);
      const beats = onsets(raw, SINK_RATE, 0.05, 300);
      expect(beats.length).toBeGreaterThanOrEqual(2);
      // The simulator's 1 s heartbeat, at real-time speed, with the display timer's jitter at most.
      beats.slice(1).forEach((t, i) => expect(Math.abs(t - beats[i]! - 1000), `beat gap ${t - beats[i]!} ms`).toBeLessThan(40));
      expect(Math.max(...meters.map((m) => m.levels.out?.[0] ?? 0))).toBeGreaterThan(0.05);
    } finally {
      rack.dispose();
    }
  }, 30_000);
});
