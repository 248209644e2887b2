/**
 * The patch guide: pick a target (a saved file, a version from the history, or a moment of a
 * recorded performance) and the rack lights the jacks to connect and disconnect, one step at a
 * time. Here the steps are a checklist, the step lit on the rack highlighted; notes list what the
 * guide cannot lead by hand (modules missing from the rack, knob values).
 */
import { useState } from 'react';
import { useHistoryView } from '../history/historyStore';
import { useHistoryConnection } from '../history/useHistoryConnection';
import { useRack } from '../store/rackStore';
import { startGuide, stopGuide, useHardware, type GuideTarget } from './hardwareStore';

type Kind = GuideTarget['kind'];

export function PatchGuide() {
  useHistoryConnection();
  const client = useRack((s) => s.client);
  const guide = useHardware((s) => s.hardware.guide);
  const error = useHardware((s) => s.guideError);
  const versions = useHistoryView((s) => s.versions.versions);
  const performances = useHistoryView((s) => s.performances);
  const [kind, setKind] = useState<Kind>('version');
  const [file, setFile] = useState('');
  const [version, setVersion] = useState('');
  const [performance, setPerformance] = useState('');
  const [seconds, setSeconds] = useState('0');

  const target = ((): GuideTarget | null => {
    if (kind === 'file') return file.trim() ? { kind, path: file.trim() } : null;
    if (kind === 'version') return version === '' ? null : { kind, version: Number(version) };
    const at = Number(seconds);
    return performance === '' || !Number.isFinite(at) || at < 0
      ? null
      : { kind, id: Number(performance), position: Math.round(at * 1000) };
  })();

  return (
    <section className="hw-section" aria-label="Patch guide" data-testid="hw-guide">
      <h3 className="hw-section__title">Patch guide</h3>
      <p className="shell-muted hw-small">Lights the jacks to patch by hand, step by step, until the rack matches a target.</p>
      <div className="hw-guide__form">
        <select
          className="shell-input"
          data-testid="hw-guide-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
          aria-label="Target kind"
        >
          <option value="version">A version</option>
          <option value="file">A saved file</option>
          <option value="performance">A performance moment</option>
        </select>
        {kind === 'version' && (
          <select
            className="shell-input"
            data-testid="hw-guide-version"
            value={version}
            onChange={(e) => setVersion(e.target.value)}
            aria-label="Version"
          >
            <option value="">Pick a version…</option>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.label}
              </option>
            ))}
          </select>
        )}
        {kind === 'file' && (
          <input
            className="shell-input hw-mono"
            data-testid="hw-guide-file"
            placeholder="/home/me/patches/hello-web.k8spatch"
            value={file}
            onChange={(e) => setFile(e.target.value)}
            aria-label="Patch file path"
          />
        )}
        {kind === 'performance' && (
          <div className="shell-row">
            <select
              className="shell-input"
              data-testid="hw-guide-performance"
              value={performance}
              onChange={(e) => setPerformance(e.target.value)}
              aria-label="Performance"
            >
              <option value="">Pick a performance…</option>
              {performances.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name || `Performance ${p.id}`}
                </option>
              ))}
            </select>
            <input
              className="shell-input hw-guide__seconds"
              type="number"
              min={0}
              step={0.1}
              data-testid="hw-guide-position"
              value={seconds}
              onChange={(e) => setSeconds(e.target.value)}
              aria-label="Position (seconds)"
              title="Position in the performance, in seconds"
            />
          </div>
        )}
        <div className="shell-row">
          <button
            type="button"
            className="shell-button shell-button--primary shell-button--small"
            data-testid="hw-guide-start"
            disabled={!client || !target}
            onClick={() => client && target && void startGuide(client, target)}
          >
            {guide ? 'Restart' : 'Start'}
          </button>
          <button
            type="button"
            className="shell-button shell-button--small"
            data-testid="hw-guide-stop"
            disabled={!client || !guide}
            onClick={() => client && void stopGuide(client)}
          >
            Stop
          </button>
        </div>
      </div>
      {error && (
        <p className="shell-field-error" role="alert" data-testid="hw-guide-error">
          {error}
        </p>
      )}
      {guide && (
        <div className="hw-guide__status" data-testid="hw-guide-status">
          <p className="hw-small">
            Towards <b>{guide.target}</b>:{' '}
            {guide.done ? (
              <span className="hw-ok" data-testid="hw-guide-done">
                done, the rack matches.
              </span>
            ) : (
              `step ${Math.min(guide.current + 1, guide.steps.length)} of ${guide.steps.length}`
            )}
          </p>
          <ol className="hw-steps" data-testid="hw-guide-steps">
            {guide.steps.map((step, i) => (
              <li
                key={i}
                className={`hw-step hw-step--${step.action}${step.done ? ' hw-step--done' : ''}${i === guide.current && !guide.done ? ' hw-step--current' : ''}`}
                data-testid={`hw-guide-step-${i}`}
                aria-current={i === guide.current && !guide.done ? 'step' : undefined}
              >
                <span className="hw-step__box" aria-hidden="true">
                  {step.done ? '✓' : i === guide.current ? '▶' : ''}
                </span>

                <span className="hw-step__label">{step.label}</span>
              </li>
            ))}
          </ol>
          {guide.notes.length > 0 && (
            <ul className="hw-notes" data-testid="hw-guide-notes">
              {guide.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
