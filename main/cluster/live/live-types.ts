/** The live view's shapes that cross to the renderer (preload/contract/live.ts). Types only. */
import type { WatchStatus } from './watch-policy';

export type { WatchStatus };

/** A rack gesture on a real object, waiting for the user's confirmation. */
export interface LiveGesture {
  id: string;
  kind: 'kill-pod' | 'cordon' | 'uncordon';
  module: string;
  /** "Delete Pod web-7d9f-abcde", "Cordon Node kwok-node-1". */
  action: string;
  context: string;
  namespace: string;
}

export interface LiveState {
  /** Which source the faceplates show. */
  source: 'live' | 'simulated';
  context?: string;
  namespace?: string;
  /** One per watched kind. */
  watches: (WatchStatus & { line: string })[];
  /** Objects of the namespace that no module shows: "Deployment/api". */
  offRack: string[];
  pending?: LiveGesture;
  /** The last gesture's failure, one sentence. */
  error?: string;
}
