/**
 * Manifests <-> multi-document YAML text, with positions: every problem found while reading the
 * text (syntax, schema, mapping) is reported at a 1-based line and column with its reason.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Json } from '../patch/model';
import type { Manifest } from './manifests';
import { documentWithComments, readComments, type DocComments } from './yaml-comments';

/** A problem in the text: where, and why. */
export interface TextProblem {
  line: number;
  column: number;
  /** Character offsets of the offending span, for inline marks. */
  from: number;
  to: number;
  message: string;
  /** Index of the document the problem is in. */
  doc: number;
}

/** One document of the text: its JSON value and a resolver from a path to its text position. */
export interface TextDoc {
  index: number;
  value: Json;
  comments: DocComments | undefined;
  locate(path: readonly (string | number)[]): { from: number; to: number };
}

export type ReadText = { ok: true; docs: TextDoc[] } | { ok: false; problems: TextProblem[] };

/**
 * The YAML for our manifests: one document each, `---` between; long lines are never folded.
 * `comments` gives a document's comments back (kept from an import or an edit).
 */
export function manifestsToYaml(
  manifests: readonly Manifest[],
  comments: (m: Manifest) => DocComments | undefined = () => undefined,
): string {
  return manifests.map((m) => documentWithComments(m, comments(m))).join('---\n');
}

/** Turns a character offset into a 1-based line and column. */
export function problemAt(lines: LineCounter, from: number, to: number, message: string, doc: number): TextProblem {
  const { line, col } = lines.linePos(from);
  return { line, column: col, from, to: Math.max(to, from), message, doc };
}

/**
 * An unclosed `[` or `{` is only noticed where the next line starts; the problem belongs where
 * the user typed it: the last opening bracket before that point.
 */
function unclosedFlowStart(text: string, at: number, message: string): number | undefined {
  const open = /Flow sequence/.test(message) ? '[' : /Flow mapping/.test(message) ? '{' : undefined;
  if (!open) return undefined;
  const i = text.lastIndexOf(open, at - 1);
  return i >= 0 ? i : undefined;
}

/** Parses multi-document YAML; syntax errors come back with positions, never as exceptions. */
export function readYamlText(text: string): ReadText {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const documents: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const problems: TextProblem[] = [];
  const docs: TextDoc[] = [];
  documents.forEach((doc, index) => {
    for (const e of doc.errors) {
      const message = e.message.split('\n')[0]!;
      const from = unclosedFlowStart(text, e.pos[0], message) ?? e.pos[0];
      problems.push(problemAt(lines, from, Math.max(e.pos[1], from + 1), message, index));
    }
    if (doc.errors.length) return;
    const value = doc.toJS({ maxAliasCount: 100 }) as Json;
    // Empty documents (a trailing `---`, or only comments) carry nothing.
    if (value === null || value === undefined) return;
    const [start, , end] = doc.range;
    docs.push({
      index,
      value,
      comments: readComments(doc),
      locate(path) {
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
          if (node && typeof node === 'object' && node.range) return { from: node.range[0], to: node.range[1] };
          // A key whose value is missing: point at the key of the parent pair instead.
        }
        return { from: start, to: end };
      },
    });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, docs };
}

/** A LineCounter for `text`, to position problems found after parsing. */
export function lineCounterFor(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.addNewLine(i + 1);
  return lines;
}
