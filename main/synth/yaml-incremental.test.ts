/**
 * The incremental YAML mapping gives exactly what a full regeneration gives, after any sequence of
 * edits: patch edits (patch -> YAML) and text edits (YAML -> patch), with the caches carried along
 * the whole sequence as the YAML panel carries them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examplePatch, moduleCatalog } from '../../tests/helpers/module-catalog';
import { applyOp } from '../patch/apply';
import type { Patch } from '../patch/model';
import type { Op } from '../patch/ops';
import { yamlToOps } from './edit-ops';
import { synthesizePatch } from './synth';
import { SourceCache } from './source-cache';
import {
  manifestsToYamlCached,
  newYamlDocCache,
  readCheckedText,
  readCheckedTextFull,
  type CheckedText,
} from './yaml-incremental';
import { manifestsToYaml } from './yaml-text';

const catalog = moduleCatalog();
const hello = examplePatch('hello-web', catalog);

interface Edit {
  kind: number;
  pick: number;
  value: number;
}

/** A patch edit picked by numbers, so fast-check can shrink it; ops the patch refuses are skipped. */
const patchEdit = fc.record({ kind: fc.integer({ min: 0, max: 4 }), pick: fc.nat(), value: fc.integer({ min: 0, max: 12 }) });

function editPatch(patch: Patch, { kind, pick, value }: Edit): Patch {
  const module = patch.modules[pick % patch.modules.length]!;
  const ops: Op[] = [
    { type: 'set-param', id: module.id, param: module.type === 'deployment' ? 'replicas' : 'cpu', value: value * 10 },
    { type: 'set-data', id: module.id, data: { ...module.data, name: `${module.type}-${value}` } },
    ...(patch.cables.length ? [{ type: 'disconnect' as const, id: patch.cables[pick % patch.cables.length]!.id }] : []),
    { type: 'remove-module', id: module.id },
    { type: 'set-param', id: module.id, param: 'replicas', value },
  ];
  const result = applyOp(patch, ops[kind % ops.length]!, catalog);
  return result.ok ? result.patch : patch;
}

/** A text edit: what a user types into the YAML panel, good and bad. */
const textEdit = fc.record({ kind: fc.integer({ min: 0, max: 10 }), pick: fc.nat(), value: fc.integer({ min: 0, max: 99 }) });

function editText(text: string, { kind, pick, value }: Edit): string {
  const docs = text.split(/^---\n/m);
  const i = docs.length ? pick % docs.length : 0;
  const lines = text.split('\n');
  const at = pick % Math.max(1, lines.length);
  switch (kind) {
    case 0:
      return text.replace(/replicas: \d+/, `replicas: ${value}`);
    case 1: // delete a document
      return docs.filter((_, j) => j !== i).join('---\n');
    case 2: // duplicate a document
      return [...docs.slice(0, i + 1), ...docs.slice(i)].join('---\n');
    case 3: // a syntax error
      return [...lines.slice(0, at), '  bad: [unclosed', ...lines.slice(at)].join('\n');
    case 4: // a comment
      return [...lines.slice(0, at), `# note ${value}`, ...lines.slice(at)].join('\n');
    case 5: // an empty document
      return [...docs.slice(0, i), '', ...docs.slice(i)].join('---\n');
    case 6: // a field the schema refuses
      return text.replace(/^spec:$/m, `spec:\n  bogus${value}: 1`);
    case 7: // a directive: only YAML itself may cut this text
      return `%YAML 1.2\n---\n${text}`;
    case 8: // a name the API server refuses
      return text.replace(/^ {2}name: .*$/m, `  name: Bad_Name${value}`);
    case 9: // a new document of an unmodelled kind
      return `${text}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${value}\ndata:\n  k: "${value}"\n`;
    default: // leading comments before the first `---`
      return `# header ${value}\n---\n${text}`;
  }
}

const PATHS = [[], ['kind'], ['metadata', 'name'], ['spec', 'replicas'], ['spec', 'template', 'spec', 'containers', 0, 'image']];

/** A CheckedText as data: the locate functions replaced by what they answer for a few paths. */
function plain(read: CheckedText) {
  if (!read.ok) return read;
  return read.docs.map(({ locate, ...doc }) => ({ ...doc, at: PATHS.map((p) => locate(p)) }));
}

describe('incremental YAML', () => {
  it('patch -> YAML equals a full regeneration after random patch edits', () => {
    fc.assert(
      fc.property(fc.array(patchEdit, { maxLength: 25 }), (edits) => {
        const cache = new SourceCache<string>();
        let patch = hello;
        for (const edit of [undefined, ...edits]) {
          if (edit) patch = editPatch(patch, edit);
          const { manifests } = synthesizePatch(patch);
          expect(manifestsToYamlCached(manifests, undefined, cache)).toBe(manifestsToYaml(manifests));
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('YAML -> patch reads each text as the full parse does after random text edits', () => {
    const start = manifestsToYaml(synthesizePatch(hello).manifests);
    fc.assert(
      fc.property(fc.array(textEdit, { maxLength: 12 }), (edits) => {
        const cache = newYamlDocCache();
        let text = start;
        for (const edit of [undefined, ...edits]) {
          if (edit) text = editText(text, edit);
          expect(plain(readCheckedText(text, cache))).toEqual(plain(readCheckedTextFull(text)));
          expect(yamlToOps(hello, catalog, text, undefined, cache)).toEqual(
            yamlToOps(hello, catalog, text, undefined, newYamlDocCache()),
          );
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('reuses the documents an edit did not touch', () => {
    const text = manifestsToYaml(synthesizePatch(hello).manifests);
    const cache = newYamlDocCache();
    const first = readCheckedText(text, cache);
    const second = readCheckedText(text.replace(/replicas: \d+/, 'replicas: 7'), cache);
    if (!first.ok || !second.ok) throw new Error('hello-web reads');
    const same = second.docs.filter((d, i) => d.value === first.docs[i]!.value);
    // Every document but the Deployment's is the very same object as before the edit.
    expect(same).toHaveLength(first.docs.length - 1);
  });
});
