/**
 * Session op throughput on a big patch, next to the bare applyOp loop on the same ops, so the
 * Session's own cost (undo history, version, broadcast) shows as the ratio between the two.
 */
import { applyOp } from '../../main/patch/apply';
import type { Catalog } from '../../main/patch/catalog';
import { incompatibility, POLY_MAX_CHANNELS } from '../../main/patch/signals';
import type { Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { ManualClock } from '../../main/time/clock';
import { Session } from '../../main/session/session';

export interface ThroughputRow {
  figure: string;
  /** Per second, through Session.apply. */
  ours: number;
  /** Per second, through a bare `patch = applyOp(patch, op).patch` loop. */
  baseline: number;
}

export interface ThroughputOptions {
  /** Measuring time per figure and side, in ms (after a warm-up of a fifth of it). */
  durationMs?: number;
  /** Rounds per figure; the best round counts (least disturbed by GC and the other process). */
  rounds?: number;
}

/** An endless, repeating source of ops: the `n`th op to apply. */
type OpStream = (n: number) => Op;

function setParamStream(patch: Patch, catalog: Catalog): OpStream {
  const knobs: { id: string; param: string; values: number[] }[] = [];
  for (const m of patch.modules) {
    const knob = catalog.get(m.type)?.params.find((p) => p.kind === 'knob');
    if (!knob || knob.kind !== 'knob') continue;
    const step = knob.step ?? (knob.max - knob.min) / 100;
    const values = Array.from({ length: 16 }, (_, i) => knob.min + Math.round(((knob.max - knob.min) / step) * (i / 15)) * step);
    knobs.push({ id: m.id, param: knob.id, values });
  }
  if (knobs.length === 0) throw new Error('throughput: no module in the patch has a knob');
  return (n) => {
    const knob = knobs[n % knobs.length]!;
    return {
      type: 'set-param',
      id: knob.id,
      param: knob.param,
      value: knob.values[Math.floor(n / knobs.length) % knob.values.length]!,
    };
  };
}

/** Connect then disconnect, cycling over free output → input pairs of the patch. */
function connectPairStream(patch: Patch, catalog: Catalog): OpStream {
  const taken = new Map<string, number>();
  for (const c of patch.cables) taken.set(`${c.to.module}/${c.to.jack}`, (taken.get(`${c.to.module}/${c.to.jack}`) ?? 0) + 1);
  const outs = patch.modules.flatMap((m) =>
    (catalog.get(m.type)?.jacks ?? []).filter((j) => j.direction === 'output').map((j) => ({ m, j })),
  );
  const pairs: { from: { module: string; jack: string }; to: { module: string; jack: string } }[] = [];
  for (const m of patch.modules) {
    for (const j of catalog.get(m.type)?.jacks ?? []) {
      if (j.direction !== 'input' || (taken.get(`${m.id}/${j.id}`) ?? 0) >= (j.poly ? POLY_MAX_CHANNELS : 1)) continue;
      const out = outs.find(
        (o) =>
          o.m.id !== m.id &&
          incompatibility(o.j.signal, j.signal) === null &&
          !patch.cables.some(
            (c) => c.to.module === m.id && c.to.jack === j.id && c.from.module === o.m.id && c.from.jack === o.j.id,
          ),
      );
      if (out) pairs.push({ from: { module: out.m.id, jack: out.j.id }, to: { module: m.id, jack: j.id } });
      if (pairs.length >= 64) break;
    }
    if (pairs.length >= 64) break;
  }
  if (pairs.length === 0) throw new Error('throughput: no free input to connect in the patch');
  return (n) => {
    const pair = pairs[Math.floor(n / 2) % pairs.length]!;
    const id = `bench-${Math.floor(n / 2) % pairs.length}`;
    return n % 2 === 0 ? { type: 'connect', cable: { id, ...pair, color: '#3695ef' } } : { type: 'disconnect', id };
  };
}

function batchStream(inner: OpStream, size: number): OpStream {
  return (n) => ({ type: 'batch', label: 'bench', ops: Array.from({ length: size }, (_, i) => inner(n * size + i)) });
}

/** Ops per second of `step(n)` run for `durationMs`; `step` returns how many ops it did. */
function measure(step: (n: number) => number, durationMs: number): number {
  const warmUntil = performance.now() + durationMs / 5;
  let n = 0;
  while (performance.now() < warmUntil) step(n++);
  let ops = 0;
  const start = performance.now();
  let now = start;
  // Check the clock every 64 steps only: reading it is not free next to a 2 µs op.
  while (now - start < durationMs) {
    for (let i = 0; i < 64; i++) ops += step(n++);
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

function bestOf(rounds: number, run: () => number): number {
  let best = 0;
  for (let i = 0; i < rounds; i++) best = Math.max(best, run());
  return best;
}

/**
 * Runs every figure. Streams start from `patch` (pairs of connect/disconnect leave it unchanged;
 * set-param cycles through values), so each figure measures the same patch size throughout.
 */
export function runThroughput(patch: Patch, catalog: Catalog, options: ThroughputOptions = {}): ThroughputRow[] {
  const durationMs = options.durationMs ?? 1000;
  const rounds = options.rounds ?? 3;

  const figures: { figure: string; stream: OpStream; opsPerStep: number }[] = [
    { figure: 'set-param, single ops (ops/s)', stream: setParamStream(patch, catalog), opsPerStep: 1 },
    { figure: 'connect + disconnect (pairs/s)', stream: connectPairStream(patch, catalog), opsPerStep: 0.5 },
    { figure: 'batch of 100 set-param (ops/s)', stream: batchStream(setParamStream(patch, catalog), 100), opsPerStep: 100 },
  ];

  return figures.map(({ figure, stream, opsPerStep }) => {
    const ours = bestOf(rounds, () => {
      const session = new Session(catalog, new ManualClock(0), patch);
      // One subscriber, as main always has (the broadcaster to windows and sockets).
      let changes = 0;
      session.subscribe(() => changes++);
      return measure((n) => {
        const result = session.apply(stream(n), { source: 'ui' });
        if (!result.ok) throw new Error(`throughput: ${figure}: ${result.error.message}`);
        return opsPerStep;
      }, durationMs);
    });
    const baseline = bestOf(rounds, () => {
      let current = patch;
      return measure((n) => {
        const result = applyOp(current, stream(n), catalog);
        if (!result.ok) throw new Error(`throughput: ${figure} (baseline): ${result.error.message}`);
        current = result.patch;
        return opsPerStep;
      }, durationMs);
    });
    return { figure, ours, baseline };
  });
}

/** The rows as an aligned text table: figure, ours, baseline, ratio (ours / baseline). */
export function formatThroughput(rows: ThroughputRow[]): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const table = [
    ['figure', 'ours (Session)', 'baseline (applyOp)', 'ratio'],
    ...rows.map((r) => [r.figure, fmt(r.ours), fmt(r.baseline), (r.ours / r.baseline).toFixed(2)]),
  ];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
  return table
    .map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '))
    .join('\n');
}
