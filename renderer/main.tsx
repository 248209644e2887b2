/**
 * Renderer entry: styles, the transport to main, the store, then the app. The store fills in
 * once main answers; after a dropped WebSocket reconnects, everything is fetched again (the
 * session may have moved on while we were away).
 */
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './styles/rack.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectStore, notify, useRack } from './store/rackStore';
import { openTransport, type Transport } from './transport';

async function start(transport: Transport): Promise<void> {
  try {
    await transport.ready;
  } catch (error) {
    useRack.setState({ connection: 'lost' });
    notify(
      'error',
      `Cannot reach the rack: ${error instanceof Error ? error.message : String(error)}. Check the address and its token.`,
    );
    return;
  }
  let stop = await connectStore(transport.client);
  let wasDown = false;
  useRack.subscribe((state, prev) => {
    if (state.connection === prev.connection) return;
    if (state.connection === 'lost' || state.connection === 'reconnecting') wasDown = true;
    else if (state.connection === 'open' && wasDown) {
      wasDown = false;
      stop();
      connectStore(transport.client).then(
        (next) => (stop = next),
        (error: unknown) =>
          notify('error', `Reconnected, but reloading failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void start(openTransport()).catch((error: unknown) =>
  notify('error', `Loading the rack failed: ${error instanceof Error ? error.message : String(error)}`),
);
