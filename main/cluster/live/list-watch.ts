/**
 * One kind's informer: list (paged), then watch from the list's resourceVersion with bookmarks,
 * keeping a store of the objects by namespace/name. Written here instead of client-node 1.4's
 * ListWatch, which stops for good on any error other than 410, never asks for bookmarks and
 * cannot be told to relist: this one
 *   - resumes from the last resourceVersion it saw when a stream ends or fails (no event lost),
 *     after an exponential backoff while the server is away ("reconnecting since ...");
 *   - lists afresh on 410 Gone, replacing the store (an object is kept once, by key: no event
 *     counted twice);
 *   - relists when nothing (not even a bookmark) came for `staleMs` (a silently dead stream).
 * Time and timers are injected, so the watchdog and the backoff run exactly in tests.
 */
import { createInterface } from 'node:readline';
import type { KubeHttp } from '../kube-http';
import type { Clock } from '../../time/clock';
import type { TimerPort } from '../../time/timers';
import { backoffMs, DEFAULT_BACKOFF, readWatchLine, type Backoff, type WatchStatus } from './watch-policy';
import type { KubeObject } from './kube-object';

export interface ListWatchOptions {
  http: KubeHttp;
  /** "Pod": for the status line. */
  kind: string;
  /** The collection: "/api/v1/namespaces/shop/pods", "/api/v1/nodes". */
  path: string;
  clock: Clock;
  timers: TimerPort;
  /** The store changed (after a whole list, or one watch event). */
  onChange: () => void;
  onStatus: (status: WatchStatus) => void;
  /** Nothing for this long and the stream is taken for dead: relist (default 3 min; bookmarks come about every minute). */
  staleMs?: number;
  backoff?: Backoff;
  /** Asked of the server on each watch, so streams end and resume regularly (default 300 s). */
  watchSeconds?: number;
  /** Items per list page (default 500). */
  pageSize?: number;
  /** Described for the status line (the connection's describe()). */
  describe?: (error: unknown) => string;
}

