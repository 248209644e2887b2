/**
 * The window: the top bar across the top, the module browser on the left, the rack in the
 * middle, the side panel (tabs from panels.ts) on the right, bottom strips under the rack;
 * notices and the connection banner float above. Everything
 * sits inside one ReactFlowProvider so shell actions (zoom to fit, paste at the view) reach the
 * canvas through useReactFlow.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useShortcuts } from './actions/useShortcuts';
import { RackCanvas } from './rack/RackCanvas';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { BOTTOM_STRIPS } from './panels';
import { ModuleBrowser } from './shell/ModuleBrowser';
import { Notices } from './shell/Notices';
import { SidePanel } from './shell/SidePanel';
import { TopBar } from './shell/TopBar';

export function App() {
  return (
    <ReactFlowProvider>
      <Layout />
    </ReactFlowProvider>
  );
}

function Layout() {
  useShortcuts();
  return (
    <div className="app">
      <header className="app-top">
        <TopBar />
      </header>
      <aside className="app-browser" aria-label="Modules">
        <ModuleBrowser />
      </aside>
      <main className="app-rack">
        <RackCanvas />
      </main>
      <aside className="app-inspector" aria-label="Side panel">
        <SidePanel />
      </aside>
      {BOTTOM_STRIPS.length > 0 && (
        <footer className="app-bottom">
          {BOTTOM_STRIPS.map(({ id, component: Strip }) => (
            <Strip key={id} />
          ))}
        </footer>
      )}
      <div className="app-notices">
        <Notices />
      </div>
      <ConnectionBanner />
    </div>
  );
}
