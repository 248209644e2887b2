/**
 * The renderer's side of the live cluster: which source the faceplates show, each watch's state,
 * the objects not on the rack and the gesture waiting for a confirmation (main's LiveState).
 */
import { create } from 'zustand';
import type { LiveState, RackClient } from '../../../preload/contract';
import { sharedConnection } from '../../store/shared-connection';

export const useLive = create<LiveState>(() => ({ source: 'simulated', watches: [], offRack: [] }));

function connectLive(client: RackClient): () => void {
  const off = client.on('live.changed', (state) => useLive.setState(state, true));
  void client.request('live.state', {}).then(
    (state) => useLive.setState(state, true),
    () => undefined,
  );
  return off;
}

export const useLiveConnection = sharedConnection(connectLive);
