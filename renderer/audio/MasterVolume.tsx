/** The top bar's master volume and mute (what every AUDIO OUT goes through), and the sound's state. */
import { useRack } from '../store/rackStore';
import { setMaster, useAudio, useAudioConnection } from './audioStore';

export function MasterVolume() {
  useAudioConnection();
  const client = useRack((s) => s.client);
  const status = useAudio((s) => s.status);
  const title =
    status.state === 'playing'
      ? `Sound plays on ${status.device ?? 'the default output'}`
      : status.state === 'silent'
        ? `Sound is off: ${status.reason ?? 'no output'}`
        : 'Patch a module’s AUDIO into an AUDIO OUT to hear it';
  return (
    <nav className="shell-topbar__group" aria-label="Sound" title={title} data-testid="master-volume" data-state={status.state}>
      <button
        type="button"
        className="shell-button"
        aria-pressed={status.muted}
        data-testid="master-mute"
        onClick={() => void setMaster(client, { muted: !status.muted })}
      >
        {status.muted ? 'Muted' : 'Mute'}
      </button>
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={status.volume}
        aria-label="Master volume"
        data-testid="master-volume-slider"
        onChange={(e) => void setMaster(client, { volume: Number(e.target.value) })}
      />
    </nav>
  );
}
