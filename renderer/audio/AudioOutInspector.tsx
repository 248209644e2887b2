/**
 * The AUDIO OUT module's inspector section, after VCV's Audio module: the device, its sample
 * rate and block size and the latency they give, or why there is no sound.
 */
import { useAudio, useAudioConnection } from './audioStore';

export function AudioOutInspector() {
  useAudioConnection();
  const s = useAudio((state) => state.status);
  return (
    <section className="shell-inspector__section" data-testid="audio-out-inspector">
      <h3 className="shell-inspector__heading">Output</h3>
      {s.state === 'playing' ? (
        <dl className="shell-params">
          <Row label="Device" value={s.device ?? '?'} />
          <Row label="Sample rate" value={`${s.sampleRate ?? '?'} Hz`} />
          <Row label="Block size" value={`${s.blockSize ?? '?'} frames`} />
          <Row
            label="Latency"
            value={`${(s.blockLatencyMs ?? 0).toFixed(1)} ms block · ${(s.outputLatencyMs ?? 0).toFixed(1)} ms output`}
          />
          <Row label="Underruns" value={String(s.underruns)} />
        </dl>
      ) : (
        <p className="shell-muted" data-testid="audio-out-silent">
          {s.state === 'silent' ? `No sound: ${s.reason ?? 'no output'}.` : 'Opens when the patch has an AUDIO OUT.'}
        </p>
      )}
      <p className="shell-muted">The sound plays on the machine running the app; other screens show the meters.</p>
    </section>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="shell-params__row" data-testid={`audio-out-${label.toLowerCase().replace(/\s+/g, '-')}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
