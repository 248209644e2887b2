/**
 * The offline render as a user meets it: `k8s-synth render` on the shipped demo performance
 * (progress, a WAV of at least 10 s, the same bytes twice), and what is in the sound: one tick
 * onset per etcd write at a pitch inside the jitter range, and a crash loop whose crash-to-restart
 * gaps are the back-off's 1, 2, 4, 8, 16 s. Real addon, real simulator, real files.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASH_POD } from '../../main/audio/demo-performance';
import { performanceVoices, renderPerformance } from '../../main/audio/offline-render';
import { TICK_HZ, TICK_JITTER_SEMITONES } from '../../main/audio/sonify';
import { Voice } from '../../main/audio/voices';
import { decodeWav } from '../../main/audio/wav';
import { addonOrSkip, DEMO_FILE, demoPerformance, hearOnly } from '../helpers/audio';
import { channel, onsets, peak, zeroCrossingHz } from '../helpers/wav-analysis';
import { moduleCatalog } from '../helpers/module-catalog';
import { ensureBuilt, REPO } from './helpers/cli-process';

const addon = addonOrSkip('offline render');
const catalog = moduleCatalog();
const RATE = 48000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'audio-render-'));
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!addon)('k8s-synth render', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  const render = (out: string, ...args: string[]) =>
    spawnSync(process.execPath, [path.join(REPO, 'bin', 'k8s-synth.mjs'), 'render', DEMO_FILE, '--out', out, ...args], {
      cwd: REPO,
      encoding: 'utf8',
    });

  it('renders the demo performance to at least 10 s of WAV with progress, byte for byte the same twice', async () => {
    const first = render(path.join(dir, 'a.wav'));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('rendering');
    expect(first.stderr).toMatch(/100%/);
    expect(first.stdout).toMatch(/^wrote .*a\.wav: \d+\.\d s at 48000 Hz/);
    const second = render(path.join(dir, 'b'), '--rate', '48000');
    expect(second.status, second.stderr).toBe(0);
    const [a, b] = await Promise.all([readFile(path.join(dir, 'a.wav')), readFile(path.join(dir, 'b.wav'))]);
    expect(sha(a)).toBe(sha(b));
    const pcm = decodeWav(a);
    expect(pcm).toMatchObject({ rate: 48000, channels: 2 });
    expect(pcm.samples.length / 2 / pcm.rate).toBeGreaterThanOrEqual(10);
    // Not silence: the demo's Pods, Nodes and etcd are patched into its AUDIO OUT.
    expect(peak(channel(pcm, 0), pcm.rate, 0, Infinity)).toBeGreaterThan(0.05);
  }, 120_000);

  it('refuses a bad rate and a damaged file, naming what is wrong', async () => {
    const rate = render(path.join(dir, 'c.wav'), '--rate', '44');
    expect(rate.status).toBe(1);
    expect(rate.stderr).toMatch(/sample rate 44 is not supported: use a whole number of Hz from 8000 to 192000/);
    const damaged = spawnSync(
      process.execPath,
      [path.join(REPO, 'bin', 'k8s-synth.mjs'), 'render', path.join(REPO, 'package.json'), '--out', path.join(dir, 'd.wav')],
      {
        cwd: REPO,
        encoding: 'utf8',
      },
    );
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(
      /package\.json: The file is not a valid performance: format: expected "k8s-synth\/performance"/,
    );
    const usage = render('');
    expect(usage.status).toBe(2);
  }, 60_000);
});

describe.skipIf(!addon)('what the render sounds like', () => {
  it('has one tick onset per etcd write, each at a pitch inside the jitter range', () => {
    // etcd alone, its WRITE unpatched: normalled to every object change, so it ticks often.
    const input = hearOnly(demoPerformance(catalog), ['etcd'], (c) => c.id !== 'c18');
    const { wav, voices } = renderPerformance(addon!, input, catalog, { rate: RATE });
    const ticks = voices.filter((v) => v.voice === Voice.tick).map((v) => v.t);
    expect(ticks.length).toBeGreaterThanOrEqual(10);
    const hp = channel(decodeWav(wav), 0, true);
    // A tick rings ~25 ms above the threshold; with 10 ms of quiet to re-arm, writes closer than
    // 35 ms are heard as one onset: group them the same way.
    const groups = ticks.filter((t, i) => i === 0 || t - ticks[i - 1]! > 35);
    const heard = onsets(hp, RATE, 0.01, 10);
    expect(heard.length).toBe(groups.length);
    heard.forEach((t, i) => expect(Math.abs(t - groups[i]!)).toBeLessThan(3));
    const lo = TICK_HZ * 2 ** (-TICK_JITTER_SEMITONES / 12);
    const hi = TICK_HZ * 2 ** (TICK_JITTER_SEMITONES / 12);
    const lone = groups.filter((t) => ticks.filter((u) => Math.abs(u - t) < 40).length === 1);
    const pitches = lone.map((t) => zeroCrossingHz(hp, RATE, t + 2, t + 30));
    expect(pitches.length).toBeGreaterThanOrEqual(5);
    for (const hz of pitches) {
      expect(hz).toBeGreaterThan(lo * 0.97);
      expect(hz).toBeLessThan(hi * 1.03);
    }
    // Jitter, not one pitch: the spread is at least a semitone.
    expect(Math.max(...pitches) / Math.min(...pitches)).toBeGreaterThan(2 ** (1 / 12));
  }, 60_000);

  it('plays a crash loop with the back-off rhythm: crash to restart in 1, 2, 4, 8, 16 s', () => {
    const input = hearOnly(demoPerformance(catalog), [CRASH_POD]);
    const { wav } = renderPerformance(addon!, input, catalog, { rate: RATE });
    const x = channel(decodeWav(wav), 1);
    // A crash is noise (many zero crossings); the restart is a 220 Hz knock; the others are tones.
    const heard = onsets(x, RATE, 0.02, 30).map((t) => ({ t, hz: zeroCrossingHz(x, RATE, t + 3, t + 40) }));
    const crashes = heard.filter((o) => o.hz > 1200).map((o) => o.t);
    const restarts = heard.filter((o) => o.hz > 180 && o.hz < 260).map((o) => o.t);
    expect(restarts.length).toBe(5);
    const gaps = restarts.map((r) => r - Math.max(...crashes.filter((c) => c < r)));
    gaps.forEach((gap, i) => expect(Math.abs(gap - 1000 * 2 ** i), `gap ${i + 1}: ${gap} ms`).toBeLessThan(25));
  }, 60_000);

  it('is the same sound from the simulator steps as from the voice list (no hidden state between renders)', () => {
    const input = demoPerformance(catalog);
    const a = performanceVoices(input, catalog).voices;
    const b = performanceVoices(input, catalog).voices;
    expect(b).toEqual(a);
  });
});
