/**
 * A cable glowing with the signal it carries: a soft line over the cable whose strength follows
 * the voltage of the output it comes from (a gate at 10 V glows fully, a CV in proportion, a
 * trigger flashes). It reads the telemetry store, so only this glow re-renders, at most once a
 * frame; with the simulation stopped every glow is off.
 */
import { memo } from 'react';
import { useLight } from '../rack/telemetry';
import { jackLightId } from './simStore';

export const CableSignal = memo(function CableSignal({ d, fromKey, color }: { d: string; fromKey: string; color: string }) {
  const slash = fromKey.indexOf('/');
  const { brightness } = useLight(fromKey.slice(0, slash), jackLightId(fromKey.slice(slash + 1)));
  if (brightness <= 0.02) return null;
  return (
    <path
      className="cable-signal"
      d={d}
      stroke={color}
      strokeOpacity={0.15 + 0.55 * brightness}
      data-signal={brightness.toFixed(2)}
    />
  );
});
