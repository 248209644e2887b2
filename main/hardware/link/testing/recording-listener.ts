/**
 * Test support (the app never imports it): a LinkListener that keeps what it hears, and the case
 * as the host sees it (the last snapshot plus the live events after it), to compare with the rack.
 */
import { applyCaseEvent, type CaseState } from '../../codec';
import type { LinkInfo } from '../../mirror/types';
import type { CaseEvent, LinkListener } from '../link-types';

/** A LinkListener that keeps everything it hears, in order. */
export function recordingListener() {
  const heard = {
    statuses: [] as LinkInfo[],
    snapshots: [] as { id: string; state: CaseState }[],
    /** `at`: performance.now() on arrival. */
    events: [] as { id: string; event: CaseEvent; at: number }[],
    /** For each snapshot, how many events had arrived before it. */
    snapshotAt: [] as number[],
    /** `status:<id>:<status>`, `snapshot:<id>`, `event:<id>:<kind>` in arrival order. */
    order: [] as string[],
    /** performance.now() of each status entry in `order`, for timing tests on real time. */
    statusTimes: [] as { id: string; status: LinkInfo['status']; at: number }[],
  };
  const listener: LinkListener = {
    status(info) {
      heard.statuses.push(info);
      const last = heard.order.findLast((o) => o.startsWith(`status:${info.id}:`));
      if (last === `status:${info.id}:${info.status}`) return;
      heard.order.push(`status:${info.id}:${info.status}`);
      heard.statusTimes.push({ id: info.id, status: info.status, at: performance.now() });
    },
    snapshot(id, state) {
      heard.snapshots.push({ id, state });
      heard.snapshotAt.push(heard.events.length);
      heard.order.push(`snapshot:${id}`);
    },
    event(id, event) {
      heard.events.push({ id, event, at: performance.now() });
      heard.order.push(`event:${id}:${event.kind}`);
    },
  };
  return {
    heard,
    listener,
    lastStatus: (id: string) => heard.statuses.findLast((s) => s.id === id),
    /** When link `id` last entered `status` (performance.now()), or undefined. */
    enteredAt: (id: string, status: LinkInfo['status']) =>
      heard.statusTimes.findLast((t) => t.id === id && t.status === status)?.at,
    /** The last snapshot of link `id` with every live event after it applied; null before a snapshot. */
    mirror(id: string): CaseState | null {
      let state: CaseState | null = null;
      let since = 0;
      for (const [i, s] of heard.snapshots.entries()) if (s.id === id) [state, since] = [s.state, heard.snapshotAt[i]!];
      if (!state) return null;
      for (const e of heard.events.slice(since)) if (e.id === id) state = applyCaseEvent(state, e.event).state;
      return state;
    },
  };
}
