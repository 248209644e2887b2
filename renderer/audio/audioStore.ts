/**
 * The renderer's side of the sound: main's output state (top bar, AUDIO OUT inspector) and the
 * AUDIO OUT meters, which light the modules' meter LEDs through the telemetry store like any
 * other light. The sound itself plays in main (the desk); a tablet in web mode sees the meters.
 */
import { create } from 'zustand';
import type { RackClient } from '../../preload/contract';
import type { AudioMeters, AudioStatus } from '../../preload/contract';
import { telemetry } from '../rack/telemetry';
import { sharedConnection } from '../store/shared-connection';

export const useAudio = create<{ status: AudioStatus }>(() => ({
  status: { state: 'off', volume: 0.8, muted: false, underruns: 0 },
}));

/** The AUDIO OUT's meter LEDs (resources/modules/audio-out.json). */
export function applyMeters(meters: AudioMeters): void {
  for (const [id, [l, r]] of Object.entries(meters.levels)) {
    telemetry.set(id, 'left-led', { brightness: meterBrightness(l) });
    telemetry.set(id, 'right-led', { brightness: meterBrightness(r) });
  }
}

/** A peak level to LED brightness on a dB scale: -48 dBFS is dark, 0 dBFS fully lit. */
export function meterBrightness(peak: number): number {
  if (peak <= 0) return 0;
  return Math.max(0, Math.min(1, 1 + (20 * Math.log10(peak)) / 48));
}

function connectAudio(client: RackClient): () => void {
  const offChanged = client.on('audio.changed', (status) => useAudio.setState({ status }));
  const offMeters = client.on('audio.meters', applyMeters);
  void client
    .request('audio.state', {})
    .then((status) => useAudio.setState({ status }))
    .catch(() => undefined);
  return () => {
    offChanged();
    offMeters();
  };
}

export const useAudioConnection = sharedConnection(connectAudio);

export async function setMaster(client: RackClient | null, change: { volume?: number; muted?: boolean }): Promise<void> {
  if (!client) return;
  useAudio.setState((s) => ({ status: { ...s.status, ...change } }));
  useAudio.setState({ status: await client.request('audio.master', change) });
}
