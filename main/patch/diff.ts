/**
 * Comparing two patch states, for the history browser: a structured summary of what differs
 * (modules added, removed, moved, retuned; cables added, removed, recoloured; the rack resized),
 * and the ops that turn one state into the other, so restoring a version is a normal undoable
 * edit rather than a reload.
 */
import { jsonEqual } from './json-equal';
import type { Cable, Module, Patch } from './model';
import type { Op } from './ops';

export interface PatchDiff {
  rack?: { from: Patch['rack']; to: Patch['rack'] };
  modulesAdded: { id: string; type: string }[];
  modulesRemoved: { id: string; type: string }[];
  modulesMoved: { id: string; type: string; from: { row: number; hp: number }; to: { row: number; hp: number } }[];
  paramsChanged: { id: string; type: string; param: string; from: number | undefined; to: number | undefined }[];
  dataChanged: { id: string; type: string }[];
  cablesAdded: Cable[];
  cablesRemoved: Cable[];
  cablesRecolored: { id: string; from: string; to: string }[];
}

/** What changes from `a` to `b`. */
export function diffPatches(a: Patch, b: Patch): PatchDiff {
  const before = new Map(a.modules.map((m) => [m.id, m]));
  const after = new Map(b.modules.map((m) => [m.id, m]));
  const diff: PatchDiff = {
    modulesAdded: [],
    modulesRemoved: [],
    modulesMoved: [],
    paramsChanged: [],
    dataChanged: [],
    cablesAdded: [],
    cablesRemoved: [],
    cablesRecolored: [],
  };
  if (!jsonEqual(a.rack, b.rack)) diff.rack = { from: a.rack, to: b.rack };
  for (const m of a.modules) if (!after.has(m.id) || after.get(m.id)!.type !== m.type) diff.modulesRemoved.push(ref(m));
  for (const m of b.modules) {
    const old = before.get(m.id);
    if (!old || old.type !== m.type) {
      diff.modulesAdded.push(ref(m));
      continue;
    }
    if (old.row !== m.row || old.hp !== m.hp)
      diff.modulesMoved.push({ ...ref(m), from: { row: old.row, hp: old.hp }, to: { row: m.row, hp: m.hp } });
    for (const param of new Set([...Object.keys(old.params), ...Object.keys(m.params)]))
      if (old.params[param] !== m.params[param])
        diff.paramsChanged.push({ ...ref(m), param, from: old.params[param], to: m.params[param] });
    if (!jsonEqual(old.data, m.data)) diff.dataChanged.push(ref(m));
  }
  const cablesBefore = new Map(a.cables.map((c) => [c.id, c]));
  const cablesAfter = new Map(b.cables.map((c) => [c.id, c]));
  for (const c of a.cables) {
    const now = cablesAfter.get(c.id);
    if (!now || !sameEnds(c, now)) diff.cablesRemoved.push(c);
    else if (now.color !== c.color) diff.cablesRecolored.push({ id: c.id, from: c.color, to: now.color });
  }
  for (const c of b.cables) {
    const old = cablesBefore.get(c.id);
    if (!old || !sameEnds(old, c)) diff.cablesAdded.push(c);
  }
  return diff;
}

/** Number of differences (0 = the same patch). */
export function diffSize(diff: PatchDiff): number {
  return (
    (diff.rack ? 1 : 0) +
    diff.modulesAdded.length +
    diff.modulesRemoved.length +
    diff.modulesMoved.length +
    diff.paramsChanged.length +
    diff.dataChanged.length +
    diff.cablesAdded.length +
    diff.cablesRemoved.length +
    diff.cablesRecolored.length
  );
}

