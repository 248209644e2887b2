/**
 * Frames for the display: the difference between two output snapshots (what goes over the wire
 * 60 times a second), and the merge of two frames (what a slow client gets instead of a queue).
 */
import type { SimFrame, SimOutputs } from './types';

type Header = Pick<SimFrame, 'seq' | 'time' | 'running' | 'speed'>;

/** Everything in `next`, as a full frame. */
export function fullFrame(header: Header, next: SimOutputs): SimFrame {
  return { ...header, full: true, lights: next.lights, volts: next.volts, colors: next.colors, status: next.status };
}

/** Only what changed from `prev` to `next`; fields with no change are left out. */
export function deltaFrame(header: Header, prev: SimOutputs, next: SimOutputs): SimFrame {
  const frame: SimFrame = { ...header, full: false };
  const lights = changed(prev.lights, next.lights);
  const volts = changed(prev.volts, next.volts);
  const status = changed(prev.status, next.status);
  const colors: Record<string, string | null> = {};
  let anyColor = false;
  for (const key in next.colors) {
    if (prev.colors[key] === next.colors[key]) continue;
    colors[key] = next.colors[key]!;
    anyColor = true;
  }
  for (const key in prev.colors) {
    if (key in next.colors) continue;
    colors[key] = null;
    anyColor = true;
  }
  if (lights) frame.lights = lights;
  if (volts) frame.volts = volts;
  if (status) frame.status = status;
  if (anyColor) frame.colors = colors;
  return frame;
}

/** True when a delta carries nothing but its header. */
export function isEmptyFrame(frame: SimFrame): boolean {
  return !frame.full && !frame.lights && !frame.volts && !frame.status && !frame.colors;
}

/**
 * `a` then `b` as one frame: what a client that missed `a` needs. The result is new, so the
 * frames shared with other clients are never changed; its size is bounded by the patch, never
 * by how many frames were merged.
 */
export function mergeFrames(a: SimFrame, b: SimFrame): SimFrame {
  if (b.full) return b;
  const merged: SimFrame = { ...b, full: a.full };
  for (const field of ['lights', 'volts', 'colors', 'status'] as const) {
    const x = a[field] as Record<string, unknown> | undefined;
    const y = b[field] as Record<string, unknown> | undefined;
    if (x || y) (merged as unknown as Record<string, unknown>)[field] = { ...x, ...y };
  }
  return merged;
}

function changed<T>(prev: Record<string, T>, next: Record<string, T>): Record<string, T> | undefined {
  let out: Record<string, T> | undefined;
  for (const key in next) {
    if (prev[key] !== next[key]) (out ??= {})[key] = next[key]!;
  }
  return out;
}
