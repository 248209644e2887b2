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
import type { SessionResult } from '../../preload/contract';
import { newId, paramKey, sendOps, useRack } from '../store/rackStore';
import { KNOB_PX, mmToPx } from './geometry';
import { holdIsOver, type KnobHold } from './knob-hold';
import { dragValue, formatValue, knobAngle, nudge, settle } from './knob-math';
import { moduleIndex } from './patch-index';
import { PickupPointer } from '../hardware/PickupPointer'; // where the rack's knob stands

/** Wheel notches and key presses closer together than this join one gesture (one undo step). */
const BURST_MS = 700;

/** The hold, with the reply to its last value once it came (null: the request failed). */
type Held = KnobHold & { reply?: SessionResult | null };

interface Drag {
  raw: number;
  lastY: number;
  pending: number | null;
  frame: number;
  /** Whether the drag sent anything (a click without movement sends nothing). */
  moved: boolean;
}

export const Knob = memo(function Knob({ moduleId, def }: { moduleId: string; def: KnobDef }) {
  const stored = useRack((s) => moduleIndex(s.patch.modules).get(moduleId)?.params[def.id] ?? def.default);
  const setBy = useRack((s) => s.paramSetBy.get(paramKey(moduleId, def.id)));
  const reloadedAt = useRack((s) => s.reloadedAt);
  // While dragging, and until main's echo of the last value sent arrives (knob-hold.ts), the
  // knob shows what the hand is doing.
  const [local, setLocal] = useState<number | null>(null);
  const [hover, setHover] = useState(false);
  const drag = useRef<Drag | null>(null);
  const hold = useRef<Held | null>(null);
  const burst = useRef<{ gesture: string; at: number } | null>(null);
  const value = local ?? stored;

  const release = useCallback(() => {
    hold.current = null;
    setLocal(null);
  }, []);

  /** Starts holding the hand's value under a gesture (a drag, a burst of steps, a reset). */
  const begin = (gesture: string, v: number) => {
    hold.current = { gesture, since: useRack.getState().version, sent: v };
    setLocal(v);
  };

  const settleHold = useCallback(() => {
    const h = hold.current;
    if (!h || drag.current) return;
    if (holdIsOver(h, { value: stored, setBy, reloadedAt })) return release();
    // Refused (shown as a notice), or applied with the echo already here (or none: main changed
    // nothing): main's word is in the store.
    const { reply } = h;
    if (reply !== undefined && (!reply?.ok || useRack.getState().version >= reply.version)) release();
  }, [stored, setBy, reloadedAt, release]);
  useEffect(settleHold, [settleHold]);
  // The reply comes after this render's closure was made: it settles with the newest one.
  const settleRef = useRef(settleHold);
  useEffect(() => void (settleRef.current = settleHold), [settleHold]);

  const send = useCallback(
    (v: number) => {
      const h = hold.current;
      if (!h) return;
      h.sent = v;
      delete h.reply;
      void sendOps([{ type: 'set-param', id: moduleId, param: def.id, value: v }], { gesture: h.gesture }).then((result) => {
        // Only the reply to the gesture's last value counts (settled once the hand lets go).
        if (hold.current !== h || h.sent !== v) return;
        h.reply = result ?? null;
        settleRef.current();
      });
    },
    [moduleId, def.id],
  );

  const flush = useCallback(() => {
    const d = drag.current;
    if (!d) return;
    d.frame = 0;
    if (d.pending !== null && d.pending !== hold.current?.sent) {
      d.moved = true;
      send(d.pending);
    }
    d.pending = null;
  }, [send]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { raw: value, lastY: e.clientY, pending: null, frame: 0, moved: false };
    begin(newId('g'), value);
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
    if (!d.moved) release();
    else settleHold();
  };

  /** Sends one discrete change; bursts of them share a gesture. */
  const step = (v: number) => {
    if (v === value) return;
    const now = performance.now();
    if (!burst.current || now - burst.current.at > BURST_MS) burst.current = { gesture: newId('g'), at: now };
    burst.current.at = now;
    // A step after the burst's hold ended holds again under the same gesture (still one undo step).
    if (hold.current?.gesture !== burst.current.gesture) begin(burst.current.gesture, v);
    else setLocal(v);
    send(v);
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
      begin(newId('g'), def.default);
      send(def.default);
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
