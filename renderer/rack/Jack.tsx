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
import { JACK_PX, jackBox } from './geometry';
import { jackRefusal, setHoveredJack, useJackVerdict } from './interaction';
import { jackTitle } from './jack-tooltip';
import { cablesByJack, moduleIndex } from './patch-index';

/** A hexagon inscribed in the 20 px box, flat sides left and right. */
const HEX = hexagon(JACK_PX / 2, JACK_PX / 2, JACK_PX * 0.47);

export const Jack = memo(function Jack({ moduleId, def }: { moduleId: string; def: JackDef }) {
  const key = jackKey(moduleId, def.id);
  const ring = useRack((s) => {
    const list = cablesByJack(s.patch.cables).get(key);
    return list && list.length > 0 ? list[list.length - 1]!.color : null;
  });
  const verdict = useJackVerdict(key);
  const refusal = verdict === 'bad' ? jackRefusal(key) : undefined;
  const box = jackBox(def.x, def.y);
  const kind = `${def.poly ? 'poly ' : ''}${def.signal} ${def.direction}`;

  const onPointerEnter = (e: PointerEvent<HTMLDivElement>) => {
    setHoveredJack(key);
    // The full tooltip (with the far end of each cable) is built only when someone looks.
    const { patch, catalog } = useRack.getState();
    const cables = cablesByJack(patch.cables).get(key) ?? [];
    const title = jackTitle(def, moduleId, cables, moduleIndex(patch.modules), catalog);
    const why = jackRefusal(key);
    e.currentTarget.title = why ? `${why}\n\n${title}` : title;
  };

  return (
    <Handle
      id={def.id}
      type={def.direction === 'output' ? 'source' : 'target'}
      position={Position.Left}
      className={`jack jack-${def.direction} jack-${def.signal} verdict-${verdict}`}
      style={{ left: box.x, top: box.y, width: JACK_PX, height: JACK_PX }}
      data-testid={`jack-${moduleId}-${def.id}`}
      data-jack={key}
      data-verdict={verdict}
      data-patched={ring ? 'true' : 'false'}
      {...(refusal ? { 'data-reason': refusal } : {})}
      aria-label={`${def.label} (${kind})`}
      title={refusal ? `${refusal}\n\n${def.label} — ${kind}` : `${def.label} — ${kind}\n${def.description}`}
      onPointerEnter={onPointerEnter}
      onPointerLeave={() => setHoveredJack(null)}
    >
      <svg className="jack-art" width={JACK_PX} height={JACK_PX} viewBox={`0 0 ${JACK_PX} ${JACK_PX}`} aria-hidden="true">
        <polygon className="jack-nut" points={HEX} />
        <circle className="jack-bushing" cx={JACK_PX / 2} cy={JACK_PX / 2} r={JACK_PX * 0.3} />
        {ring && <circle className="jack-ring" cx={JACK_PX / 2} cy={JACK_PX / 2} r={JACK_PX * 0.3} stroke={ring} />}
        <circle className="jack-hole" cx={JACK_PX / 2} cy={JACK_PX / 2} r={JACK_PX * 0.17} />
      </svg>
    </Handle>
  );
});

function hexagon(cx: number, cy: number, r: number): string {
  return Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${(cx + r * Math.cos(a)).toFixed(2)},${(cy + r * Math.sin(a)).toFixed(2)}`;
  }).join(' ');
}
