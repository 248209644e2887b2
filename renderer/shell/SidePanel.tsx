/** The right-hand panel: one tab per entry of SIDE_PANELS (tabs hidden while there is one). */
import { useState } from 'react';
import { SIDE_PANELS } from '../panels';

export function SidePanel() {
  const [active, setActive] = useState(SIDE_PANELS[0]?.id);
  const current = SIDE_PANELS.find((p) => p.id === active) ?? SIDE_PANELS[0];
  if (!current) return null;
  const Panel = current.component;
  return (
    <div className="side-panel">
      {SIDE_PANELS.length > 1 && (
        <div className="side-panel__tabs" role="tablist">
          {SIDE_PANELS.map((p) => (
            <button
              key={p.id}
              role="tab"
              aria-selected={p.id === current.id}
              className="side-panel__tab"
              data-testid={`tab-${p.id}`}
              onClick={() => setActive(p.id)}
            >
              {p.label}
            </button>
          ))}
        </div>
      )}
      <div className="side-panel__body" role="tabpanel">
        <Panel />
      </div>
    </div>
  );
}
