/**
 * On a physical module's faceplate: a small "rack" badge in its link's colour (grey with the mirror
 * off or the case disconnected), and a veil over the panel while the link is lost or stale (the
 * screen may no longer match the rack).
 * Renders nothing for an on-screen-only module; reads only its own link's status.
 */
import { memo } from 'react';
import { parsePhysicalModuleId } from '../../main/hardware/mirror/module-map';
import { isDimmed, linkOfModule, STATUS_VIEW } from './hardware-view';
import { useHardware } from './hardwareStore';
import './hardware.css';

export const RackBadge = memo(function RackBadge({ moduleId }: { moduleId: string }) {
  const place = parsePhysicalModuleId(moduleId);
  // Primitives only: main's state arrives up to ten times a second with new counters.
  const status = useHardware((s) => (place ? linkOfModule(s.hardware.links, moduleId)?.status : undefined));
  const name = useHardware((s) => (place ? linkOfModule(s.hardware.links, moduleId)?.name : undefined));
  const mirror = useHardware((s) => s.hardware.mirror);
  if (!place) return null;
  const tone = status && mirror ? STATUS_VIEW[status].tone : 'off';
  const title = !status
    ? `From the rack (slot ${place.slot}); its case is not connected, so this is an ordinary module now.`
    : `On the rack: ${name ?? 'case'}, slot ${place.slot}. ${STATUS_VIEW[status].text}` +
      (mirror ? '' : ' Mirror off: what the rack does is not applied.');
  return (
    <>
      {isDimmed(status) && <div className="rack-veil" data-testid={`rack-veil-${moduleId}`} />}
      <span
        className={`rack-badge rack-badge--${tone}`}
        data-testid={`rack-badge-${moduleId}`}
        data-status={status ?? 'none'}
        title={title}
      >
        rack
      </span>
    </>
  );
});
