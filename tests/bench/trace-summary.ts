/**
 * Where a page's main-thread time went during a Chromium trace (playwright's browser.startTracing,
 * the DevTools timeline categories): busy time split into script, style, layout, paint and GC, per
 * second of trace, so the app's pan/zoom can be read next to the bare React Flow canvas's.
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Trace event names in each bucket (DevTools' own grouping of the timeline). */
const BUCKETS: Record<string, readonly string[]> = {
  script: ['FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks'],
  style: ['UpdateLayoutTree', 'RecalculateStyles', 'ParseAuthorStyleSheet'],
  layout: ['Layout'],
  paint: ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit'],
  gc: ['MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR'],
};

export interface TraceSummary {
  seconds: number;
  /** ms per second of trace on the renderer's main thread. */
  busy: number;
  buckets: Record<string, number>;
}

/** Sums the renderer main thread's top-level tasks and, inside them, each bucket's events. */
export function summarizeTrace(file: string): TraceSummary {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The page's renderer is the main thread with the most work.
  let best: { pid: number; tid: number; busy: number } | undefined;
  for (const m of mains) {
    const busy = events
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.name === 'RunTask')
      .reduce((s, e) => s + (e.dur ?? 0), 0);
    if (!best || busy > best.busy) best = { pid: m.pid, tid: m.tid, busy };
  }
  if (!best) throw new Error(`trace-summary: no renderer main thread in ${file}`);
  const own = events.filter((e) => e.pid === best.pid && e.tid === best.tid && e.ph === 'X' && e.dur !== undefined);
  const ts = own.map((e) => e.ts);
  const seconds = ts.length ? (Math.max(...own.map((e) => e.ts + e.dur!)) - Math.min(...ts)) / 1e6 : 0;
  const perSecond = (us: number) => (seconds > 0 ? us / 1000 / seconds : 0);
  const buckets: Record<string, number> = {};
  for (const [bucket, names] of Object.entries(BUCKETS)) {
    // Outermost events only: a FunctionCall inside a FunctionCall counts once.
    const mine = own.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts);
    let end = -Infinity;
    let total = 0;
    for (const e of mine) {
      if (e.ts >= end) {
        total += e.dur!;
        end = e.ts + e.dur!;
      } else if (e.ts + e.dur! > end) {
        total += e.ts + e.dur! - end;
        end = e.ts + e.dur!;
      }
    }
    buckets[bucket] = perSecond(total);
  }
  return { seconds, busy: perSecond(best.busy), buckets };
}

/** One line per page: ms of main-thread time per second of pan/zoom, by bucket. */
export function formatTrace(label: string, s: TraceSummary): string {
  const parts = Object.entries(s.buckets).map(([k, v]) => `${k} ${v.toFixed(0)}`);
  return `  ${label.padEnd(16)} main thread busy ${s.busy.toFixed(0)} ms/s: ${parts.join(', ')} (ms per second of trace)`;
}
