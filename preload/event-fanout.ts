/**
 * The renderer-side half of events, shared by both clients (IPC and WebSocket): listeners per
 * event name, each `on` returning its disposer. Notices that arrive before anything listens for
 * notices (main raises "Recovered unsaved changes" at start, before the UI has mounted) are held
 * and handed to the first notice listener, so the user still reads them. Other events are not
 * held: a late listener fetches current state instead of replaying stale changes.
 */
import type { EventName, EventPayloads, Notice } from './contract';
import { HeldNotices } from './held-notices';

type AnyListener = (payload: never) => void;

export class EventFanout {
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private readonly held = new HeldNotices();

  /** Calls `listener` for each `name` event; returns the function that stops it. */
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    // Wrapped, so the same function registered twice is two subscriptions with two disposers.
    const entry: AnyListener = (payload) => listener(payload);
    set.add(entry);
    if (name === 'notice') for (const notice of this.held.take()) this.call(entry, notice as never);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(entry);
    };
  }

  /** Delivers one event from main to its listeners. */
  deliver(name: EventName, payload: unknown): void {
    const set = this.listeners.get(name);
    if ((!set || set.size === 0) && name === 'notice') {
      this.held.hold(payload as Notice);
      return;
    }
    for (const listener of [...(set ?? [])]) this.call(listener, payload as never);
  }

  private call(listener: AnyListener, payload: never): void {
    try {
      listener(payload);
    } catch (error) {
      // One failing view must not stop the others; the console is the renderer's log.
      console.error('[k8s-synth] an event listener failed:', error);
    }
  }
}
