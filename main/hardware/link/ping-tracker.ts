/**
 * Round trips of pings: the token is a counter, the latency the median of the last few round
 * trips (a median, so one late pong behind a snapshot dump does not swing the panel's number).
 */
export class PingTracker {
  private nextToken = 1;
  /** Send times of pings not answered yet, by token; only the newest `window` are kept. */
  private readonly sentAt = new Map<number, number>();
  private readonly samples: number[] = [];

  constructor(private readonly window: number) {}

  /** Records a ping sent now and returns its token. */
  ping(now: number): number {
    const token = this.nextToken;
    this.nextToken = (this.nextToken + 1) >>> 0 || 1;
    this.sentAt.set(token, now);
    if (this.sentAt.size > this.window) this.sentAt.delete(this.sentAt.keys().next().value!);
    return token;
  }

  /** Records a pong; false for a token we did not send (or gave up on). */
  pong(token: number, now: number): boolean {
    const sent = this.sentAt.get(token);
    if (sent === undefined) return false;
    this.sentAt.delete(token);
    this.samples.push(now - sent);
    if (this.samples.length > this.window) this.samples.shift();
    return true;
  }

  /** Median round trip in ms, null before the first pong. */
  get latencyMs(): number | null {
    if (this.samples.length === 0) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
}
