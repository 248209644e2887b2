/**
 * Binds one registered action to a control: its current label and enabled state (re-rendered
 * when the rack state changes) and a `run` that goes through runAction like the keyboard does.
 */
import { useReactFlow } from '@xyflow/react';
import { useRack } from '../store/rackStore';
import { formatShortcut } from './keys';
import { getAction, runAction } from './registry';
import { actionLabel } from './types';

export function useAction(id: string): { label: string; enabled: boolean; shortcut: string; run(): void } {
  const action = getAction(id);
  const flow = useReactFlow();
  // Selecting primitives keeps re-renders to changes that matter to this control.
  const label = useRack((s) => actionLabel(action, s));
  const enabled = useRack((s) => action.enabled(s));
  return { label, enabled, shortcut: formatShortcut(action.shortcut), run: () => void runAction(action, { flow }) };
}
