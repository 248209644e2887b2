/**
 * The History tab: every version of the open patch, newest first, with its time, where it came
 * from and what it did (a knob drag is one row). Select a version to preview it (its YAML,
 * read-only, and what differs from now), restore it (as new ops, so Undo takes the restore back),
 * or Shift+click a second one to compare the two (the YAML diff). Below: the recorded performances.
 */
import { useState } from 'react';
import type { OpSource } from '../../main/patch/ops';
import type { VersionInfo } from '../../preload/contract';
import { notify, useRack } from '../store/rackStore';
import { useHistoryView } from './historyStore';
import { PerformanceList } from './PerformanceList';
import { useHistoryConnection } from './useHistoryConnection';
import { VersionView, type Shown } from './VersionView';
import './history.css';

/** What a source means to a user, for the badge's tooltip. */
const SOURCE_TITLES: Record<OpSource, string> = {
  ui: 'made with the mouse or keyboard',
  yaml: 'made in the YAML editor',
  hardware: 'from the physical rack (not undoable: the cable is still in its jack)',
  cluster: 'from the cluster',
  replay: 'played back from a performance',
  file: 'a file was opened',
};

export function HistoryPanel() {
  useHistoryConnection();
  const client = useRack((s) => s.client);
  const list = useHistoryView((s) => s.versions);
  const [selected, setSelected] = useState<number | null>(null);
  const [other, setOther] = useState<number | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  const pick = (v: VersionInfo, shift: boolean) => {
    setShown(null);
    if (shift && selected !== null && selected !== v.version) setOther(v.version);
    else {
      setSelected(v.version);
      setOther(null);
    }
  };

  const preview = () => selected !== null && setShown({ kind: 'preview', version: selected });

  const compare = () => {
    if (selected === null || other === null) return;
    setShown({ kind: 'compare', from: Math.min(selected, other), to: Math.max(selected, other) });
  };

  const restore = async () => {
    if (!client || selected === null) return;
    const result = await client.request('history.restore', { version: selected });
    if (!result.ok) notify('error', result.error.message);
    else notify('info', `Version ${selected} restored. Undo takes it back.`);
  };

  return (
    <div className="shell-panel history-panel" data-testid="history-panel">
      <h2 className="shell-panel__title">History</h2>
      <p className="shell-muted history-panel__hint">
        Click a version; Shift+click a second to compare. Changes from the physical rack are kept here but never undone.
      </p>
      <ol className="history-list" data-testid="history-versions" aria-label="Versions, newest first">
        {list.versions.map((v) => (
          <li key={v.version}>
            <button
              type="button"
              className={`history-row${v.version === selected ? ' history-row--selected' : ''}${v.version === other ? ' history-row--other' : ''}${v.version === list.head ? ' history-row--head' : ''}`}
              data-testid={`history-version-${v.version}`}
              aria-pressed={v.version === selected || v.version === other}
              onClick={(e) => pick(v, e.shiftKey)}
            >
              <span className="history-row__version">
                {v.firstVersion === v.version ? `v${v.version}` : `v${v.firstVersion}–${v.version}`}
              </span>
              <span className="history-row__label">{v.label}</span>
              <span className={`history-badge history-badge--${v.source}`} title={SOURCE_TITLES[v.source]}>
                {v.kind === 'undo' || v.kind === 'redo' ? v.kind : v.source}
              </span>
              <time className="history-row__time" dateTime={new Date(v.time).toISOString()}>
                {new Date(v.time).toLocaleTimeString([], { hour12: false })}
              </time>
            </button>
          </li>
        ))}
      </ol>
      <div className="shell-row history-panel__actions">
        <button
          type="button"
          className="shell-button shell-button--small"
          data-testid="history-preview"
          disabled={selected === null}
          onClick={preview}
        >
          Preview
        </button>
        <button
          type="button"
          className="shell-button shell-button--small shell-button--primary"
          data-testid="history-restore"
          disabled={selected === null || selected === list.head}
          onClick={() => void restore()}
        >
          Restore
        </button>
        <button
          type="button"
          className="shell-button shell-button--small"
          data-testid="history-compare"
          disabled={other === null}
          onClick={compare}
        >
          Compare
        </button>
      </div>
      {shown && <VersionView key={JSON.stringify(shown)} shown={shown} />}
      <PerformanceList />
    </div>
  );
}
