/**
 * The top bar: app name, the open file (with a dot when unsaved), and the file and history
 * buttons. Every button runs its registry action (useAction), so it does exactly what its
 * shortcut does and is disabled when the action is. Also hosts the in-app dialogs.
 */
import { useEffect } from 'react';
import { fileTitle } from '../actions/file-actions';
import { useAction } from '../actions/useAction';
import { MasterVolume } from '../audio/MasterVolume';
import { useRack } from '../store/rackStore';
import { DialogHost } from './DialogHost';
import './shell.css';

function ActionButton({ id, primary = false }: { id: string; primary?: boolean }) {
  const { label, enabled, shortcut, run } = useAction(id);
  return (
    <button
      type="button"
      className={`shell-button${primary ? ' shell-button--primary' : ''}`}
      disabled={!enabled}
      title={shortcut ? `${label} (${shortcut})` : label}
      data-testid={`action-${id}`}
      onClick={run}
    >
      {label}
    </button>
  );
}

function FileName() {
  const path = useRack((s) => s.file.path);
  const dirty = useRack((s) => s.file.dirty);
  const name = fileTitle(path);

  // The window title carries the same state, as desktop editors do (and the taskbar shows it).
  useEffect(() => {
    document.title = `${name}${dirty ? ' — unsaved' : ''} · k8s-synth`;
  }, [name, dirty]);

  return (
    <span className="shell-topbar__file" title={`${path ?? 'Untitled'}${dirty ? ' — unsaved' : ''}`} data-testid="file-name">
      {name}
      {dirty && (
        <span className="shell-topbar__dirty" data-testid="dirty-dot" aria-label="unsaved changes">
          ●
        </span>
      )}
    </span>
  );
}

/** The top bar; also renders the dialog host. */
export function TopBar() {
  return (
    <header className="shell-topbar">
      <span className="shell-topbar__app">k8s-synth</span>
      <FileName />
      <nav className="shell-topbar__group" aria-label="File">
        <ActionButton id="file.new" />
        <ActionButton id="file.open" />
        <ActionButton id="file.openExample" />
        <ActionButton id="file.save" primary />
        <ActionButton id="file.saveAs" />
      </nav>
      <nav className="shell-topbar__group" aria-label="History">
        <ActionButton id="history.undo" />
        <ActionButton id="history.redo" />
      </nav>
      <MasterVolume />
      <DialogHost />
    </header>
  );
}
