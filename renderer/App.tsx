/**
 * The window: the top bar across the top, the module browser on the left, the rack in the
 * middle, the inspector on the right; notices and the connection banner float above. Everything
 * sits inside one ReactFlowProvider so shell actions (zoom to fit, paste at the view) reach the
 * canvas through useReactFlow.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useShortcuts } from './actions/useShortcuts';
import { RackCanvas } from './rack/RackCanvas';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { Inspector } from './shell/Inspector';
import { ModuleBrowser } from './shell/ModuleBrowser';
import { Notices } from './shell/Notices';
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
      <aside className="app-inspector" aria-label="Inspector">
        <Inspector />
      </aside>
      <div className="app-notices">
        <Notices />
      </div>
      <ConnectionBanner />
    </div>
  );
}
