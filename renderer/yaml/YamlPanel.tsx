/**
 * The YAML side-panel tab: the live patch as Kubernetes manifests, editable. Patch changes from any
 * source replace the text at once unless the user has unapplied edits; edits are checked, mapped to
 * ops and sent with source 'yaml' as one batch (one undo step). Problems are shown inline and never
 * change the patch or throw away the text.
 */
import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { yamlToOps } from '../../main/synth/edit-ops';
import { patchNameFor, patchToYaml } from '../../main/synth/synth';
import { useRack } from '../store/rackStore';
import { createYamlEditor, replaceText, showProblems } from './yaml-editor';
import { statusLine, type YamlStatus } from './yaml-status';
import { keepDraft, takeDraft } from './draft';
import { yamlApplyRequest } from './yaml-apply';
import { ImportButton } from './ImportButton';
import { YamlDiff } from './YamlDiff';
import './yaml.css';

/** Pause after typing before the text is applied (ms): long enough not to apply half a word. */
const APPLY_DELAY_MS = 600;

export function YamlPanel() {
  const patch = useRack((s) => s.patch);
  const name = useRack((s) => patchNameFor(s.file.path));
  const synth = useMemo(() => patchToYaml(patch, name), [patch, name]);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** The text differs from the patch's YAML because the user typed. */
  const edited = useRef(false);
  /** The user is typing: the text is not applied yet, so patch echoes must not judge it. */
  const typing = useRef(false);
  /** The text does not read: it stays as typed until fixed or reset. */
  const invalid = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [status, setStatus] = useState<YamlStatus>({ kind: 'synced' });
  const [wide, setWide] = useState(false);
  const [diff, setDiff] = useState(false);

  /** After an apply: in sync when the text is the patch's YAML, else say the text is ahead. */
  const settle = useCallback((text: string, patchText: string) => {
    if (text === patchText) {
      edited.current = false;
      setStatus({ kind: 'synced' });
    } else setStatus({ kind: 'ahead', reason: 'it holds fields or formatting the patch does not keep. Reset shows the patch.' });
  }, []);

  const apply = useCallback(() => {
    clearTimeout(timer.current);
    typing.current = false;
    const editor = view.current;
    const { client, catalog, patch: current, version, file } = useRack.getState();
    if (!editor || !client) return;
    const text = editor.state.doc.toString();
    const result = yamlToOps(current, catalog, text, patchNameFor(file.path));
    invalid.current = !result.ok;
    if (!result.ok) {
      showProblems(editor, result.problems);
      setStatus({ kind: 'invalid', problems: result.problems });
      return;
    }
    showProblems(editor, []);
    if (!result.op) {
      settle(text, patchToYaml(current, patchNameFor(file.path)).text);
      return;
    }
    void client.request('patch.apply', yamlApplyRequest(result.op, version)).then(
      (r) => {
        if (!r.ok) setStatus({ kind: 'ahead', reason: `the rack refused it: ${r.error.message}` });
        // On success the echo changes `patch`; the effect below settles the status.
      },
      (e: unknown) => setStatus({ kind: 'ahead', reason: `not sent: ${e instanceof Error ? e.message : String(e)}` }),
    );
  }, [settle]);

  useEffect(() => {
    if (!host.current) return;
    const { patch: current, file } = useRack.getState();
    const edit = () => {
      edited.current = true;
      typing.current = true;
      setStatus({ kind: 'pending' });
      clearTimeout(timer.current);
      timer.current = setTimeout(apply, APPLY_DELAY_MS);
    };
    const draft = takeDraft();
    const editor = createYamlEditor(host.current, draft ?? patchToYaml(current, patchNameFor(file.path)).text, {
      onEdit: edit,
      onApply: apply,
    });
    view.current = editor;
    // Text left unapplied when the tab was closed comes back, and is checked again.
    if (draft !== undefined) edit();
    return () => {
      clearTimeout(timer.current);
      keepDraft(edited.current ? editor.state.doc.toString() : undefined);
      editor.destroy();
      view.current = null;
    };
  }, [apply]);

  // Any patch change, from any source: show it now unless the user holds unapplied text.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (!edited.current) {
      replaceText(editor, synth.text);
      setStatus({ kind: 'synced' });
    } else if (!typing.current && !invalid.current) settle(editor.state.doc.toString(), synth.text);
  }, [synth.text, settle]);

  const reset = () => {
    const editor = view.current;
    if (!editor) return;
    clearTimeout(timer.current);
    edited.current = typing.current = invalid.current = false;
    replaceText(editor, synth.text);
    setStatus({ kind: 'synced' });
  };

  return (
    <div className={`yaml-panel${wide ? ' yaml-panel--wide' : ''}`} data-testid="yaml-panel">
      <div className="yaml-panel__bar">
        <span className={`yaml-panel__status yaml-panel__status--${status.kind}`} data-testid="yaml-status" role="status">
          {statusLine(status)}
        </span>
        <button
          type="button"
          className="yaml-panel__button"
          onClick={apply}
          disabled={status.kind === 'synced'}
          data-testid="yaml-apply"
        >
          Apply
        </button>
        <button
          type="button"
          className="yaml-panel__button"
          onClick={reset}
          disabled={status.kind === 'synced'}
          data-testid="yaml-reset"
        >
          Reset
        </button>
        <button
          type="button"
          className="yaml-panel__button"
          aria-pressed={diff}
          title="Compare the patch with the saved file or an earlier version"
          onClick={() => setDiff((d) => !d)}
          data-testid="yaml-diff-toggle"
        >
          Diff
        </button>
        <ImportButton />
        <button
          type="button"
          className="yaml-panel__button"
          aria-pressed={wide}
          title="Widen the panel"
          onClick={() => setWide((w) => !w)}
          data-testid="yaml-wide"
        >
          {wide ? 'Narrow' : 'Wide'}
        </button>
      </div>
      {synth.warnings.length > 0 && (
        <ul className="yaml-panel__warnings" data-testid="yaml-warnings">
          {synth.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {diff && <YamlDiff />}
      {/* The editor stays mounted under the diff, so unapplied text survives a look at the diff. */}
      <div className="yaml-panel__editor" ref={host} data-testid="yaml-editor" hidden={diff} />
    </div>
  );
}
