/**
 * High-rate faceplate state (LED brightness, later: live voltages) kept out of React Flow's
 * nodes array and out of the patch store, as the React Flow performance notes advise: a tiny
 * external store keyed `moduleId/lightId`, read per light with useSyncExternalStore, with
 * writes coalesced to one notification per key per animation frame. The simulator feeds it.
 */
import { useCallback, useSyncExternalStore } from 'react';

export interface LightValue {
  /** 0..1; for a bargraph, the lit fraction of its segments. */
  brightness: number;
  /** Overrides the catalog colour (e.g. a bicolour LED); undefined keeps it. */
  color?: string;
}

export const LIGHT_OFF: LightValue = Object.freeze({ brightness: 0 });

export interface Telemetry {
  /** Sets a light; listeners hear of it on the next frame. */
  set(moduleId: string, lightId: string, value: LightValue): void;
  get(moduleId: string, lightId: string): LightValue;
  /** Turns every light of a module off (module removed, simulator stopped). */
  clearModule(moduleId: string): void;
  subscribe(moduleId: string, lightId: string, listener: () => void): () => void;
  /** Delivers pending changes now (tests; the scheduler calls it otherwise). */
  flush(): void;
}

/** `schedule` runs the flush later (requestAnimationFrame in the app, manual in tests). */
export function createTelemetry(schedule: (flush: () => void) => void): Telemetry {
  const values = new Map<string, LightValue>();
  const listeners = new Map<string, Set<() => void>>();
  const pending = new Set<string>();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const keys = [...pending];
    pending.clear();
    for (const key of keys) listeners.get(key)?.forEach((l) => l());
  };
  const touch = (key: string) => {
    pending.add(key);
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  };

  return {
    set(moduleId, lightId, value) {
      const key = lightKey(moduleId, lightId);
      const old = values.get(key) ?? LIGHT_OFF;
      const brightness = Math.min(1, Math.max(0, value.brightness));
      if (old.brightness === brightness && old.color === value.color) return;
      values.set(key, value.color === undefined ? { brightness } : { brightness, color: value.color });
      touch(key);
    },
    get(moduleId, lightId) {
      return values.get(lightKey(moduleId, lightId)) ?? LIGHT_OFF;
    },
    clearModule(moduleId) {
      const prefix = moduleId + '/';
      for (const key of [...values.keys()]) {
        if (key.startsWith(prefix)) {
          values.delete(key);
          touch(key);
        }
      }
    },
    subscribe(moduleId, lightId, listener) {
      const key = lightKey(moduleId, lightId);
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
      };
    },
    flush,
  };
}

function lightKey(moduleId: string, lightId: string): string {
  return `${moduleId}/${lightId}`;
}

const raf = (fn: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 16));

/** The app's telemetry store. */
export const telemetry: Telemetry = createTelemetry((flush) => void raf(flush));

/** One light's current value; re-renders only that light, at most once a frame. */
export function useLight(moduleId: string, lightId: string): LightValue {
  const subscribe = useCallback((listener: () => void) => telemetry.subscribe(moduleId, lightId, listener), [moduleId, lightId]);
  const get = useCallback(() => telemetry.get(moduleId, lightId), [moduleId, lightId]);
  return useSyncExternalStore(subscribe, get, get);
}
