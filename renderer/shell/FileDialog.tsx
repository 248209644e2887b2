/**
 * The in-app file dialogs. In web mode the page cannot browse the disk, so Open lists the
 * bundled examples and recent files and takes a typed path, and Save As takes a typed path;
 * main does the reading and writing. (Electron uses native dialogs, except for examples.)
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Example } from '../../preload/contract';
import { checkPatchPath, fileTitle, openExampleNamed, openPath, saveToPath } from '../actions/file-actions';
import { notify, useRack } from '../store/rackStore';
import { Modal } from './Modal';
import { closeDialog } from './uiStore';

/** Runs a file request with the dialog busy; closes the dialog when it succeeded. */
function useBusy(): [boolean, (work: () => Promise<boolean>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<boolean>) => {
    setBusy(true);
    try {
      if (await work()) closeDialog();
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}

/** Open: bundled examples, recent files, or a typed absolute path. */
export function OpenDialog() {
  const client = useRack((s) => s.client);
  const recent = useRack((s) => s.file.recent);
  const [examples, setExamples] = useState<Example[] | null>(null);
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, run] = useBusy();

  useEffect(() => {
    let live = true;
    client
      ?.request('file.examples', {})
      .then((list) => live && setExamples(list))
      .catch(() => live && setExamples([]));
    return () => {
      live = false;
    };
  }, [client]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const why = checkPatchPath(path);
    setProblem(why);
    if (!why) void run(() => openPath(path));
  };

  return (
    <Modal title="Open patch" onCancel={closeDialog} testId="open-dialog">
      <section className="shell-modal__section">
        <h3 className="shell-modal__heading">Examples</h3>
        {examples === null && <p className="shell-muted">Loading…</p>}
        {examples?.length === 0 && <p className="shell-muted">No examples are installed.</p>}
        <ul className="shell-filelist">
          {examples?.map((ex) => (
            <li key={ex.name}>
              <button
                type="button"
                className="shell-fileitem"
                disabled={busy}
                data-testid={`open-example-${ex.name}`}
                onClick={() => void run(() => openExampleNamed(ex.name))}
              >
                <span className="shell-fileitem__title">{ex.title}</span>
                <span className="shell-fileitem__detail">{ex.description}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {recent.length > 0 && (
        <section className="shell-modal__section">
          <h3 className="shell-modal__heading">Recent</h3>
          <ul className="shell-filelist">
            {recent.map((p, i) => (
              <li key={p}>
                <button
                  type="button"
                  className="shell-fileitem"
                  disabled={busy}
                  data-testid={`open-recent-${i}`}
                  title={p}
                  onClick={() => void run(() => openPath(p))}
                >
                  <span className="shell-fileitem__title">{fileTitle(p)}</span>
                  <span className="shell-fileitem__detail">{p}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form className="shell-modal__section" onSubmit={submit}>
        <label className="shell-modal__heading" htmlFor="shell-open-path">
          Open a file on this computer
        </label>
        <div className="shell-row">
          <input
            id="shell-open-path"
            className="shell-input shell-grow"
            data-testid="open-path"
            data-autofocus
            placeholder="/home/you/patches/live.k8spatch"
            value={path}
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'shell-open-path-problem' : undefined}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" className="shell-button shell-button--primary" disabled={busy} data-testid="open-path-submit">
            Open
          </button>
        </div>
        {problem && (
          <p id="shell-open-path-problem" className="shell-field-error">
            {problem}
          </p>
        )}
      </form>
      <div className="shell-modal__actions">
        <button type="button" className="shell-button" onClick={closeDialog}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

/** Save As in web mode: a typed absolute path, prefilled from the open file. */
export function SaveAsDialog({ initialPath }: { initialPath: string }) {
  const [path, setPath] = useState(initialPath);
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, run] = useBusy();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const why = checkPatchPath(path);
    setProblem(why);
    if (!why) void run(() => saveToPath(path));
  };

  return (
    <Modal title="Save patch as" onCancel={closeDialog} testId="save-dialog">
      <form onSubmit={submit}>
        <label className="shell-modal__heading" htmlFor="shell-save-path">
          Path on this computer
        </label>
        <input
          id="shell-save-path"
          className="shell-input shell-wide"
          data-testid="save-path"
          data-autofocus
          placeholder="/home/you/patches/live.k8spatch"
          value={path}
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby="shell-save-path-hint"
          onChange={(e) => setPath(e.target.value)}
        />
        {problem ? (
          <p id="shell-save-path-hint" className="shell-field-error">
            {problem}
          </p>
        ) : (
          <p id="shell-save-path-hint" className="shell-muted">
            An absolute path; .k8spatch is added when missing. An existing file is replaced.
          </p>
        )}
        <div className="shell-modal__actions">
          <button type="button" className="shell-button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="shell-button shell-button--primary" disabled={busy} data-testid="save-path-submit">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
