/**
 * What a parsed YAML document would expand to, measured on its syntax tree before `toJS` builds
 * it: how deep it nests and how much its aliases add. The `yaml` package's maxAliasCount counts
 * aliases inside anchors only, so 99 aliases to one big anchor (a 400 KB file becoming an 80 MB
 * patch) pass it; this bounds the expansion itself. Never recursive, and every anchor is sized
 * once, so a billion laughs is measured in microseconds.
 */
import { CST, isAlias, isCollection, isPair, isScalar, Lexer, type Document, type Node } from 'yaml';
import { formatBytes, INPUT_BUDGET } from '../patch/input-budget';

type Measured = { size: number; depth: number };

/** The children of a node in document order (an alias's child is its anchor's node). */
function childrenOf(node: unknown, targets: Map<unknown, unknown>): unknown[] {
  if (isAlias(node)) return targets.has(node) ? [targets.get(node)] : [];
  if (isPair(node)) return [node.key, node.value].filter((n) => n !== null && n !== undefined);
  if (isCollection(node)) return node.items as unknown[];
  return [];
}

/**
 * Every alias's anchor, as YAML defines it (the last node before it with that anchor), and how
 * deep the tree nests as written (aliases not followed).
 */
function resolveAliases(root: unknown): { targets: Map<unknown, unknown>; missing: string | undefined; depth: number } {
  const targets = new Map<unknown, unknown>();
  const anchors = new Map<string, unknown>();
  const stack: [unknown, number][] = [[root, 0]];
  let missing: string | undefined;
  let deepest = 0;
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) missing ??= node.source;
      else targets.set(node, target);
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    const below = isCollection(node) ? level + 1 : level;
    deepest = Math.max(deepest, below);
    const children = childrenOf(node, targets);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], below]);
  }
  return { targets, missing, depth: deepest };
}

const tooDeep = (place: string) =>
  `${place}: nested more than ${INPUT_BUDGET.documentDepth} levels deep, over the limit of ${INPUT_BUDGET.documentDepth}. Flatten it; nothing was changed.`;

function ownSize(node: unknown): number {
  if (isScalar(node)) return String(node.value ?? '').length + 1;
  if (isCollection(node)) return 2 + node.items.length;
  return 0;
}

/**
 * The problem with `doc`, or undefined: an alias to no anchor, an alias inside its own anchor,
 * nesting past the document limit, or aliases adding more than the expansion limit.
 */
export function yamlDocumentProblem(doc: Document.Parsed, place: string): string | undefined {
  const root = doc.contents as Node | null;
  if (root === null) return undefined;
  const { targets, missing, depth: written } = resolveAliases(root);
  if (missing !== undefined)
    return `${place}: the alias *${missing} names no anchor before it in this document (anchors do not reach across "---").`;
  if (written > INPUT_BUDGET.documentDepth) return tooDeep(place);
  // Without aliases the document is what is written: the text's own size bounds it.
  if (targets.size === 0) return undefined;
  return aliasProblem(doc, root, targets, place);
}

/** Follows aliases: the expanded depth and how much the aliases add, each anchor sized once. */
function aliasProblem(doc: Document.Parsed, root: unknown, targets: Map<unknown, unknown>, place: string): string | undefined {
  const text = doc.range[2] - doc.range[0];
  const limit = INPUT_BUDGET.yamlAliasExpansionBytes;
  const memo = new Map<unknown, Measured>();
  const active = new Set<unknown>();
  const stack: { node: unknown; open: boolean }[] = [{ node: root, open: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (memo.has(top.node)) {
      stack.pop();
      continue;
    }
    const children = childrenOf(top.node, targets);
    if (!top.open) {
      top.open = true;
      active.add(top.node);
      for (const child of children) {
        if (active.has(child)) return `${place}: an alias refers to the node it is inside; such a document never ends.`;
        if (!memo.has(child)) stack.push({ node: child, open: false });
      }
      continue;
    }
    let size = ownSize(top.node);
    let depth = 0;
    for (const child of children) {
      const m = memo.get(child)!;
      size += m.size;
      depth = Math.max(depth, m.depth);
    }
    if (isCollection(top.node)) depth++;
    if (depth > INPUT_BUDGET.documentDepth) return tooDeep(place);
    if (size - text > limit)
      return `${place}: its aliases expand it by more than ${formatBytes(limit)}, over the limit of ${formatBytes(limit)}. Write the repeated parts out, or use fewer aliases; nothing was changed.`;
    memo.set(top.node, { size, depth });
    active.delete(top.node);
    stack.pop();
  }
  return undefined;
}

/** The lexer's markers that stand for no characters of the text (the others are slices of it). */
const MARKERS = new Set<string>([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * The offset where flow collections (`[`, `{`) first nest deeper than the document limit, or
 * undefined. Checked on the text before it is parsed: the parser builds a syntax tree of every
 * level before anything can refuse it (a 1.6 MB line of `[` took 37 s and 1.4 GB), while the
 * lexer is flat and fast. Text with no more brackets than the limit cannot nest past it, so
 * ordinary manifests skip even the lexer.
 */
export function yamlFlowDepthOffset(text: string): number | undefined {
  const limit = INPUT_BUDGET.documentDepth;
  let opening = 0;
  for (let i = 0; i < text.length && opening <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) opening++;
  }
  if (opening <= limit) return undefined;
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > limit) return offset;
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
    else if (token === CST.FLOW_END || token === CST.DOCUMENT) depth = 0; // the lexer closes every open level
    if (!MARKERS.has(token)) offset += token.length;
  }
  return undefined;
}

export const flowTooDeep = (place: string) =>
  `${place}: brackets ([ ] { }) nested more than ${INPUT_BUDGET.documentDepth} levels deep, over the limit of ${INPUT_BUDGET.documentDepth}. Flatten it; nothing was changed.`;
