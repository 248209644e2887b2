/** Folding the side columns away, and resizing the side panel by dragging its left edge. */
import type { PointerEvent as ReactPointerEvent } from 'react';
import { setPanelWidth, useUi } from './uiStore';

export function CollapseButton({ side }: { side: 'browser' | 'panel' }) {
  const key = side === 'browser' ? 'browserCollapsed' : 'panelCollapsed';
  const collapsed = useUi((s) => s[key]);
  const what = side === 'browser' ? 'module browser' : 'side panel';
  // The arrow points where the column goes.
  const arrow = (side === 'browser') === collapsed ? '›' : '‹';
  return (
    <button
      type="button"
      className={`app-collapse app-collapse--${side}`}
      aria-expanded={!collapsed}
      aria-label={`${collapsed ? 'Show' : 'Hide'} the ${what}`}
      title={`${collapsed ? 'Show' : 'Hide'} the ${what}`}
      data-testid={`collapse-${side}`}
      onClick={() => useUi.setState({ [key]: !collapsed })}
    >
      {arrow}
    </button>
  );
}

export function PanelResizer() {
  const start = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => setPanelWidth(window.innerWidth - ev.clientX);
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  return (
    <div
      className="app-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the side panel"
      data-testid="panel-resizer"
      onPointerDown={start}
      onDoubleClick={() => setPanelWidth(320)}
    />
  );
}
