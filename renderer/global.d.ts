/**
 * What the Electron preload exposes. In web mode (`k8s-synth serve`) it is absent and the
 * renderer speaks the same contract over WebSocket (see transport.ts).
 */
import type { RackClient } from '../preload/contract';

declare global {
  interface Window {
    rack?: RackClient;
  }
}

export {};
