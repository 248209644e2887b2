/**
 * What the link layer offers the rest of main: it owns serial ports, the handshake, snapshots,
 * heartbeats and reconnection, and reports each case's state and live events. It knows nothing of
 * patches; main/hardware/hardware-service.ts turns its reports into ops.
 */
import type { CaseState } from '../codec/case-state';
import type { HostMessage, RackMessage } from '../codec/messages';
import type { LinkInfo, PortScan } from '../mirror/types';

/** Live state events after the snapshot (module-info/gone, cable-on/off, jack, knob, switch, fault). */
export type CaseEvent = Extract<
  RackMessage,
  { kind: 'module-info' | 'module-gone' | 'cable-on' | 'cable-off' | 'jack' | 'knob' | 'switch' | 'fault' }
>;

export interface LinkListener {
  /** Status, counters or latency changed. */
  status(info: LinkInfo): void;
  /** A whole, checked snapshot arrived (first sync, or a resync after a gap or a reconnect). */
  snapshot(linkId: string, state: CaseState): void;
  /** One live event, in the order the rack sent it, after the snapshot that precedes it. */
  event(linkId: string, event: CaseEvent): void;
}

export interface LinkManagerApi {
  scan(): Promise<PortScan>;
  /** Opens a link and resolves once the hello arrived (or rejects with a message for the user). */
  connect(path: string): Promise<LinkInfo>;
  disconnect(linkId: string): Promise<void>;
  links(): LinkInfo[];
  /**
   * Queues a host → rack command. LED and guide commands are state, not events: the link keeps
   * only the newest per target and sends at the rate the link carries (see LINK_COMMAND_RATE).
   */
  send(linkId: string, command: HostMessage, options?: SendOptions): void;
  close(): Promise<void>;
  /** Sets the rack row a link's case is shown in (the service decides rows); it appears in LinkInfo.row. */
  assignRow?(linkId: string, row: number | null): void;
}

export interface SendOptions {
  /**
   * Send with FLAG_ACK_REQ and resend until acknowledged (100 ms, 3 retries, ≤ 8 in flight); a
   * nack or no ack shows in LinkInfo.error. Default: on for guide and config commands (each one
   * matters), off for LED and gate state (the next frame replaces it anyway).
   */
  ack?: boolean;
}
