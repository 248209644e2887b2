/**
 * An LED, or a bargraph when it has several segments (Node utilization). The unlit lens is drawn
 * in the faceplate image; the DOM paints only what is lit. Its brightness comes
 * from the telemetry store, never from the patch or React Flow's nodes, so a blinking light
 * re-renders only itself, at most once a frame.
 */
import { memo, type CSSProperties } from 'react';
import type { LightDef } from '../../main/patch/catalog';
import { LED_R_MM, SEGMENT_H_MM, SEGMENT_PITCH_MM, SEGMENT_W_MM } from './faceplate-art';
import { mmToPx } from './geometry';
import { useLight } from './telemetry';

export const Light = memo(function Light({ moduleId, def }: { moduleId: string; def: LightDef }) {
  const { brightness, color = def.color } = useLight(moduleId, def.id);
  const testId = `light-${moduleId}-${def.id}`;
  if (def.segments > 1) {
    const lit = Math.round(brightness * def.segments);
    const height = mmToPx(def.segments * SEGMENT_PITCH_MM);
    const width = mmToPx(SEGMENT_W_MM);
    return (
      <div
        className="bargraph"
        data-testid={testId}
        data-brightness={brightness}
        title={`${def.label}: ${def.description}`}
        style={{ left: mmToPx(def.x) - width / 2, top: mmToPx(def.y) - height / 2, width, height, ...ledColor(color) }}
      >
        {Array.from({ length: def.segments }, (_, i) => {
          // Segment 0 is the bottom one; it lights first.
          const on = def.segments - 1 - i < lit;
          return <span key={i} className={on ? 'segment on' : 'segment'} style={{ height: mmToPx(SEGMENT_H_MM) }} />;
        })}
      </div>
    );
  }
  const size = mmToPx(LED_R_MM * 2);
  return (
    <div
      className={brightness > 0 ? 'led on' : 'led'}
      data-testid={testId}
      data-brightness={brightness}
      title={`${def.label}: ${def.description}`}
      style={{
        left: mmToPx(def.x) - size / 2,
        top: mmToPx(def.y) - size / 2,
        width: size,
        height: size,
        ...ledColor(color, brightness),
      }}
    />
  );
});

/** The LED colour and level as CSS variables; the stylesheet mixes the lit and unlit looks. */
function ledColor(color: string, brightness = 1): CSSProperties {
  return { '--led': color, '--level': brightness.toFixed(3) } as CSSProperties;
}
