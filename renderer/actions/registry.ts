/**
 * Every user action, in menu order. Buttons, the keyboard, the inspector's shortcut list and
 * tests look actions up here, and run them through `runAction`, which checks `enabled` first.
 */
import { notify, useRack } from '../store/rackStore';
import { clipboardActions } from './clipboard-actions';
import { editActions } from './edit-actions';
import { fileActions } from './file-actions';
import { historyActions } from './history-actions';
import type { KeyLike } from './keys';
import type { Action, ActionContext } from './types';
import { viewActions } from './view-actions';

export const actions: readonly Action[] = [
  ...fileActions,
  ...historyActions,
  ...editActions,
  ...clipboardActions,
  ...viewActions,
];

const byId = new Map(actions.map((a) => [a.id, a]));

export function getAction(id: string): Action {
  const action = byId.get(id);
  if (!action) throw new Error(`no action "${id}"`);
  return action;
}

/** The action bound to this key, if any (whether or not it is enabled). */
export function actionForKey(event: KeyLike): Action | undefined {
  return actions.find((a) => a.shortcut?.test(event));
}

/** Runs an action if it is enabled now; resolves true when it ran. Failures become a notice. */
export async function runAction(action: Action | string, ctx: ActionContext = { flow: null }): Promise<boolean> {
  const entry = typeof action === 'string' ? getAction(action) : action;
  if (!entry.enabled(useRack.getState())) return false;
  try {
    await entry.perform(ctx);
  } catch (error) {
    notify('error', `${entry.label} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return true;
}
