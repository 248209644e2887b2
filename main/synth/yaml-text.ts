/**
 * Manifests <-> multi-document YAML text, with positions: every problem found while reading the
 * text (syntax, schema, mapping) is reported at a 1-based line and column with its reason.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { INPUT_BUDGET, sizeProblem, valueProblem } from '../patch/input-budget';
import type { Json } from '../patch/model';
import type { Manifest } from './manifests';
import { flowTooDeep, yamlDocumentProblem, yamlFlowDepthOffset } from './yaml-budget';
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

/**
 * Parses multi-document YAML; syntax errors come back with positions, never as exceptions. The
 * input budget applies: the text's size, and per document its nesting and what its aliases add
 * (measured before the document is built), and no `__proto__` key.
 */
export function readYamlText(text: string): ReadText {
  const whole = (message: string): ReadText => ({
    ok: false,
    problems: [{ line: 1, column: 1, from: 0, to: 0, message, doc: 0 }],
  });
  const tooLarge = sizeProblem(text.length, INPUT_BUDGET.yamlImportBytes, 'The YAML text');
  if (tooLarge) return whole(tooLarge);
  const tooDeepAt = yamlFlowDepthOffset(text);
  if (tooDeepAt !== undefined)
    return { ok: false, problems: [problemAt(lineCounterFor(text), tooDeepAt, tooDeepAt + 1, flowTooDeep('The YAML'), 0)] };
  const lines = new LineCounter();
  let parsed: Document.Parsed[] | unknown;
  try {
    parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    // The parser recurses on nesting: a stack overflow here means a document nested far too deep.
    return whole(
      error instanceof RangeError
        ? `The YAML is nested far more than ${INPUT_BUDGET.documentDepth} levels deep, over the limit of ${INPUT_BUDGET.documentDepth}; nothing was changed.`
        : `The YAML could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const documents: Document.Parsed[] = Array.isArray(parsed) ? (parsed as Document.Parsed[]) : [];
  const mayAlias = text.includes('*');
  const problems: TextProblem[] = [];
  const docs: TextDoc[] = [];
  documents.forEach((doc, index) => {
    for (const e of doc.errors) {
      const message = e.message.split('\n')[0]!;
      const from = unclosedFlowStart(text, e.pos[0], message) ?? e.pos[0];
      problems.push(problemAt(lines, from, Math.max(e.pos[1], from + 1), message, index));
    }
    if (doc.errors.length) return;
    const [start, , end] = doc.range;
    const place = `Document ${index + 1}`;
    let value: Json;
    try {
      // Without a `*` there is no alias: the text's size bounds the document, and the value's
      // own depth is checked below; the tree walk is only worth its cost when aliases may expand.
      const budget = mayAlias ? yamlDocumentProblem(doc, place) : undefined;
      if (budget) throw new Error(budget);
      value = doc.toJS({ maxAliasCount: 100 }) as Json;
      const kept = valueProblem(value, INPUT_BUDGET.documentDepth, place);
      if (kept) throw new Error(kept);
    } catch (error) {
      const message =
        error instanceof RangeError
          ? `${place}: nested too deeply to read, over the limit of ${INPUT_BUDGET.documentDepth}.`
          : error instanceof Error
            ? error.message
            : String(error);
      problems.push(problemAt(lines, start, end, message, index));
      return;
    }
    // Empty documents (a trailing `---`, or only comments) carry nothing.
    if (value === null || value === undefined) return;
    docs.push({ index, value, comments: readComments(doc), locate: locator(doc) });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, docs };
}

/** Text span of a path in `doc`, parsed from a text that starts `offset` characters into the whole. */
export function locator(doc: Document.Parsed, offset = 0): TextDoc['locate'] {
  const [start, , end] = doc.range;
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return { from: node.range[0] + offset, to: node.range[1] + offset };
      // A key whose value is missing: point at the key of the parent pair instead.
    }
    return { from: start + offset, to: end + offset };
  };
}

/** A LineCounter for `text`, to position problems found after parsing. */
export function lineCounterFor(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.addNewLine(i + 1);
  return lines;
}
