/**
 * The mirror's one diff: what a case physically holds (its CaseState) against what the patch
 * shows → the ops that make the patch show it, and nothing more. A first connect is this diff
 * against a patch without the case; a resync after a replug, a live event and mirror-on are the
 * same diff, so a resync that changes nothing applies nothing.
 *
 * Rules: the case's modules sit in the case's row at HP = slot; an on-screen-only module in the
 * way is moved aside (never deleted); physical cables are the truth for physical inputs (an
 * on-screen cable on such an input is replaced); knobs follow pickup (pickup.ts); a module type
 * this app does not know is skipped with a note.
 */
import type { Catalog } from '../../patch/catalog';
import { nearestFreeSlot, placeGrowingRack } from '../../patch/layout';
import { CABLE_PALETTE, MAX_RACK_HP, MAX_RACK_ROWS, type Module, type Patch } from '../../patch/model';
import type { Op } from '../../patch/ops';
import type { CaseState } from '../codec/case-state';
import { applyEach } from './apply-each';
import {
  defForTypeId,
  knobValueFromWire,
  knobs,
  parsePhysicalCableId,
  parsePhysicalModuleId,
  physicalModuleId,
  physicalModuleName,
  switches,
} from './module-map';
import { caseCables, moduleLabel } from './physical';
import { knobTakeover } from './pickup';

export interface SyncInput {
  patch: Patch;
  catalog: Catalog;
  bridgeUid: string;
  row: number;
  /** The case as last mirrored (for knob pickup); undefined on a first sight. */
  prev: CaseState | undefined;
  next: CaseState;
}

export interface SyncResult {
  /** Checked against the patch in order: apply them as one batch. */
  ops: Op[];
  /** Things the user should read (a module moved aside, an unknown module type). */
  notes: string[];
}

interface Wanted {
  id: string;
  slot: number;
  type: string;
  hp: number;
}

export function syncCase(input: SyncInput): SyncResult {
  const { catalog, bridgeUid, row, next } = input;
  const notes: string[] = [];
  const wanted: Wanted[] = [];
  for (const m of next.modules) {
    const def = defForTypeId(catalog, m.typeId);
    if (def) wanted.push({ id: physicalModuleId(bridgeUid, m.slot), slot: m.slot, type: def.type, hp: def.hp });
    else notes.push(`Slot ${m.slot}: module type ${m.typeId} is unknown to this app: update k8s-synth to see it on screen.`);
  }
  const ours = (id: string) => parsePhysicalModuleId(id)?.bridgeUid === bridgeUid;

  // 1. Modules that left the case (or were swapped for another type), and a rack big enough.
  const first: Op[] = [];
  for (const m of input.patch.modules) {
    const w = wanted.find((x) => x.id === m.id);
    if (ours(m.id) && (!w || w.type !== m.type)) first.push({ type: 'remove-module', id: m.id });
  }
  const rack = input.patch.rack;
  const needHp = Math.max(rack.hp, ...wanted.map((w) => w.slot + w.hp));
  const needRows = Math.max(rack.rows, row + 1);
  if (needHp > MAX_RACK_HP || needRows > MAX_RACK_ROWS)
    notes.push(
      `The case needs a rack of ${needRows} rows × ${needHp} HP; the largest is ${MAX_RACK_ROWS} × ${MAX_RACK_HP}. Some modules stay off screen.`,
    );
  if (needHp !== rack.hp || needRows !== rack.rows)
    first.push({ type: 'set-rack', rack: { rows: Math.min(needRows, MAX_RACK_ROWS), hp: Math.min(needHp, MAX_RACK_HP) } });
  const start = applyEach(input.patch, first, catalog);

  // 2. On-screen modules in the way move aside; the case's modules go to their slots.
  const placing = placeModules(start.patch, input, wanted, notes);
  const cables = cableOps(placing.patch, input, ours);
  const all = applyEach(input.patch, [...start.ops, ...placing.ops, ...cables], catalog);
  return { ops: all.ops, notes: [...notes, ...start.notes, ...all.notes] };
}

