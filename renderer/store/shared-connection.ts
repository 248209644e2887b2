/**
 * A hook factory for feature stores that follow main's events (simulator, history): the store
 * connects once the rack client is open, again after a reconnect, and stays connected while any
 * view using the hook is mounted — one subscription, counted, shared by every view.
 */
import { useEffect } from 'react';
import type { RackClient } from '../../preload/contract';
import { useRack } from './rackStore';

export function sharedConnection(connect: (client: RackClient) => () => void): () => void {
  let shared: { client: RackClient; users: number; dispose: () => void } | undefined;
  return function useSharedConnection(): void {
    const client = useRack((s) => s.client);
    const open = useRack((s) => s.connection === 'open');
    useEffect(() => {
      if (!client || !open) return;
      if (shared?.client !== client) {
        shared?.dispose();
        shared = { client, users: 0, dispose: connect(client) };
      }
      const entry = shared;
      entry.users++;
      return () => {
        entry.users--;
        if (entry.users === 0 && shared === entry) {
          entry.dispose();
          shared = undefined;
        }
      };
    }, [client, open]);
  };
}
