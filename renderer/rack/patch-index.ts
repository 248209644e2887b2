/**
 * Lookups over the patch mirror, built once per array and cached by identity, so the many small
 * selectors of faceplates (one per knob, jack, name plate) stay O(1) while ops stream in.
 * `patch.modules` is a new array after any module op; `patch.cables` only after cable ops.
 */
import type { Cable, Module } from '../../main/patch/model';
import { jackKey } from './connection-check';

const moduleIndexes = new WeakMap<readonly Module[], Map<string, Module>>();
const jackIndexes = new WeakMap<readonly Cable[], Map<string, Cable[]>>();

export function moduleIndex(modules: readonly Module[]): Map<string, Module> {
  let index = moduleIndexes.get(modules);
  if (!index) {
    index = new Map(modules.map((m) => [m.id, m]));
    moduleIndexes.set(modules, index);
  }
  return index;
}

/** Cables at each jack (key: jackKey), in stacking order (last = top). */
export function cablesByJack(cables: readonly Cable[]): Map<string, Cable[]> {
  let index = jackIndexes.get(cables);
  if (!index) {
    index = new Map();
    for (const c of cables) {
      for (const key of [jackKey(c.from.module, c.from.jack), jackKey(c.to.module, c.to.jack)]) {
        const list = index.get(key);
        if (list) list.push(c);
        else index.set(key, [c]);
      }
    }
    jackIndexes.set(cables, index);
  }
  return index;
}

/**
 * A signature of where modules sit (id, type, row, hp, in order). Equal strings mean the
 * canvas nodes need not be rebuilt: knob turns and data edits leave it unchanged.
 */
export function layoutSignature(modules: readonly Module[]): string {
  let sig = signatures.get(modules);
  if (sig === undefined) {
    sig = '';
    for (const m of modules) sig += `${m.id}:${m.type}:${m.row}:${m.hp};`;
    signatures.set(modules, sig);
  }
  return sig;
}

const signatures = new WeakMap<readonly Module[], string>();