function placeModules(patch: Patch, input: SyncInput, wanted: Wanted[], notes: string[]): { ops: Op[]; patch: Patch } {
  const { catalog, row, next, prev } = input;
  const ops: Op[] = [];
  const inWay = (m: Module) =>
    !parsePhysicalModuleId(m.id) &&
    m.row === row &&
    wanted.some((w) => m.hp < w.slot + w.hp && w.slot < m.hp + (catalog.get(m.type)?.hp ?? 0));
  const blockers = patch.modules.filter(inWay);
  // Where the case's modules will be, so the ones moved aside do not land there.
  const ghosts: Module[] = wanted.map((w) => ({ id: w.id, type: w.type, row, hp: w.slot, params: {}, data: {} }));
  let view: Patch = {
    ...patch,
    modules: [...patch.modules.filter((m) => !inWay(m) && !wanted.some((w) => w.id === m.id)), ...ghosts],
  };
  for (const b of blockers) {
    const width = catalog.get(b.type)?.hp ?? 0;
    // In a grown rack it goes to the start of the new last row.
    const found = placeGrowingRack(view, (grownView, grown) =>
      nearestFreeSlot(grownView, catalog, width, grown ? { row: grownView.rack.rows - 1, hp: 0 } : { row: b.row, hp: b.hp }),
    );
    if (found?.rack) {
      ops.push({ type: 'set-rack', rack: found.rack });
      view = { ...view, rack: found.rack };
    }
    const slot = found?.placed;
    if (!slot) {
      notes.push(`${moduleLabel(b, catalog)} is in the way of the case's modules and the rack is full: move it yourself.`);
      continue;
    }
    ops.push({ type: 'move-module', id: b.id, row: slot.row, hp: slot.hp });
    view = { ...view, modules: [...view.modules, { ...b, ...slot }] };
    notes.push(
      `${moduleLabel(b, catalog)} moved to row ${slot.row + 1}, HP ${slot.hp}: the case "${next.hello.name}" has a module there.`,
    );
  }
  const names = new Set(patch.modules.map((m) => m.data['name']).filter((n): n is string => typeof n === 'string'));
  for (const w of wanted) {
    const existing = patch.modules.find((m) => m.id === w.id);
    const params = physicalParams(input, w, existing, prev);
    if (!existing) {
      const name = physicalModuleName(w.type, w.slot, names);
      names.add(name);
      ops.push({ type: 'add-module', module: { id: w.id, type: w.type, row, hp: w.slot, params, data: { name } } });
      continue;
    }
    if (existing.row !== row || existing.hp !== w.slot) ops.push({ type: 'move-module', id: w.id, row, hp: w.slot });
    for (const [param, value] of Object.entries(params)) ops.push({ type: 'set-param', id: w.id, param, value });
  }
  return { ops, patch: applyEach(patch, ops, catalog).patch };
}

/**
 * The ops for a knob or switch event alone: what the full diff would give when only the controls
 * of the module in `slot` moved, without walking the whole case (a knob streams at up to 1 kHz).
 * Undefined when that module is not on screen as it should be: then run syncCase.
 */
export function controlOps(input: SyncInput, slot: number): Op[] | undefined {
  const id = physicalModuleId(input.bridgeUid, slot);
  const module = input.next.modules.find((m) => m.slot === slot);
  const def = module && defForTypeId(input.catalog, module.typeId);
  const existing = input.patch.modules.find((m) => m.id === id);
  if (!def || !existing || existing.type !== def.type || existing.row !== input.row || existing.hp !== slot) return undefined;
  const params = physicalParams(input, { id, slot, type: def.type, hp: def.hp }, existing, input.prev);
  return Object.entries(params).map(([param, value]): Op => ({ type: 'set-param', id, param, value }));
}

/**
 * Params from the physical controls: all of them for a new module; for one already on screen,
 * switches that were flipped and knobs that take over (pickup).
 */
function physicalParams(
  input: SyncInput,
  w: Wanted,
  existing: Module | undefined,
  prev: CaseState | undefined,
): Record<string, number> {
  const def = input.catalog.get(w.type)!;
  const params: Record<string, number> = {};
  const sameModuleBefore =
    prev?.modules.find((m) => m.slot === w.slot)?.typeId === input.next.modules.find((m) => m.slot === w.slot)?.typeId;
  knobs(def).forEach((knob, i) => {
    const wire = input.next.knobs[`${w.slot}/${i}`];
    if (wire === undefined) return;
    if (!existing) {
      params[knob.id] = knobValueFromWire(knob, wire);
      return;
    }
    const before = sameModuleBefore ? prev?.knobs[`${w.slot}/${i}`] : undefined;
    const value = knobTakeover(knob, existing.params[knob.id] ?? knob.default, before, wire);
    if (value !== undefined) params[knob.id] = value;
  });
  switches(def).forEach((sw, i) => {
    const position = input.next.switches[`${w.slot}/${i}`];
    if (position === undefined || position < 0 || position >= sw.positions.length) return;
    // A switch flipped on the rack wins; one edited on screen keeps its value until then.
    const before = sameModuleBefore ? prev?.switches[`${w.slot}/${i}`] : undefined;
    if (!existing || (before !== position && existing.params[sw.id] !== position)) params[sw.id] = position;
  });
  return params;
}

function cableOps(patch: Patch, input: SyncInput, ours: (id: string) => boolean): Op[] {
  const wanted = caseCables(input.bridgeUid, input.next, input.catalog);
  const ops: Op[] = [];
  const gone = new Set<string>();
  for (const c of patch.cables) {
    if (parsePhysicalCableId(c.id)?.bridgeUid === input.bridgeUid && !wanted.some((w) => w.id === c.id)) gone.add(c.id);
  }
  let colour = patch.cables.length;
  for (const w of wanted) {
    if (patch.cables.some((c) => c.id === w.id)) continue;
    const poly = input.catalog.jack(patch.modules.find((m) => m.id === w.to.module)?.type ?? '', w.to.jack)?.poly ?? false;
    // The physical cable is the truth for a physical input: an on-screen cable there gives way.
    for (const c of patch.cables) {
      const sameInput = c.to.module === w.to.module && c.to.jack === w.to.jack;
      const sameSource = c.from.module === w.from.module && c.from.jack === w.from.jack;
      if (sameInput && (!poly || sameSource) && ours(c.to.module)) gone.add(c.id);
    }
    ops.push({
      type: 'connect',
      cable: { id: w.id, from: w.from, to: w.to, color: CABLE_PALETTE[colour++ % CABLE_PALETTE.length]! },
    });
  }
  return [...[...gone].map((id): Op => ({ type: 'disconnect', id })), ...ops];
}
