/**
 * A 3.5 mm jack: a React Flow handle (source for outputs, target for inputs) drawn as a hex nut
 * around a dark hole, with a ring lit in the top cable's colour while patched. While a cable is
 * being dragged it glows when the cable may end here and dims, with the reason in its tooltip,
 * when it may not.
 */
import { Handle, Position } from '@xyflow/react';
import { memo, type PointerEvent } from 'react';
import type { JackDef } from '../../main/patch/catalog';
import { useRack } from '../store/rackStore';
import { jackKey } from './connection-check';
import { JACK_PX, jackPoint } from './geometry';
import { jackRefusal, setHoveredJack, useJackVerdict } from './interaction';
import { jackTitle } from './jack-tooltip';
import { cablesByJack, moduleIndex } from './patch-index';

/** The hex nut, drawn in a JACK_PX box centred on the (zero-size) handle. */
const HEX = hexagon(JACK_PX / 2, JACK_PX / 2, JACK_PX * 0.47);
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
        className="jack-art"
        style={ART_STYLE}
        data-testid={`jack-${moduleId}-${def.id}`}
        data-jack={key}
        data-direction={def.direction}
        data-verdict={verdict}
        data-patched={ring ? 'true' : 'false'}
        {...(refusal ? { 'data-reason': refusal } : {})}
        role="img"
        aria-label={`${def.label} (${kind})`}
        title={refusal ? `${refusal}\n\n${def.label} — ${kind}` : `${def.label} — ${kind}\n${def.description}`}
        onPointerEnter={onPointerEnter}
        onPointerLeave={() => setHoveredJack(null)}
      >
        <svg width={JACK_PX} height={JACK_PX} viewBox={`0 0 ${JACK_PX} ${JACK_PX}`} aria-hidden="true">
          <polygon className="jack-nut" points={HEX} />
          <circle className="jack-bushing" cx={JACK_PX / 2} cy={JACK_PX / 2} r={JACK_PX * 0.3} />
          {ring && <circle className="jack-ring" cx={JACK_PX / 2} cy={JACK_PX / 2} r={JACK_PX * 0.3} stroke={ring} />}
          <circle className="jack-hole" cx={JACK_PX / 2} cy={JACK_PX / 2} r={JACK_PX * 0.17} />
        </svg>
      </span>
    </Handle>
  );
});

function hexagon(cx: number, cy: number, r: number): string {
  return Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${(cx + r * Math.cos(a)).toFixed(2)},${(cy + r * Math.sin(a)).toFixed(2)}`;
  }).join(' ');
}
