/** The Cables view settings of VCV Rack: opacity and tension, kept between starts (uiStore). */
import { useState } from 'react';
import { setCableView, useUi } from './uiStore';

export function CableSettings() {
  const [open, setOpen] = useState(false);
  const opacity = useUi((s) => s.cableOpacity);
  const tension = useUi((s) => s.cableTension);
  return (
    <>
      <button
        type="button"
        className="shell-status__bell"
        aria-expanded={open}
        title="Cable opacity and tension"
        onClick={() => setOpen(!open)}
        data-testid="view-cables-toggle"
      >
        Cables
      </button>
      {open && (
        <section className="shell-notifications shell-cable-settings" aria-label="Cable view settings">
          <label>
            Opacity {Math.round(opacity * 100)}%
            <input
              type="range"
              min={0.1}
              max={1}
              step={0.05}
              value={opacity}
              data-testid="view-cable-opacity"
              onChange={(e) => setCableView('cableOpacity', Number(e.target.value))}
            />
          </label>
          <label>
            Tension {Math.round(tension * 100)}%
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={tension}
              data-testid="view-cable-tension"
              onChange={(e) => setCableView('cableTension', Number(e.target.value))}
            />
          </label>
        </section>
      )}
    </>
  );
}
