/**
 * Per-module status on hover, like `kubectl describe`: the faceplate's title is the simulator's
 * one-line status, and on pointer enter the full description is fetched from main.
 */
import { useCallback, useState } from 'react';
import { useRack } from '../store/rackStore';
import { useSim } from './simStore';

export function useModuleDescribe(moduleId: string): { title: string | undefined; onPointerEnter: () => void } {
  const line = useSim((s) => s.moduleStatus[moduleId]);
  const [described, setDescribed] = useState<string | null>(null);
  const onPointerEnter = useCallback(() => {
    void useRack
      .getState()
      .client?.request('sim.describe', { module: moduleId })
      .then(setDescribed, () => setDescribed(null));
  }, [moduleId]);
  return { title: described ?? line, onPointerEnter };
}