/** One line per difference, for people (the history browser's diff view). */
export function describeDiff(diff: PatchDiff): string[] {
  const lines: string[] = [];
  if (diff.rack) lines.push(`rack ${diff.rack.from.rows}×${diff.rack.from.hp} HP → ${diff.rack.to.rows}×${diff.rack.to.hp} HP`);
  for (const m of diff.modulesAdded) lines.push(`+ ${m.type} ${m.id}`);
  for (const m of diff.modulesRemoved) lines.push(`− ${m.type} ${m.id}`);
  for (const m of diff.modulesMoved)
    lines.push(`moved ${m.type} ${m.id}: row ${m.from.row + 1} HP ${m.from.hp} → row ${m.to.row + 1} HP ${m.to.hp}`);
  for (const p of diff.paramsChanged) lines.push(`${p.type} ${p.id} ${p.param}: ${p.from ?? '—'} → ${p.to ?? '—'}`);
  for (const m of diff.dataChanged) lines.push(`${m.type} ${m.id}: data edited`);
  for (const c of diff.cablesAdded) lines.push(`+ cable ${c.from.module}.${c.from.jack} → ${c.to.module}.${c.to.jack}`);
  for (const c of diff.cablesRemoved) lines.push(`− cable ${c.from.module}.${c.from.jack} → ${c.to.module}.${c.to.jack}`);
  for (const c of diff.cablesRecolored) lines.push(`cable ${c.id} recoloured ${c.from} → ${c.to}`);
  return lines;
}

/**
 * Ops that turn `from` into `to`, as one batch: unplug the cables that go, remove the modules that
 * go, resize, move and retune the modules that stay, add the new ones, plug the new cables. When
 * a move could collide with a module that has not moved away yet, it falls back to taking every
 * module out and putting the target's back (always valid: `to` was a valid patch).
 */
export function opsToReach(from: Patch, to: Patch, label: string): Op {
  const diff = diffPatches(from, to);
  const removedIds = new Set(diff.modulesRemoved.map((m) => m.id));
  const target = new Map(to.modules.map((m) => [m.id, m]));
  const ops: Op[] = [];
  const changedCables = new Set([...diff.cablesRemoved.map((c) => c.id)]);
  for (const c of from.cables)
    if (changedCables.has(c.id) || removedIds.has(c.from.module) || removedIds.has(c.to.module))
      ops.push({ type: 'disconnect', id: c.id });
  if (diff.modulesMoved.length > 0) {
    // Positions can swap: take out every module and put the target's back in order.
    const keep = new Set(ops.map((o) => (o.type === 'disconnect' ? o.id : '')));
    for (const c of from.cables) if (!keep.has(c.id)) ops.push({ type: 'disconnect', id: c.id });
    for (const m of from.modules) ops.push({ type: 'remove-module', id: m.id });
    if (diff.rack) ops.push({ type: 'set-rack', rack: to.rack });
    to.modules.forEach((m, index) => ops.push({ type: 'add-module', module: m, index }));
    to.cables.forEach((cable, index) => ops.push({ type: 'connect', cable, index }));
    return { type: 'batch', label, ops };
  }
  for (const m of diff.modulesRemoved) ops.push({ type: 'remove-module', id: m.id });
  if (diff.rack) ops.push({ type: 'set-rack', rack: to.rack });
  for (const p of diff.paramsChanged)
    if (p.to !== undefined) ops.push({ type: 'set-param', id: p.id, param: p.param, value: p.to });
  for (const m of diff.dataChanged) ops.push({ type: 'set-data', id: m.id, data: target.get(m.id)!.data });
  to.modules.forEach((m, index) => {
    if (diff.modulesAdded.some((a) => a.id === m.id)) ops.push({ type: 'add-module', module: m, index });
  });
  for (const c of diff.cablesRecolored) ops.push({ type: 'set-cable-color', id: c.id, color: c.to });
  const added = new Set(diff.cablesAdded.map((c) => c.id));
  to.cables.forEach((cable, index) => {
    if (added.has(cable.id)) ops.push({ type: 'connect', cable, index });
  });
  return { type: 'batch', label, ops };
}

const ref = (m: Module) => ({ id: m.id, type: m.type });
const sameEnds = (a: Cable, b: Cable) =>
  a.from.module === b.from.module && a.from.jack === b.from.jack && a.to.module === b.to.module && a.to.jack === b.to.jack;
