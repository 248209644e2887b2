/**
 * A user action as a registered object (as Excalidraw's actions/*.ts): the TopBar, the keyboard,
 * the help list and tests all run the same entry, so a shortcut can never do something the
 * button does not.
 */
import type { RackState } from '../store/rackStore';
import type { Shortcut } from './keys';

/** What the canvas offers actions; a structural slice of React Flow's instance (tests pass a fake). */
export interface FlowLike {
  fitBounds(
    bounds: { x: number; y: number; width: number; height: number },
    options?: { padding?: number; duration?: number },
  ): unknown;
}

export interface ActionContext {
  /** The React Flow instance, when the canvas is mounted. */
  flow: FlowLike | null;
}

export interface Action {
  id: string;
  /** Name for menus, help and messages ("Undo"). */
  label: string;
  /** Button text that reads the state ("Undo add Pod"); defaults to `label`. */
  stateLabel?(state: RackState): string;
  shortcut?: Shortcut;
  /** Also runs while focus is in a text field (only Escape-like actions want this). */
  inTextFields?: boolean;
  enabled(state: RackState): boolean;
  perform(ctx: ActionContext): void | Promise<void>;
}

export function actionLabel(action: Action, state: RackState): string {
  return action.stateLabel?.(state) ?? action.label;
}

/** True when the renderer can talk to main: patch-changing actions need this. */
export function connected(state: RackState): boolean {
  return state.client !== null && state.connection === 'open';
}
