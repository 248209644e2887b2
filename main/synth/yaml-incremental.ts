/**
 * The YAML mapping, one document at a time: each document's text (patch -> YAML) and each
 * document's parse, schema check and reading (YAML -> patch) are cached by the document's source,
 * so an edit of one Deployment in a 1,000-module patch re-does one document, not 280. The output is
 * exactly the full mapping's (yaml-text.ts); the property tests compare the two on random edits.
 */
import { parseAllDocuments, type Document } from 'yaml';
import { INPUT_BUDGET, valueProblem } from '../patch/input-budget';
import type { Json } from '../patch/model';
import type { Manifest } from './manifests';
import { readManifest, type ReadResult } from './read-manifest';
import { SourceCache } from './source-cache';
import { validateManifest, type SchemaProblem } from './validate';
import { yamlDocumentProblem, yamlFlowDepthOffset } from './yaml-budget';
import { documentWithComments, readComments, type DocComments } from './yaml-comments';
import { locator, readYamlText, type TextDoc, type TextProblem } from './yaml-text';

/** A document of the text with its schema problems and its reading as a topology entry. */
export interface CheckedDoc extends TextDoc {
  schema: SchemaProblem[];
  read: ReadResult;
}

export type CheckedText = { ok: true; docs: CheckedDoc[] } | { ok: false; problems: TextProblem[] };

/** One document's source parsed, with what is checked lazily (per document index for the reading). */
interface ParsedDoc {
  doc: Document.Parsed;
  /** Null for an empty document (only comments, or nothing after `---`). */
  value: Json | null;
  schema?: SchemaProblem[];
  /** Read once; null when the document has none. */
  comments?: DocComments | null;
  reads: Map<number, ReadResult>;
}

/** Parsed documents by their source text. */
export type YamlDocCache = SourceCache<ParsedDoc | 'unsplittable'>;
export const newYamlDocCache = (): YamlDocCache => new SourceCache();

const textCache = new SourceCache<string>();
const docCache = newYamlDocCache();

/** The YAML for our manifests (as manifestsToYaml), each document's text reused by its JSON and comments. */
export function manifestsToYamlCached(
  manifests: readonly Manifest[],
  comments: (m: Manifest) => DocComments | undefined = () => undefined,
  cache = textCache,
): string {
  return manifests
    .map((m) => {
      const c = comments(m);
      const key = c === undefined ? JSON.stringify(m) : `${JSON.stringify(m)}\n${JSON.stringify(c)}`;
      return cache.get(key, () => documentWithComments(m, c));
    })
    .join('---\n');
}

/**
 * Reads and checks multi-document YAML as readYamlText + validateManifest + readManifest do,
 * reusing every document whose source is unchanged. Text the split below cannot cut safely
 * (directives, `...`, content after `---`, a syntax error anywhere) goes the full way.
 */
export function readCheckedText(text: string, cache = docCache): CheckedText {
  // Over the size budget the full read answers with the limit's message.
  if (text.length > INPUT_BUDGET.yamlImportBytes) return readCheckedTextFull(text);
  return readSplit(text, cache) ?? readCheckedTextFull(text);
}

/** The same, every document parsed and checked afresh (what the incremental read must equal). */
export function readCheckedTextFull(text: string): CheckedText {
  const parsed = readYamlText(text);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    docs: parsed.docs.map((d) => ({ ...d, schema: validateManifest(d.value), read: readManifest(d.value, `new-${d.index}`) })),
  };
}

/** A line that only YAML's own parser should interpret: a directive, a document end, `--- content`. */
const UNSPLITTABLE = /^(%|\.\.\.(\s|$)|---[ \t]+[^\s#])/m;
/** A document start on a line of its own: the separator manifestsToYaml writes. */
const SEPARATOR = /^---[ \t\r]*$/gm;

function readSplit(text: string, cache: YamlDocCache): CheckedText | undefined {
  if (UNSPLITTABLE.test(text)) return undefined;
  // Each piece but the first starts with its `---` line, so it parses to the same document as in the whole text.
  const starts = [0];
  for (const match of text.matchAll(SEPARATOR)) if (match.index > 0) starts.push(match.index);
  const docs: CheckedDoc[] = [];
  let index = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const source = text.slice(start, starts[i + 1] ?? text.length);
    if (i === 0 && source === '') continue; // the text starts with `---`
    const parsed = cache.get(source, () => parsePiece(source));
    if (parsed === 'unsplittable') return undefined;
    // Comments or blank lines before the first `---` belong to the next document in the whole text.
    if (i === 0 && parsed.value === null && starts.length > 1) return undefined;
    const at = index++;
    if (parsed.value === null) continue;
    docs.push(checkedDoc(parsed, at, start));
  }
  return { ok: true, docs };
}

/**
 * One piece as one document, or 'unsplittable' when it is not exactly one error-free document
 * within the input budget. Errors, warnings and budget problems are reported with positions in the
 * whole text: the full read does that, so anything doubtful goes there.
 */
function parsePiece(source: string): ParsedDoc | 'unsplittable' {
  if (yamlFlowDepthOffset(source) !== undefined) return 'unsplittable';
  try {
    const parsed = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
    if (!Array.isArray(parsed) || parsed.length !== 1) return 'unsplittable';
    const doc = parsed[0]!;
    if (doc.errors.length || yamlDocumentProblem(doc, 'piece')) return 'unsplittable';
    const value = doc.toJS({ maxAliasCount: 100 }) as Json | undefined;
    if (valueProblem(value, INPUT_BUDGET.documentDepth, 'piece')) return 'unsplittable';
    return { doc, value: value === undefined ? null : value, reads: new Map() };
  } catch {
    // A parser that runs out of stack on nesting: the full read names the limit.
    return 'unsplittable';
  }
}

function checkedDoc(parsed: ParsedDoc, index: number, offset: number): CheckedDoc {
  const value = parsed.value!;
  parsed.schema ??= validateManifest(value);
  let read = parsed.reads.get(index);
  if (!read) parsed.reads.set(index, (read = readManifest(value, `new-${index}`)));
  parsed.comments ??= readComments(parsed.doc) ?? null;
  return {
    index,
    value,
    comments: parsed.comments ?? undefined,
    schema: parsed.schema,
    read,
    locate: locator(parsed.doc, offset),
  };
}
