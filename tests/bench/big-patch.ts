/**
 * A large, valid patch for benchmarks: by default 300 modules and 1,000 cables, the same for the
 * same seed. Every module and cable goes in through applyOp, so the patch passes exactly the
 * checks an edit passes (catalog, placement, signal kinds, one cable per mono input).
 *
 * `toFlowGraph` turns it into plain React Flow nodes and edges at the positions the rack canvas
 * draws the modules (renderer/rack/geometry.ts), for the bare React Flow baseline page.
 */
import { applyOp } from '../../main/patch/apply';
import type { Catalog, CatalogEntry, JackDef } from '../../main/patch/catalog';
import { CABLE_PALETTE, emptyPatch, MAX_RACK_HP, MAX_RACK_ROWS, type Cable, type Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { incompatibility, POLY_MAX_CHANNELS } from '../../main/patch/signals';
import { moduleSize, slotToPosition } from '../../renderer/rack/geometry';

export interface BigPatchOptions {
  modules?: number;
  cables?: number;
  seed?: number;
  /**
   * Relative share of each module type (types missing here get weight 1). Pods dominate, as in a
   * cluster; the mix also has to fit the largest rack (MAX_RACK_ROWS × MAX_RACK_HP).
   */
  weights?: Record<string, number>;
}

const DEFAULT_WEIGHTS: Record<string, number> = {
  pod: 10,
  deployment: 2,
  service: 2,
  node: 2,
  ingress: 1,
  controller: 1,
  etcd: 1,
};

/** The largest rack RackSizeSchema allows. */
const MAX_RACK = { rows: MAX_RACK_ROWS, hp: MAX_RACK_HP };

/** mulberry32: small, fast, good enough to shuffle a benchmark patch deterministically. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function apply(patch: Patch, op: Op, catalog: Catalog): Patch {
  const result = applyOp(patch, op, catalog);
  if (!result.ok) throw new Error(`big-patch: ${op.type} rejected: ${result.error.message}`);
  return result.patch;
}

interface JackSlot {
  module: string;
  index: number;
  jack: JackDef;
}

/**
 * Builds the patch. Modules are packed left to right, row by row, in a shuffled order of types.
 * Cables mostly run between modules near each other in the rack (as people patch), with one in
 * five going anywhere; an output may feed many inputs, a mono input takes one cable.
 */
export function generateBigPatch(catalog: Catalog, options: BigPatchOptions = {}): Patch {
  const moduleCount = options.modules ?? 300;
  const cableCount = options.cables ?? 1000;
  const random = seededRandom(options.seed ?? 0x5eed);
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const defs = catalog.entries.filter((e) => (weights[e.type] ?? 1) > 0);
  if (defs.length === 0) throw new Error('big-patch: the catalog has no module types');

  const totalWeight = defs.reduce((sum, d) => sum + (weights[d.type] ?? 1), 0);
  const pickType = (): CatalogEntry => {
    let r = random() * totalWeight;
    for (const d of defs) {
      r -= weights[d.type] ?? 1;
      if (r < 0) return d;
    }
    return defs[defs.length - 1]!;
  };

  // Modules, packed into as few rows as fit.
  let patch = emptyPatch(MAX_RACK);
  let row = 0;
  let hp = 0;
  for (let i = 0; i < moduleCount; i++) {
    const def = pickType();
    if (hp + def.hp > MAX_RACK.hp) {
      row++;
      hp = 0;
    }
    if (row >= MAX_RACK.rows)
      throw new Error(`big-patch: ${moduleCount} modules of this mix do not fit a ${MAX_RACK.rows} × ${MAX_RACK.hp} HP rack`);
    const id = `m${String(i + 1).padStart(3, '0')}`;
    patch = apply(patch, { type: 'add-module', module: { id, type: def.type, row, hp, params: {}, data: {} } }, catalog);
    hp += def.hp;
  }
  patch = apply(patch, { type: 'set-rack', rack: { rows: row + 1, hp: MAX_RACK.hp } }, catalog);

  // Jacks, by direction, with the module's place in the rack order for locality.
  const outputs: JackSlot[] = [];
  const inputs: JackSlot[] = [];
  patch.modules.forEach((m, index) => {
    for (const jack of catalog.get(m.type)?.jacks ?? [])
      (jack.direction === 'output' ? outputs : inputs).push({ module: m.id, index, jack });
  });
  const used = new Map<string, Set<string>>(); // input key -> output keys feeding it
  const key = (s: JackSlot) => `${s.module}/${s.jack.id}`;
  const free = (input: JackSlot) => (used.get(key(input))?.size ?? 0) < (input.jack.poly ? POLY_MAX_CHANNELS : 1);

  const cables: Cable[] = [];
  let attempts = 0;
  while (cables.length < cableCount) {
    if (++attempts > cableCount * 200) throw new Error(`big-patch: found only ${cables.length} of ${cableCount} cables`);
    const from = outputs[Math.floor(random() * outputs.length)]!;
    const near = random() < 0.8;
    const candidates = inputs.filter(
      (to) =>
        to.module !== from.module &&
        (!near || Math.abs(to.index - from.index) <= 12) &&
        free(to) &&
        incompatibility(from.jack.signal, to.jack.signal) === null &&
        !used.get(key(to))?.has(key(from)),
    );
    if (candidates.length === 0) continue;
    const to = candidates[Math.floor(random() * candidates.length)]!;
    const cable: Cable = {
      id: `c${String(cables.length + 1).padStart(4, '0')}`,
      from: { module: from.module, jack: from.jack.id },
      to: { module: to.module, jack: to.jack.id },
      color: CABLE_PALETTE[cables.length % CABLE_PALETTE.length]!,
    };
    patch = apply(patch, { type: 'connect', cable }, catalog);
    cables.push(cable);
    const feeding = used.get(key(to)) ?? new Set<string>();
    feeding.add(key(from));
    used.set(key(to), feeding);
  }
  return patch;
}

/** Plain React Flow data: default nodes and default (bezier) edges. */
export interface FlowGraph {
  nodes: { id: string; position: { x: number; y: number }; data: { label: string }; style: { width: number; height: number } }[];
  edges: { id: string; source: string; target: string }[];
}

/** The patch as a bare React Flow graph: one node per module at its rack position, one edge per cable. */
export function toFlowGraph(patch: Patch, catalog: Catalog): FlowGraph {
  return {
    nodes: patch.modules.map((m) => ({
      id: m.id,
      position: slotToPosition(m),
      data: { label: `${m.type} ${m.id}` },
      style: moduleSize(catalog.get(m.type)?.hp ?? 8),
    })),
    edges: patch.cables.map((c) => ({ id: c.id, source: c.from.module, target: c.to.module })),
  };
}
