/**
 * Follow mode as main reported it (armed for which context and namespace, applying, the last
 * apply's failures by module), kept for the banner, the Cluster tab and the module badges.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { FollowFailure, FollowState } from '../../preload/contract';
import { useRack } from '../store/rackStore';

export const useFollow = create<{ state: FollowState | null }>(() => ({ state: null }));

/** Keeps useFollow current: the state now, then every `follow.changed`. Mounted once (the banner). */
export function useFollowConnection(): void {
  const rack = useRack((s) => s.client);
  useEffect(() => {
    if (!rack) return;
    const off = rack.on('follow.changed', (state) => useFollow.setState({ state }));
    void rack.request('follow.state', {}).then((state) => useFollow.setState({ state }));
    return off;
  }, [rack]);
}

const NO_FAILURES: FollowFailure[] = [];

/** The last apply's failures of one module (a stable empty list otherwise). */
export const useModuleFailures = (moduleId: string): FollowFailure[] =>
  useFollow((s) => {
    const all = s.state?.failures ?? NO_FAILURES;
    return all.some((f) => f.module === moduleId) ? all.filter((f) => f.module === moduleId) : NO_FAILURES;
  });
