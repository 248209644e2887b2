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
  /** While a cable is dragged over a jack that cannot take it: why not (the status line shows it). */
  dragHint: string | null;
  /** Side columns folded away (the rack takes their room). */
  browserCollapsed: boolean;
  panelCollapsed: boolean;
  /** Width of the right-hand side panel in px (dragged by its edge). */
  panelWidth: number;
  /** VCV Rack's view settings: how opaque cables are (0.1..1) and how tight they hang (0 sags most, 1 straight). */
  cableOpacity: number;
  cableTension: number;
}

const stored = (key: string, fallback: number, min: number, max: number): number => {
  const value = typeof localStorage === 'undefined' ? NaN : Number(localStorage.getItem(`k8s-synth.${key}`));
  return Number.isFinite(value) && value >= min && value <= max && localStorage.getItem(`k8s-synth.${key}`) !== null
    ? value
    : fallback;
};

/** Sets a cable view setting and keeps it for the next start (a view preference, not part of the patch). */
export function setCableView(key: 'cableOpacity' | 'cableTension', value: number): void {
  useUi.setState({ [key]: value });
  if (typeof localStorage !== 'undefined') localStorage.setItem(`k8s-synth.${key}`, String(value));
}

/** Narrower than this, the module browser starts folded (1024 px windows keep the rack wide). */
const NARROW_WINDOW = 1200;

export const useUi = create<UiState>(() => ({
  dialog: null,
  browserFocus: 0,
  dragHint: null,
  browserCollapsed: typeof window !== 'undefined' && window.innerWidth < NARROW_WINDOW,
  panelCollapsed: false,
  panelWidth: 320,
  cableOpacity: stored('cableOpacity', 0.8, 0.1, 1),
  cableTension: stored('cableTension', 0.5, 0, 1),
}));

export const PANEL_WIDTH = { min: 260, max: 640 } as const;

// A window made narrow folds the module browser away (it comes back with its button).
if (typeof window !== 'undefined') {
  let wide = window.innerWidth >= NARROW_WINDOW;
  window.addEventListener('resize', () => {
    const now = window.innerWidth >= NARROW_WINDOW;
    if (wide && !now) useUi.setState({ browserCollapsed: true });
    wide = now;
  });
}

export function setPanelWidth(px: number): void {
  useUi.setState({ panelWidth: Math.round(Math.min(PANEL_WIDTH.max, Math.max(PANEL_WIDTH.min, px))) });
}

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
