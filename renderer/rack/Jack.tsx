/**
 * A 3.5 mm jack: a React Flow handle (source for outputs, target for inputs). Its nut and hole
 * are drawn in the faceplate image (faceplate-art.ts); the DOM adds the hit area, a ring lit in
 * the top cable's colour while patched, and, while a cable is being dragged, a glow when the
 * cable may end here or a dimmed look, with the reason in its tooltip, when it may not.
 */
import { Handle, Position } from '@xyflow/react';
import { memo, type MouseEvent, type PointerEvent, type TouchEvent } from 'react';
import type { JackDef } from '../../main/patch/catalog';
import { useRack } from '../store/rackStore';
import { jackKey } from './connection-check';
import { JACK_PX, jackPoint } from './geometry';
import { armCableCopy, armCablePickUp, jackRefusal, setHoveredJack, useJackVerdict } from './interaction';
import { jackPress } from './jack-press';
import { startLongPress } from './long-press';
import { jackTitle } from './jack-tooltip';
import { handOver, handOverTouch, jackHandle, reconnectAnchor } from './jack-under-cable';
import { cablesByJack, moduleIndex } from './patch-index';

/** The hit area: a JACK_PX circle centred on the (zero-size) handle, over the drawn nut. */
const ART_STYLE = { left: -JACK_PX / 2, top: -JACK_PX / 2, width: JACK_PX, height: JACK_PX };

export const Jack = memo(function Jack({ moduleId, def }: { moduleId: string; def: JackDef }) {
  const key = jackKey(moduleId, def.id);
  const ring = useRack((s) => {
    const list = cablesByJack(s.patch.cables).get(key);
    return list && list.length > 0 ? list[list.length - 1]!.color : null;
  });
  const verdict = useJackVerdict(key);
  const refusal = verdict === 'bad' ? jackRefusal(key) : undefined;
  const at = jackPoint(def.x, def.y);
  const kind = `${def.poly ? 'poly ' : ''}${def.signal} ${def.direction}`;

  const onPointerEnter = (e: PointerEvent<HTMLSpanElement>) => {
    setHoveredJack(key);
    // The full tooltip (with the far end of each cable) is built only when someone looks.
    const { patch, catalog } = useRack.getState();
    const cables = cablesByJack(patch.cables).get(key) ?? [];
    const title = jackTitle(def, moduleId, cables, moduleIndex(patch.modules), catalog);
    const why = jackRefusal(key);
    e.currentTarget.title = why ? `${why}\n\n${title}` : title;
  };

  // A patched input picks up its top cable, Ctrl copies it (VCV); anything else starts a new
  // cable here (the handle, which gets the press when nothing hands it on).
  const onMouseDown = (e: MouseEvent<HTMLSpanElement>) => {
    if (e.button !== 0 || !ring) return;
    const top = cablesByJack(useRack.getState().patch.cables).get(key)?.at(-1);
    const press = jackPress(def.direction, top, e.ctrlKey || e.metaKey);
    if (press.kind === 'new') return;
    if (press.kind === 'copy') armCableCopy(press.cable.color);
    const target =
      press.kind === 'pick-up' ? reconnectAnchor(press.cable.id) : press.viaOutput ? jackHandle(press.cable.from) : null;
    if (target) handOver(target, e);
  };

  // A finger on a patched input picks its cable up too. React Flow's reconnect anchors take no
  // touches, so the drag starts from the cable's output, carrying the cable (usePatching).
  const onTouchStart = (e: TouchEvent<HTMLSpanElement>) => {
    if (e.touches.length !== 1) return;
    // Held still, the finger opens the jack's menu (its cables), as a right-click does.
    startLongPress(e.currentTarget, e.touches[0]!);
    if (!ring) return;
    const press = jackPress(def.direction, cablesByJack(useRack.getState().patch.cables).get(key)?.at(-1), false);
    const output = press.kind === 'pick-up' ? jackHandle(press.cable.from) : null;
    if (press.kind !== 'pick-up' || !output) return;
    armCablePickUp(press.cable.id);
    handOverTouch(output, e);
  };

  // The handle is a zero-size point on the jack's centre (see geometry.jackPoint); the visible
  // jack, which tests and tooltips address, is the span drawn around it.
  return (
    <Handle
      id={def.id}
      type={def.direction === 'output' ? 'source' : 'target'}
      position={Position.Left}
      className={`jack jack-${def.direction} jack-${def.signal} verdict-${verdict}`}
      style={{ left: at.x, top: at.y, ['--jack' as string]: `${JACK_PX}px` }}
      data-jack={key}
    >
      <span
        className={ring ? 'jack-art nokey patched' : 'jack-art nokey'}
        style={ring ? { ...ART_STYLE, borderColor: ring } : ART_STYLE}
        data-testid={`jack-${moduleId}-${def.id}`}
        data-jack={key}
        data-direction={def.direction}
        data-verdict={verdict}
        data-patched={ring ? 'true' : 'false'}
        {...(refusal ? { 'data-reason': refusal } : {})}
        role="img"
        aria-label={`${def.label} (${kind})`}
        title={refusal ? `${refusal}\n\n${def.label} — ${kind}` : `${def.label} — ${kind}\n${def.description}`}
        onMouseDown={onMouseDown}
        onTouchStart={onTouchStart}
        onPointerEnter={onPointerEnter}
        onPointerLeave={() => setHoveredJack(null)}
      ></span>
    </Handle>
  );
});
