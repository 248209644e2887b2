/**
 * Comments of a manifest, kept through import -> edit -> export. The `yaml` Document API hangs
 * each comment on a node (a key, a value, a list item); they are read as (path, where, text)
 * records, stored in the module's data (COMMENTS_KEY), and hung back on the same paths of the
 * synthesized manifest, whose key order may differ from the original's.
 */
import { Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Json } from '../patch/model';
import { isJsonObject } from './merge';

type Step = string | number;
interface NodeComment {
  path: Step[];
  /** On the key of the pair at `path`, or on the value node at `path`. */
  on: 'key' | 'value';
  before?: string;
  after?: string;
}
export interface DocComments {
  before?: string;
  after?: string;
  nodes: NodeComment[];
}

type Commented = { commentBefore?: string | null; comment?: string | null };

function record(out: NodeComment[], node: Commented | null | undefined, path: Step[], on: NodeComment['on']): void {
  if (!node) return;
  const before = node.commentBefore ?? undefined;
  const after = node.comment ?? undefined;
  if (before !== undefined || after !== undefined)
    out.push({ path, on, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
}

function walk(node: unknown, path: Step[], out: NodeComment[]): void {
  if (isMap(node))
    for (const pair of node.items as Pair<unknown, unknown>[]) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      const at = [...path, key];
      record(out, pair.key as Commented, at, 'key');
      record(out, pair.value as Commented, at, 'value');
      walk(pair.value, at, out);
    }
  else if (isSeq(node))
    node.items.forEach((item, i) => {
      record(out, item as Commented, [...path, i], 'value');
      walk(item, [...path, i], out);
    });
}

/** The comments of a parsed document, or undefined when it has none. */
export function readComments(doc: Document.Parsed | Document): DocComments | undefined {
  const nodes: NodeComment[] = [];
  record(nodes, doc.contents as Commented, [], 'value');
  walk(doc.contents, [], nodes);
  const before = doc.commentBefore ?? undefined;
  const after = doc.comment || undefined;
  if (!nodes.length && before === undefined && after === undefined) return undefined;
  return { ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), nodes };
}

/** Stored comments (module data) back to their type, or undefined when they are not comments. */
export function commentsOf(value: Json | undefined): DocComments | undefined {
  return isJsonObject(value) && Array.isArray(value['nodes']) ? (value as unknown as DocComments) : undefined;
}

function target(doc: Document, c: NodeComment): Commented | undefined {
  if (c.on === 'value') return (c.path.length ? doc.getIn(c.path, true) : doc.contents) as Commented | undefined;
  const parent = c.path.length > 1 ? doc.getIn(c.path.slice(0, -1), true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = (parent.items as Pair<unknown, unknown>[]).find(
    (p) => (isScalar(p.key) ? p.key.value : p.key) === c.path[c.path.length - 1],
  );
  return pair?.key as Commented | undefined;
}

/**
 * The manifest as one YAML document with its comments hung back on. A comment whose field is gone
 * (the edit removed it) goes with the document's own comment, so no comment is ever lost.
 */
export function documentWithComments(manifest: Json, comments: DocComments | undefined): string {
  const doc = new Document(manifest);
  const orphans: string[] = [];
  if (comments) {
    if (comments.before !== undefined) doc.commentBefore = comments.before;
    for (const c of comments.nodes) {
      const node = target(doc, c) as (Node & Commented) | undefined;
      if (!node || typeof node !== 'object') {
        orphans.push(...[c.before, c.after].filter((t): t is string => t !== undefined));
        continue;
      }
      if (c.before !== undefined) node.commentBefore = c.before;
      if (c.after !== undefined) node.comment = c.after;
    }
    const after = [comments.after, ...orphans].filter((t) => t !== undefined).join('\n');
    if (after) doc.comment = after;
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
