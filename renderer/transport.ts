/**
 * Picks how the renderer reaches main: the preload's `window.rack` in Electron, else the
 * WebSocket API on the page's own origin (`/api?token=…`, the token taken from the page URL, as
 * a notebook server does). Connection status is mirrored into the store for ConnectionBanner.
 */
import type { RackClient } from '../preload/contract';
import { connectWebSocketClient } from '../preload/ws-client';
import { useRack } from './store/rackStore';

export interface Transport {
  client: RackClient;
  /** Resolves when requests can be sent. */
  ready: Promise<void>;
  close(): void;
}

/** The WebSocket URL for a page URL: same host and path base, ws(s) scheme, the page's token. */
export function apiUrl(pageHref: string): string {
  const page = new URL(pageHref);
  const url = new URL('api', page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  const token = page.searchParams.get('token');
  if (token !== null) url.searchParams.set('token', token);
  url.hash = '';
  return url.toString();
}

export function openTransport(): Transport {
  if (window.rack) {
    useRack.setState({ connection: 'open' });
    return { client: window.rack, ready: Promise.resolve(), close: () => {} };
  }
  const client = connectWebSocketClient(apiUrl(location.href), {
    onStatus: (status) => useRack.setState({ connection: status }),
  });
  return { client, ready: client.ready, close: () => client.close() };
}
