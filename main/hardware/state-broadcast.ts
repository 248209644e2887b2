/**
 * Tells the panel what changed on the hardware side, and only that: at most one
 * `hardware.changed` per interval (status changes at once), carrying the parts of the state that
 * differ from the last one sent and a revision one higher. A window that sees a gap in revisions
 * asks for the whole state again; one that heard nothing new gets no message.
 */
import { jsonEqual } from '../patch/json-equal';
import type { Clock } from '../time/clock';
import type { TimerPort } from '../time/timers';
import type { HardwareChange, HardwareState } from './mirror/types';
import { Throttle } from './throttle';

/** The panel hears at most this often about counters and latency (status changes go at once). */
export const CHANGED_INTERVAL_MS = 100;

const PARTS = ['mirror', 'links', 'pending', 'pickups', 'guide'] as const;

export class StateBroadcast {
  private readonly throttle: Throttle;
  private sent: Omit<HardwareState, 'revision'> | undefined;
  private revisionNumber = 0;

  constructor(
    state: () => Omit<HardwareState, 'revision'>,
    emit: (change: HardwareChange) => void,
    time: { clock: Clock; timers: TimerPort },
  ) {
    this.throttle = new Throttle(
      () => {
        const next = state();
        const changed: Partial<Omit<HardwareState, 'revision'>> = {};
        for (const part of PARTS)
          if (!this.sent || !jsonEqual(this.sent[part], next[part])) Object.assign(changed, { [part]: next[part] });
        this.sent = next;
        if (Object.keys(changed).length === 0) return;
        emit({ revision: ++this.revisionNumber, changed });
      },
      CHANGED_INTERVAL_MS,
      time.clock,
      time.timers,
    );
  }

  /** The revision of the last change sent: a whole state read now is at least this new. */
  get revision(): number {
    return this.revisionNumber;
  }

  /** Something may have changed; `now` sends at once (a status change). */
  request(now = false): void {
    this.throttle.request(now);
  }

  dispose(): void {
    this.throttle.dispose();
  }
}
