/** The one injectable clock: everything that stamps or schedules reads time from here. */
export interface Clock {
  /** Milliseconds since the Unix epoch (may be fractional). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A monotonic clock in ms with sub-ms resolution, anchored to the epoch (performance.timeOrigin). */
export const monotonicClock: Clock = { now: () => performance.timeOrigin + performance.now() };

/** A clock that moves only when told to: for tests and deterministic replays. */
export class ManualClock implements Clock {
  constructor(private time = 0) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
  set(ms: number): void {
    this.time = ms;
  }
}
