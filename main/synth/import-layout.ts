/**
 * The layout of an imported patch, as hello-web is laid out: each app (an Ingress, the Services it
 * routes to, the workloads they select) is a block of two rows — Ingress → Service → Deployment
 * on top, each Deployment's Pods under it — and the blocks stand side by side, wrapping into
 * further pairs of rows. Nodes and Objects share the rows at the bottom. The rack's width is
 * chosen so the whole rack is about as wide as a window's rack area, to stay readable fitted.
 */
import type { Catalog } from '../patch/catalog';
import { MAX_RACK_HP, MAX_RACK_ROWS, type Module, type Patch } from '../patch/model';

/** HP between modules of one app, and between apps. */
const GAP = 1;
const APP_GAP = 3;
/** One 3U row is 133.35 mm tall; one HP is 5.08 mm wide. */
const ROW_IN_HP = 133.35 / 5.08;
/** Width over height of the rack area in a typical window (1600×900 less the side panels). */
const TARGET_ASPECT = 1.7;
const MIN_HP = 84;

interface Placed {
  id: string;
  row: number;
  hp: number;
}
interface Block {
  width: number;
  rows: number;
  items: Placed[];
}

/** Groups the modules into apps: modules joined by a ROUTE, SELECT or CLAIM cable are one app. */
function apps(patch: Patch): Module[][] {
  const app = new Set(['ingress', 'service', 'deployment', 'pod']);
  const parent = new Map(patch.modules.filter((m) => app.has(m.type)).map((m) => [m.id, m.id]));
  const root = (id: string): string => {
    let at = id;
    while (parent.get(at) !== at) at = parent.get(at)!;
    return at;
  };
  for (const c of patch.cables)
    if (parent.has(c.from.module) && parent.has(c.to.module) && /^(route-|claim-|ready$)/.test(c.from.jack))
      parent.set(root(c.from.module), root(c.to.module));
  const groups = new Map<string, Module[]>();
  for (const m of patch.modules) if (parent.has(m.id)) groups.set(root(m.id), [...(groups.get(root(m.id)) ?? []), m]);
  return [...groups.values()];
}

function appBlock(group: readonly Module[], patch: Patch, width: (m: Module) => number): Block {
  const items: Placed[] = [];
  let x = 0;
  const top = (type: string) => group.filter((m) => m.type === type);
  for (const m of [...top('ingress'), ...top('service')]) {
    items.push({ id: m.id, row: 0, hp: x });
    x += width(m) + GAP;
  }
  const claimedBy = (d: Module) =>
    patch.cables
      .filter((c) => c.from.module === d.id && c.from.jack.startsWith('claim-') && c.to.jack === 'life')
      .map((c) => c.to.module);
  const owned = new Set<string>();
  let bottom = x;
  for (const d of top('deployment')) {
    const pods = group.filter((m) => claimedBy(d).includes(m.id) && !owned.has(m.id));
    x = Math.max(x, bottom);
    items.push({ id: d.id, row: 0, hp: x });
    let px = x;
    for (const p of pods) {
      owned.add(p.id);
      items.push({ id: p.id, row: 1, hp: px });
      px += width(p) + GAP;
    }
    bottom = px;
    x += width(d) + GAP;
  }
  let px = bottom;
  for (const p of top('pod').filter((p) => !owned.has(p.id))) {
    items.push({ id: p.id, row: 1, hp: px });
    px += width(p) + GAP;
  }
  const right = Math.max(0, ...items.map((i) => i.hp + width(group.find((m) => m.id === i.id)!)));
  return { width: right, rows: items.some((i) => i.row === 1) ? 2 : 1, items };
}

/** Packs blocks left to right into bands, wrapping at `hp`; returns the placements and the rows used. */
function pack(blocks: readonly Block[], rest: readonly Module[], hp: number, width: (m: Module) => number) {
  const placed: Placed[] = [];
  let row = 0;
  let x = 0;
  let bandRows = 0;
  for (const b of blocks) {
    if (x > 0 && x + b.width > hp) {
      row += bandRows;
      x = 0;
      bandRows = 0;
    }
    for (const i of b.items) placed.push({ id: i.id, row: row + i.row, hp: x + i.hp });
    x += b.width + APP_GAP;
    bandRows = Math.max(bandRows, b.rows);
  }
  row += bandRows;
  x = 0;
  let used = row;
  for (const m of rest) {
    if (x + width(m) > hp) {
      row++;
      x = 0;
    }
    placed.push({ id: m.id, row, hp: x });
    x += width(m) + GAP;
    used = row + 1;
  }
  return { placed, rows: Math.max(1, used) };
}

/**
 * Lays out a freshly imported patch (no undo history to keep, so the modules are moved in place).
 * A layout that cannot fit (an app wider than the widest rack) keeps the patch as it was.
 */
export function layoutImport(patch: Patch, catalog: Catalog): Patch {
  const width = (m: Module) => catalog.get(m.type)?.hp ?? 8;
  const byId = new Map(patch.modules.map((m) => [m.id, m]));
  const groups = apps(patch);
  const inApp = new Set(groups.flat().map((m) => m.id));
  const rest = [
    ...patch.modules.filter((m) => m.type === 'node'),
    ...patch.modules.filter((m) => !inApp.has(m.id) && m.type !== 'node'),
  ];
  const blocks = groups.map((g) => appBlock(g, patch, width));
  const widest = Math.max(MIN_HP, ...blocks.map((b) => b.width), ...rest.map(width));
  if (widest > MAX_RACK_HP) return patch;
  let best: { hp: number; placed: Placed[]; rows: number; score: number } | undefined;
  for (let hp = widest; hp <= MAX_RACK_HP; hp += 4) {
    const { placed, rows } = pack(blocks, rest, hp, width);
    if (rows > MAX_RACK_ROWS) continue;
    const used = Math.max(...placed.map((p) => p.hp + width(byId.get(p.id)!)), MIN_HP);
    const score = Math.abs(Math.log(used / (rows * ROW_IN_HP) / TARGET_ASPECT));
    if (!best || score < best.score - 1e-9) best = { hp: used, placed, rows, score };
  }
  if (!best) return patch;
  const at = new Map(best.placed.map((p) => [p.id, p]));
  return {
    ...patch,
    rack: { rows: best.rows, hp: best.hp },
    modules: patch.modules.map((m) => ({ ...m, row: at.get(m.id)?.row ?? m.row, hp: at.get(m.id)?.hp ?? m.hp })),
  };
}
