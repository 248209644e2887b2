/**
 * The depth and size budget every parse boundary applies (patch and performance files, autosave,
 * YAML, the KRM function's stdin, contract payloads, history rows read back). Pure, and never
 * recursive: a hostile input is measured without using the stack it would overflow.
 *
 * The limits nest so that whatever one boundary accepts, every later one accepts again (a value
 * set through a request is autosaved, exported and loaded back): module data may nest
 * `dataDepth` levels, a batch `batchDepth` batches, and a whole document or payload
 * `documentDepth` levels — more than data plus batches plus the envelopes around them
 * (file → modules → module → data is 4; each batch is 2: the op and its `ops` array).
 */

export const INPUT_BUDGET = {
  /** Nesting inside a module's data record (a manifest is data.manifest, so it gets one less). */
  dataDepth: 64,
  /** Batches inside batches. */
  batchDepth: 16,
  /** Nesting of any whole document, frame or payload. */
  documentDepth: 128,
  /** What YAML aliases may add to a document once expanded (billion laughs, one big anchor × 99). */
  yamlAliasExpansionBytes: 4 * 1024 * 1024,
  /** A serialised patch (.k8spatch, autosave): far above a full rack (~100 KB). */
  patchBytes: 64 * 1024 * 1024,
  /** A YAML import (a file, or all files of a folder). */
  yamlImportBytes: 16 * 1024 * 1024,
  /** A .k8sperf file. */
  performanceBytes: 256 * 1024 * 1024,
  /** A ResourceList on the KRM function's stdin. */
  krmStdinBytes: 32 * 1024 * 1024,
  /** One WebSocket frame of web mode (a patch is kilobytes). */
  wsFrameBytes: 4 * 1024 * 1024,
} as const;

/**
 * Keys refused in any value. JSON.parse and YAML make `__proto__` an own property, which an object
 * spread or a zod record does not keep; an own `constructor` that is not a function makes zod's
 * record check refuse the object (or throw, for null). Either would be accepted once and then
 * refused by the app's own loader after a restart.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

const MiB = 1024 * 1024;

/** "4 MiB", "512 KiB", "900 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/** The problem when `bytes` is over `limit`, naming the place. */
export function sizeProblem(bytes: number, limit: number, place: string): string | undefined {
  if (bytes <= limit) return undefined;
  return `${place} is ${formatBytes(bytes)}, over the limit of ${formatBytes(limit)}.`;
}

/**
 * The problem when JSON `text` nests deeper than `limit` (checked before JSON.parse, in one pass
 * over the characters: brackets inside strings do not count). Malformed JSON is left to the parser.
 */
export function jsonTextDepthProblem(text: string, limit: number, place: string): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return depthMessage(place, limit, `at ${lineColumn(text, i)}`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** Removes a leading byte-order mark (editors on Windows write one); JSON.parse refuses it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface Frame {
  value: unknown;
  depth: number;
  key: string | number;
  parent: Frame | undefined;
}

/**
 * The problem with a parsed value, or undefined: nesting deeper than `depth`, or a `__proto__`
 * key. The value itself is level 1 when it is an array or object, or level 0 with `asRecord`
 * (module data: the levels counted are those inside the record). Walks with its own stack.
 */
export function valueProblem(value: unknown, depth: number, place: string, asRecord = false): string | undefined {
  // Every edit of module data passes here: a pass that allocates nothing per node first, and
  // the walk that can name the place only for a value that is over the budget.
  if (withinBudget(value, depth, asRecord)) return undefined;
  return locateProblem(value, depth, place, asRecord);
}

function withinBudget(value: unknown, depth: number, asRecord: boolean): boolean {
  const values: unknown[] = [value];
  const levels: number[] = [asRecord ? -1 : 0];
  while (values.length > 0) {
    const v = values.pop();
    const level = levels.pop()! + 1;
    if (v === null || typeof v !== 'object') continue;
    if (level > depth) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          levels.push(level);
        }
      }
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return false;
      const child = (v as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        levels.push(level);
      }
    }
  }
  return true;
}

function locateProblem(value: unknown, depth: number, place: string, asRecord: boolean): string | undefined {
  const stack: Frame[] = [{ value, depth: asRecord ? -1 : 0, key: '', parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (v === null || typeof v !== 'object') continue;
    const level = frame.depth + 1;
    if (level > depth) return depthMessage(joinPath(place, frame), depth);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: level, key: i, parent: frame });
      continue;
    }
    for (const key of Object.keys(v)) {
      const child: Frame = { value: (v as Record<string, unknown>)[key], depth: level, key, parent: frame };
      if (FORBIDDEN_KEYS.has(key))
        return `${joinPath(place, child)}: a key named "${key}" is not allowed (it cannot be stored and loaded back); rename it.`;
      stack.push(child);
    }
  }
  return undefined;
}

/** How deep batches nest inside `op` (a batch of plain ops is 1). */
export function batchDepth(op: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[op, 0]];
  while (stack.length > 0) {
    const [v, level] = stack.pop()!;
    const o = v as { type?: unknown; ops?: unknown } | null;
    if (!o || o.type !== 'batch' || !Array.isArray(o.ops)) continue;
    deepest = Math.max(deepest, level + 1);
    for (const child of o.ops) stack.push([child, level + 1]);
  }
  return deepest;
}

function depthMessage(place: string, limit: number, where?: string): string {
  return `${place}${where ? ` (${where})` : ''}: nested more than ${limit} levels deep, over the limit of ${limit}. Flatten it; nothing was changed.`;
}

function joinPath(place: string, frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.push(f.key);
  keys.reverse();
  // Long paths are cut: the place and the first levels say enough to find it.
  const shown = keys.slice(0, 8).map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`));
  return `${place}${shown.join('')}${keys.length > 8 ? '…' : ''}`;
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++)
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      start = i + 1;
    }
  return `line ${line}, column ${offset - start + 1}`;
}

/**
 * JSON.parse within the document budget, for text this app wrote itself (history rows read
 * back): a row over the budget (a damaged or edited database) throws a clear error naming it.
 */
export function parseStoredJson(text: string, place: string): unknown {
  const problem = jsonTextDepthProblem(text, INPUT_BUDGET.documentDepth, place);
  if (problem) throw new Error(problem);
  return JSON.parse(text) as unknown;
}
