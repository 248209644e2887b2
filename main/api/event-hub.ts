/**
 * Typed fan-out of the contract's events inside main. Services emit here; transports forward to
 * their renderers. A listener that throws is logged and skipped, so one broken window cannot stop
 * the others from hearing about a change.
 */
import type { EventName, EventPayloads, Notice } from '../../preload/contract';
import { HeldNotices } from '../../preload/held-notices';

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void;

/** A listener for every event, called with its name and payload. */
export type AnyListener = <E extends EventName>(name: E, payload: EventPayloads[E]) => void;

export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly anyListeners = new Set<AnyListener>();
  private readonly clients = new Set<AnyListener>();
  /** Notices raised while no renderer is attached (recovered work, a bad module file at start-up). */
  private readonly held = new HeldNotices();
  /** Events for the clients waiting for the commit barrier, in order. */
  private outbox: [EventName, unknown][] = [];
  private committed: () => Promise<void> | undefined = () => undefined;

  constructor(private readonly logError: (message: string) => void = (m) => console.error(m)) {}

  /**
   * Clients (renderers: what leaves the process) get each event only once `committed` (the
   * Session's commit barrier) has resolved: an event saying an op happened is an acknowledgement.
   * Listeners in this process still hear of it at once.
   */
  holdClientsUntil(committed: () => Promise<void> | undefined): void {
    this.committed = committed;
  }

  /** Sends `payload` to everyone listening for `name`, to every onAny listener and every client. */
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    if (name === 'notice' && this.clients.size === 0) {
      this.held.hold(payload as Notice);
    }
    for (const fn of this.listeners.get(name) ?? []) this.call(() => (fn as Listener<E>)(payload), name);
    for (const fn of this.anyListeners) this.call(() => fn(name, payload), name);
    if (this.clients.size === 0) return;
    const barrier = this.outbox.length ? undefined : this.committed();
    if (barrier) void barrier.then(() => this.flush());
    if (barrier || this.outbox.length) this.outbox.push([name, payload]);
    else this.toClients(name, payload);
  }

  /** Sends what waited for the barrier, in order; waits again if a new tick's commit is open. */
  private flush(): void {
    const barrier = this.committed();
    if (barrier) {
      void barrier.then(() => this.flush());
      return;
    }
    const out = this.outbox;
    this.outbox = [];
    for (const [name, payload] of out) this.toClients(name, payload as EventPayloads[EventName]);
  }

  private toClients<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    for (const fn of this.clients) this.call(() => fn(name, payload), name);
  }

  /** Calls `fn` for each `name` event; returns the function that stops it. */
  on<E extends EventName>(name: E, fn: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const entry = fn as Listener<EventName>;
    set.add(entry);
    return () => void set.delete(entry);
  }

  /** Calls `fn` for every event; returns the function that stops it. */
  onAny(fn: AnyListener): () => void {
    this.anyListeners.add(fn);
    return () => void this.anyListeners.delete(fn);
  }

  /**
   * Attaches a renderer (a window or a socket): like onAny, but it first receives the notices
   * that were raised while no renderer was attached. Returns the function that detaches it.
   */
  attachClient(fn: AnyListener): () => void {
    this.clients.add(fn);
    for (const notice of this.held.take()) this.call(() => fn('notice', notice), 'notice');
    return () => void this.clients.delete(fn);
  }

  private call(fn: () => void, name: EventName): void {
    try {
      fn();
    } catch (error) {
      this.logError(`[k8s-synth] a listener for "${name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