const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class ListWatch {
  private readonly store = new Map<string, KubeObject>();
  private resourceVersion = '';
  private failures = 0;
  private abort: (() => void) | undefined;
  private cancelRetry: (() => void) | undefined;
  private cancelWatchdog: (() => void) | undefined;
  private stopped = false;
  /** Bumped on each (re)start: callbacks of an abandoned stream do nothing. */
  private generation = 0;
  private current: WatchStatus;

  constructor(private readonly options: ListWatchOptions) {
    this.current = { kind: options.kind, state: 'listing', since: options.clock.now(), relists: 0, restarts: 0 };
  }

  get status(): WatchStatus {
    return this.current;
  }

  objects(): KubeObject[] {
    return [...this.store.values()];
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(`${namespace ?? ''}/${name}`);
  }

  /** The last resourceVersion seen (a list's, an event's or a bookmark's). */
  get version(): string {
    return this.resourceVersion;
  }

  start(): void {
    this.stopped = false;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.abort?.();
    this.abort = undefined;
    this.cancelRetry?.();
    this.cancelWatchdog?.();
    this.setStatus({ state: 'stopped' });
  }

  /** Lists again now (the watchdog's action, also offered to tests and to a user's "refresh"). */
  relist(): void {
    if (this.stopped) return;
    this.resourceVersion = '';
    this.current = { ...this.current, relists: this.current.relists + 1 };
    this.restartNow();
  }

  private restartNow(): void {
    this.generation++;
    this.abort?.();
    this.abort = undefined;
    this.cancelRetry?.();
    void this.run();
  }

  private setStatus(patch: Partial<WatchStatus>): void {
    const next = { ...this.current, ...patch };
    if (patch.state && patch.state !== this.current.state) next.since = this.options.clock.now();
    if (patch.state === 'watching') delete next.error;
    this.current = next;
    this.options.onStatus(next);
  }

  private armWatchdog(generation: number): void {
    this.cancelWatchdog?.();
    this.cancelWatchdog = this.options.timers.schedule(() => {
      if (generation === this.generation && !this.stopped) this.relist();
    }, this.options.staleMs ?? 180_000);
  }

  private async run(): Promise<void> {
    const generation = this.generation;
    const live = () => generation === this.generation && !this.stopped;
    try {
      if (!this.resourceVersion) {
        if (this.current.state !== 'reconnecting') this.setStatus({ state: 'listing' });
        await this.list(live);
        if (!live()) return;
      }
      const { response, abort } = await this.options.http.stream({
        path: this.options.path,
        query: {
          watch: 'true',
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: 'true',
          timeoutSeconds: String(this.options.watchSeconds ?? 300),
        },
      });
      if (!live()) return abort();
      this.abort = abort;
      if (this.failures > 0) this.current = { ...this.current, restarts: this.current.restarts + 1 };
      this.failures = 0;
      this.setStatus({ state: 'watching' });
      this.armWatchdog(generation);
      const openedAt = this.options.clock.now();
      const lines = createInterface({ input: response, crlfDelay: Infinity });
      let outcome = 'ended' as 'ended' | 'relist' | { error: string };
      await new Promise<void>((resolve) => {
        const finish = () => resolve();
        response.on('error', (error) => {
          // Our own abort (after a 410 or an error line) ends the stream with "aborted": the line decided.
          if (outcome === 'ended') outcome = { error: this.describe(error) };
          finish();
        });
        response.on('close', finish);
        // readline passes the stream's errors on; the response's handler above has said what they mean.
        lines.on('error', () => undefined);
        lines.on('close', finish);
        lines.on('line', (line) => {
          if (!live()) return;
          const step = readWatchLine<KubeObject>(line);
          if (step.kind === 'ignore') return;
          this.armWatchdog(generation);
          if (step.kind === 'relist') {
            outcome = 'relist';
            return abort();
          }
          if (step.kind === 'error') {
            outcome = { error: step.message };
            return abort();
          }
          if (step.resourceVersion) this.resourceVersion = step.resourceVersion;
          if (step.kind === 'bookmark') return;
          if (step.kind === 'upsert') this.store.set(key(step.object), step.object);
          else this.store.delete(key(step.object));
          this.options.onChange();
        });
      });
      if (!live()) return;
      this.abort = undefined;
      if (outcome === 'relist') return this.relist();
      // A stream that ended (timeoutSeconds, the server going away) resumes from where it was;
      // if the server is gone, that attempt fails and the backoff takes over.
      // A stream that ends at once, again and again (a server shutting down), backs off instead.
      if (outcome === 'ended' && this.options.clock.now() - openedAt >= 1000) return this.restartNow();
      if (outcome === 'ended') outcome = { error: 'the watch ended as soon as it began' };
      this.retryLater(outcome.error);
    } catch (error) {
      if (!live()) return;
      // 410 on the watch request itself: the version is gone, list again.
      if ((error as { code?: unknown }).code === 410) return this.relist();
      this.retryLater(this.describe(error));
    }
  }

  private retryLater(error: string): void {
    this.failures++;
    this.cancelWatchdog?.();
    this.setStatus({ state: 'reconnecting', error });
    const generation = ++this.generation;
    this.cancelRetry = this.options.timers.schedule(
      () => {
        if (generation === this.generation && !this.stopped) void this.run();
      },
      backoffMs(this.failures, this.options.backoff ?? DEFAULT_BACKOFF),
    );
  }

  private describe(error: unknown): string {
    if (this.options.describe) return this.options.describe(error);
    return error instanceof Error ? error.message : String(error);
  }

  /** All pages, then the store replaced at once: consumers never see half a list. */
  private async list(live: () => boolean): Promise<void> {
    const items: KubeObject[] = [];
    let token: string | undefined;
    let version = '';
    do {
      const page = await this.options.http.request<{
        items: KubeObject[];
        metadata: { resourceVersion: string; continue?: string };
      }>({ path: this.options.path, query: { limit: String(this.options.pageSize ?? 500), continue: token } });
      if (!live()) return;
      items.push(...page.items);
      version = page.metadata.resourceVersion;
      token = page.metadata.continue || undefined;
    } while (token);
    this.store.clear();
    for (const item of items) this.store.set(key(item), item);
    this.resourceVersion = version;
    this.options.onChange();
  }
}
