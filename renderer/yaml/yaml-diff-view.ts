/**
 * The diff of two YAML texts with @codemirror/merge: side by side (MergeView) or unified (one
 * editor showing deletions inline). Read-only: the diff shows, the YAML tab edits.
 */
import { yaml } from '@codemirror/lang-yaml';
import { syntaxHighlighting } from '@codemirror/language';
import { MergeView, unifiedMergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { yamlHighlight, yamlTheme } from './yaml-editor';

export type DiffLayout = 'split' | 'unified';

const readOnly: Extension[] = [
  lineNumbers(),
  yaml(),
  syntaxHighlighting(yamlHighlight),
  yamlTheme,
  EditorView.lineWrapping,
  EditorState.readOnly.of(true),
  EditorView.editable.of(false),
];

/** Mounts a diff of `before` -> `after` in `parent`; returns the function that removes it. */
export function mountDiff(parent: HTMLElement, before: string, after: string, layout: DiffLayout): () => void {
  if (layout === 'split') {
    const view = new MergeView({
      a: { doc: before, extensions: readOnly },
      b: { doc: after, extensions: readOnly },
      parent,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: after,
      extensions: [
        ...readOnly,
        unifiedMergeView({ original: before, mergeControls: false, collapseUnchanged: { margin: 3, minSize: 6 } }),
      ],
    }),
  });
  return () => view.destroy();
}

/**
 * Mounts one YAML text, read-only, with the diff's look (the History tab's preview of a version);
 * returns the function that removes it.
 */
export function mountYamlView(parent: HTMLElement, text: string): () => void {
  const view = new EditorView({ parent, state: EditorState.create({ doc: text, extensions: readOnly }) });
  return () => view.destroy();
}
