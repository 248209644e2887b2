/**
 * The CodeMirror 6 view of the YAML panel: YAML highlighting, folding, line numbers, undo of
 * typing, and inline diagnostics. The React component owns when text is replaced; this file only
 * builds the editor and its two entry points (replace the text, show problems).
 */
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { basicSetup } from 'codemirror';
import type { TextProblem } from '../../main/synth/yaml-text';

/** Marks our own text replacements, so they are not mistaken for typing. */
const replacing = Annotation.define<boolean>();

export interface YamlEditorHooks {
  /** The user changed the text (not called for replaceText). */
  onEdit(text: string): void;
  /** Ctrl/Cmd+Enter: apply now. */
  onApply(): void;
}

/** The editor's look on the app's dark theme (shared with the diff view). */
export const yamlTheme = EditorView.theme(
  {
    '&': { height: '100%', fontSize: '12px', backgroundColor: 'var(--bg)' },
    '.cm-scroller': { fontFamily: 'var(--mono)' },
    '.cm-gutters': { backgroundColor: 'var(--bg-raised)', borderRight: '1px solid var(--line)', color: 'var(--text-faint)' },
    '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgba(255,255,255,0.04)' },
  },
  { dark: true },
);

/** Readable on the dark theme (CodeMirror's default colours are for light backgrounds). */
export const yamlHighlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: '#7cc4ff' },
  { tag: [tags.string, tags.special(tags.string)], color: '#c3e88d' },
  { tag: [tags.number, tags.bool, tags.null], color: '#f5b13d' },
  { tag: [tags.comment], color: '#6b737d', fontStyle: 'italic' },
  { tag: [tags.meta, tags.processingInstruction, tags.separator, tags.punctuation], color: '#9ba4ae' },
]);

/** Mounts the editor in `parent` with `text`. */
export function createYamlEditor(parent: HTMLElement, text: string, hooks: YamlEditorHooks): EditorView {
  const view: EditorView = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        yamlTheme,
        syntaxHighlighting(yamlHighlight),
        // The panel is narrow: wrapped lines keep every key in view.
        EditorView.lineWrapping,
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (hooks.onApply(), true) }])),
        EditorView.updateListener.of((update) => {
          const programmatic = update.transactions.some((t) => t.annotation(replacing));
          if (update.docChanged && !programmatic) hooks.onEdit(update.state.doc.toString());
        }),
      ],
    }),
  });
  return view;
}

/** Replaces the whole text (a patch change from elsewhere), keeping the cursor where it can. */
export function replaceText(view: EditorView, text: string): void {
  const current = view.state.doc.toString();
  if (current === text) return;
  const head = Math.min(view.state.selection.main.head, text.length);
  view.dispatch({
    changes: { from: 0, to: current.length, insert: text },
    selection: { anchor: head },
    annotations: replacing.of(true),
  });
  view.dispatch(setDiagnostics(view.state, []));
}

/** Shows problems inline (underline + gutter marker + message on hover). */
export function showProblems(view: EditorView, problems: readonly TextProblem[]): void {
  const length = view.state.doc.length;
  const diagnostics: Diagnostic[] = problems.map((p) => {
    const from = Math.min(p.from, length);
    const to = Math.min(Math.max(p.to, from + 1), length);
    return { from, to: Math.max(to, from), severity: 'error', message: `Line ${p.line}:${p.column}: ${p.message}` };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}
