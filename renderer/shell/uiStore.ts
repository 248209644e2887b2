/**
 * State of the shell's own UI (not the patch): which dialog is open, and requests to focus the
 * module browser's search. Kept apart from rackStore, which mirrors main, so nothing here is
 * ever confused with session state.
 */
import { create } from 'zustand';

export type Dialog =
  | { kind: 'open' }
  | { kind: 'save-as'; initialPath: string }
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; resolve: (ok: boolean) => void };

export interface UiState {
  dialog: Dialog | null;
  /** Bumped to ask the module browser to focus its search box (Enter, Mod+K). */
  browserFocus: number;
}

export const useUi = create<UiState>(() => ({ dialog: null, browserFocus: 0 }));

export function openDialog(dialog: Dialog): void {
  const previous = useUi.getState().dialog;
  // A confirm left open would leave its caller waiting forever: answer it "no" first.
  if (previous?.kind === 'confirm') previous.resolve(false);
  useUi.setState({ dialog });
}

export function closeDialog(): void {
  const previous = useUi.getState().dialog;
  if (previous?.kind === 'confirm') previous.resolve(false);
  useUi.setState({ dialog: null });
}

/** Asks in an in-app dialog (window.confirm would block the renderer and cannot be styled or tested). */
export function confirmDialog(options: { title: string; message: string; confirmLabel: string }): Promise<boolean> {
  return new Promise((resolve) => {
    openDialog({
      kind: 'confirm',
      ...options,
      resolve: (ok) => {
        useUi.setState({ dialog: null });
        resolve(ok);
      },
    });
  });
}

export function requestBrowserFocus(): void {
  useUi.setState((s) => ({ browserFocus: s.browserFocus + 1 }));
}
