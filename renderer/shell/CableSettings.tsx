/** The Cables view settings of VCV Rack: opacity and tension, kept between starts (uiStore). */
import { useState } from 'react';
import { setCableView, useUi } from './uiStore';

export function CableSettings() {
  const [open, setOpen] = useState(false);
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
          <Slider label="Opacity" setting="cableOpacity" min={0.1} />
          <Slider label="Tension" setting="cableTension" min={0} />
        </section>
      )}
    </>
  );
}

function Slider({ label, setting, min }: { label: string; setting: 'cableOpacity' | 'cableTension'; min: number }) {
  const value = useUi((s) => s[setting]);
  return (
    <label>
      {label} {Math.round(value * 100)}%
      <input
        type="range"
        min={min}
        max={1}
        step={0.05}
        value={value}
        data-testid={setting === 'cableOpacity' ? 'view-cable-opacity' : 'view-cable-tension'}
        onChange={(e) => setCableView(setting, Number(e.target.value))}
      />
    </label>
  );
}
