/**
 * The window: the top bar across the top, the module browser on the left, the rack in the
 * middle, the side panel (tabs from panels.ts) on the right, bottom strips under the rack, the
 * status line (notices, drag hints) in a row of its own above the rack; both side columns fold
 * away and the side panel is resized by its edge. The connection banner floats above. Everything
 * sits inside one ReactFlowProvider so shell actions (zoom to fit, paste at the view) reach the
 * canvas through useReactFlow.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useShortcuts } from './actions/useShortcuts';
import { RackCanvas } from './rack/RackCanvas';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { FollowBanner } from './cluster/FollowBanner';
import { BOTTOM_STRIPS } from './panels';
import { ModuleBrowser } from './shell/ModuleBrowser';
import { Notices } from './shell/Notices';
import { SidePanel } from './shell/SidePanel';
import { TopBar } from './shell/TopBar';
import { CollapseButton, PanelResizer } from './shell/SideColumns';
import { useUi } from './shell/uiStore';
import type { CSSProperties } from 'react';

export function App() {
  return (
    <ReactFlowProvider>
      <Layout />
    </ReactFlowProvider>
  );
}

function Layout() {
  useShortcuts();
  const browserCollapsed = useUi((s) => s.browserCollapsed);
  const panelCollapsed = useUi((s) => s.panelCollapsed);
  const panelWidth = useUi((s) => s.panelWidth);
  const columns = {
    '--browser-width': browserCollapsed ? '32px' : '248px',
    '--panel-width': panelCollapsed ? '32px' : `${panelWidth}px`,
  } as CSSProperties;
  return (
    <div className="app" style={columns}>
      <header className="app-top">
        <TopBar />
      </header>
      <aside className="app-browser" aria-label="Modules">
        <CollapseButton side="browser" />
        {!browserCollapsed && <ModuleBrowser />}
      </aside>
      <div className="app-status">
        <Notices />
      </div>
      <main className="app-rack">
        <RackCanvas />
      </main>
      <aside className="app-inspector" aria-label="Side panel">
        <CollapseButton side="panel" />
        {!panelCollapsed && <PanelResizer />}
        {!panelCollapsed && <SidePanel />}
      </aside>
      {BOTTOM_STRIPS.length > 0 && (
        <footer className="app-bottom">
          {BOTTOM_STRIPS.map(({ id, component: Strip }) => (
            <Strip key={id} />
          ))}
        </footer>
      )}
      <ConnectionBanner />
      <FollowBanner />
    </div>
  );
}
