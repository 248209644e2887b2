/**
 * A knob on a faceplate. Drag vertically to turn (about 200 px for the whole range; Shift or Ctrl
 * for 1/10 speed), double-click to reset, wheel and arrow keys move one step. While dragging it
 * sends set-param ops, at most one per animation frame, all under one gesture id so main records
 * the drag as one undo step (VCV: one ParamChange per drag; CLAP: gesture begin/end).
 */
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type WheelEvent,
} from 'react';
import type { KnobDef } from '../../main/patch/catalog';
import { newId, sendOps, useRack } from '../store/rackStore';
import { KNOB_PX, mmToPx } from './geometry';
import { dragValue, formatValue, knobAngle, nudge, settle } from './knob-math';
import { moduleIndex } from './patch-index';
import { PickupPointer } from '../hardware/PickupPointer'; // where the rack's knob stands

/** Wheel notches and key presses closer together than this join one gesture (one undo step). */
const BURST_MS = 700;

interface Drag {
  raw: number;
  lastY: number;
  gesture: string;
  pending: number | null;
  sent: number;
  frame: number;
}

export const Knob = memo(function Knob({ moduleId, def }: { moduleId: string; def: KnobDef }) {
  const stored = useRack((s) => moduleIndex(s.patch.modules).get(moduleId)?.params[def.id] ?? def.default);
  // While dragging (and until main's echo arrives) the knob shows what the hand is doing.
  const [local, setLocal] = useState<number | null>(null);
  const [hover, setHover] = useState(false);
  const drag = useRef<Drag | null>(null);
  const burst = useRef<{ gesture: string; at: number } | null>(null);
  const value = local ?? stored;

  useEffect(() => {
    if (local === null || drag.current) return;
    if (stored === local) {
      setLocal(null);
      return;
    }
    // Refused or overtaken by another source: give up waiting and show the store.
    const timer = setTimeout(() => setLocal(null), 400);
    return () => clearTimeout(timer);
  }, [stored, local]);

  const send = useCallback(
    (v: number, gesture: string) => void sendOps([{ type: 'set-param', id: moduleId, param: def.id, value: v }], { gesture }),
    [moduleId, def.id],
  );

  const flush = useCallback(() => {
    const d = drag.current;
    if (!d) return;
    d.frame = 0;
    if (d.pending !== null && d.pending !== d.sent) {
      send(d.pending, d.gesture);
      d.sent = d.pending;
    }
    d.pending = null;
  }, [send]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { raw: value, lastY: e.clientY, gesture: newId('g'), pending: null, sent: value, frame: 0 };
    setLocal(value);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dy = d.lastY - e.clientY;
    d.lastY = e.clientY;
    if (dy === 0) return;
    d.raw = dragValue(def, d.raw, dy, e.shiftKey || e.ctrlKey);
    const v = settle(def, d.raw);
    setLocal(v);
    d.pending = v;
    if (!d.frame) d.frame = requestAnimationFrame(flush);
  };

  const endDrag = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    if (d.frame) cancelAnimationFrame(d.frame);
    flush();
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    // Nothing sent (a click without movement): stop showing the local value at once.
    if (d.sent === stored) setLocal(null);
  };

  /** Sends one discrete change; bursts of them share a gesture. */
  const step = (v: number) => {
    if (v === value) return;
    const now = performance.now();
    if (!burst.current || now - burst.current.at > BURST_MS) burst.current = { gesture: newId('g'), at: now };
    burst.current.at = now;
    setLocal(v);
    send(v, burst.current.gesture);
  };

  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    if (e.deltaY === 0) return;
    step(nudge(def, value, e.deltaY < 0 ? 1 : -1, e.shiftKey || e.ctrlKey));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const fine = e.shiftKey || e.ctrlKey;
    let next: number | undefined;
    if (e.key === 'ArrowUp' || e.key === 'ArrowRight') next = nudge(def, value, 1, fine);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowLeft') next = nudge(def, value, -1, fine);
    else if (e.key === 'PageUp') next = settle({ ...def, detents: [] }, value + (def.max - def.min) / 10);
    else if (e.key === 'PageDown') next = settle({ ...def, detents: [] }, value - (def.max - def.min) / 10);
    else if (e.key === 'Home') next = def.min;
    else if (e.key === 'End') next = def.max;
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    step(next);
  };

  const onDoubleClick = (e: MouseEvent) => {
    e.stopPropagation();
    if (stored !== def.default) {
      setLocal(def.default);
      send(def.default, newId('g'));
    }
  };

  const text = formatValue(def, value);
  const size = KNOB_PX;
  return (
    <div
      className="knob nodrag nopan nowheel nokey"
      role="slider"
      tabIndex={0}
      aria-label={def.label}
      aria-valuemin={def.min}
      aria-valuemax={def.max}
      aria-valuenow={value}
      aria-valuetext={text}
      data-testid={`knob-${moduleId}-${def.id}`}
      data-value={value}
      style={{ left: mmToPx(def.x) - size / 2, top: mmToPx(def.y) - size / 2, width: size, height: size }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onPointerEnter={() => setHover(true)}
      onPointerLeave={() => setHover(false)}
      onDoubleClick={onDoubleClick}
      onWheel={onWheel}
      onKeyDown={onKeyDown}
    >
      {/* The body is drawn in the faceplate image; only the pointer turns. */}
      <div className="knob-turn" style={{ transform: `rotate(${knobAngle(def, value)}deg)` }}>
        <span className="knob-pointer" />
      </div>
      <PickupPointer moduleId={moduleId} def={def} />
      {(hover || local !== null) && (
        <div className="knob-tip" role="tooltip">
          <span className="knob-tip-label">{def.label}</span> {text}
        </div>
      )}
    </div>
  );
});
