/**
 * A real-time audio sink for tests on a machine with no sound card: a private PulseAudio daemon
 * (Debian's pulseaudio) with a null sink, which plays in real time, and `parec` capturing the
 * sink's monitor, so what the app played can be checked sample by sample. Each test file gets its
 * own daemon on its own socket (PULSE_SERVER points the addon's ALSA→Pulse path at it).
 * Under CI a sink that cannot start fails the test; locally the caller skips with the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SINK_RATE = 48000;
const SINK = 'k8ssynth';

/** What parec captured, and when (performance.now()) each chunk arrived with the frame count so far. */
export interface Captured {
  pcm: Buffer;
  firstChunkAt: number;
  chunks: { at: number; frames: number }[];
}

/**
 * The latest wall time (performance.now()) at which captured frame `frame` can have been
 * recorded: the chunk that brought it arrived then, minus the frames after it in that chunk.
 * An upper bound (it includes parec's own latency), so latencies from it err on the long side.
 */
export function captureTimeOf(captured: Captured, frame: number): number {
  let best = Infinity;
  for (const c of captured.chunks) if (c.frames > frame) best = Math.min(best, c.at - ((c.frames - frame) * 1000) / SINK_RATE);
  return best;
}

export interface PulseSink {
  /** For PULSE_SERVER. */
  server: string;
  /** Starts capturing the sink's monitor (stereo s16le at SINK_RATE); stop() gives the bytes and when the first arrived. */
  capture(): Promise<{ stop(): Promise<Captured> }>;
  stop(): Promise<void>;
}

function missing(): string | undefined {
  for (const tool of ['pulseaudio', 'parec', 'pactl'])
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
      return `${tool} is not installed (apt-get install pulseaudio pulseaudio-utils libasound2-plugins)`;
  return undefined;
}

/** Starts a private PulseAudio with a null sink; rejects with the reason when it cannot. */
export async function startPulseSink(): Promise<PulseSink> {
  const why = missing();
  if (why) throw new Error(why);
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-synth-pulse-'));
  const socket = path.join(dir, 'native');
  const env = { ...process.env, PULSE_RUNTIME_PATH: dir, PULSE_STATE_PATH: dir, HOME: dir, XDG_CONFIG_HOME: dir };
  const daemon = spawn(
    'pulseaudio',
    [
      '-n',
      '--daemonize=no',
      '--exit-idle-time=-1',
      '--use-pid-file=no',
      '--disallow-exit',
      '-L',
      `module-null-sink sink_name=${SINK} rate=${SINK_RATE}`,
      '-L',
      `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  daemon.stderr!.on('data', (d) => (log += d));
  const server = `unix:${socket}`;
  const stop = async () => {
    if (daemon.exitCode === null) {
      daemon.kill('SIGTERM');
      await new Promise((r) => daemon.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (daemon.exitCode !== null) throw new Error(`pulseaudio exited (${daemon.exitCode}):\n${log}`);
    if (existsSync(socket) && spawnSync('pactl', ['--server', server, 'info'], { timeout: 5000 }).status === 0) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`pulseaudio did not come up within 15 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const captures: ChildProcess[] = [];
  return {
    server,
    async capture() {
      const child = spawn(
        'parec',
        [
          '--server',
          server,
          '-d',
          `${SINK}.monitor`,
          `--rate=${SINK_RATE}`,
          '--channels=2',
          '--format=s16le',
          '--latency-msec=5',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      captures.push(child);
      const chunks: Buffer[] = [];
      const arrivals: { at: number; frames: number }[] = [];
      let bytes = 0;
      let firstChunkAt = 0;
      child.stdout!.on('data', (d: Buffer) => {
        const at = performance.now();
        if (!firstChunkAt) firstChunkAt = at;
        chunks.push(d);
        bytes += d.length;
        arrivals.push({ at, frames: Math.floor(bytes / 4) });
      });
      // parec writes nothing until the stream runs: wait for the first bytes.
      const until = Date.now() + 10_000;
      while (!firstChunkAt && Date.now() < until && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
      if (!firstChunkAt) throw new Error('parec captured nothing from the null sink');
      return {
        async stop() {
          child.kill('SIGTERM');
          await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
          return { pcm: Buffer.concat(chunks), firstChunkAt, chunks: arrivals };
        },
      };
    },
    async stop() {
      for (const c of captures) if (c.exitCode === null) c.kill('SIGKILL');
      await stop();
    },
  };
}

/** The sink, or undefined with the reason printed; under CI=1 a sink that cannot start fails. */
export async function pulseSinkOrSkip(what: string): Promise<PulseSink | undefined> {
  try {
    return await startPulseSink();
  } catch (error) {
    const reason = (error as Error).message;
    if (process.env.CI === '1' || process.env.CI === 'true')
      throw new Error(`${what}: the PulseAudio null sink did not start: ${reason}`);
    console.warn(`[skip] ${what}: the PulseAudio null sink did not start: ${reason}`);
    return undefined;
  }
}
