/**
 * Small, explicit signal analysis for the audio tests: onsets (where a sound starts) and the
 * zero-crossing pitch of a stretch, on one channel of 16-bit PCM. Written out rather than taken
 * from a library so a failing test can be read down to the sample.
 */
import type { Pcm } from '../../main/audio/wav';

/** One channel as floats in -1..1; `highpass` takes the first difference (drops hum and drones). */
export function channel(pcm: Pcm, ch: number, highpass = false): Float32Array {
  const n = Math.floor(pcm.samples.length / pcm.channels);
  const out = new Float32Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = pcm.samples[i * pcm.channels + ch]! / 32768;
    out[i] = highpass ? x - prev : x;
    prev = x;
  }
  return out;
}

/**
 * Times (ms) where |signal| first exceeds `threshold` after at least `quietMs` below it: the
 * onsets of separate sounds.
 */
export function onsets(signal: Float32Array, rate: number, threshold: number, quietMs = 20): number[] {
  const quiet = Math.round((quietMs * rate) / 1000);
  const found: number[] = [];
  let below = quiet;
  for (let i = 0; i < signal.length; i++) {
    if (Math.abs(signal[i]!) > threshold) {
      if (below >= quiet) found.push((i * 1000) / rate);
      below = 0;
    } else below++;
  }
  return found;
}

/** Zero crossings per second / 2 over [fromMs, toMs): the frequency of a clean tone. */
export function zeroCrossingHz(signal: Float32Array, rate: number, fromMs: number, toMs: number): number {
  const from = Math.round((fromMs * rate) / 1000);
  const to = Math.min(signal.length, Math.round((toMs * rate) / 1000));
  let crossings = 0;
  for (let i = from + 1; i < to; i++) if (signal[i - 1]! < 0 !== signal[i]! < 0) crossings++;
  return crossings / 2 / ((to - from) / rate);
}

/** The peak |signal| over [fromMs, toMs). */
export function peak(signal: Float32Array, rate: number, fromMs: number, toMs: number): number {
  let p = 0;
  const to = Math.min(signal.length, Math.round((toMs * rate) / 1000));
  for (let i = Math.max(0, Math.round((fromMs * rate) / 1000)); i < to; i++) p = Math.max(p, Math.abs(signal[i]!));
  return p;
}
