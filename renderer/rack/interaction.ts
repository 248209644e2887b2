/**
 * Short-lived pointer state shared by many faceplate parts, kept outside React Flow and the
 * patch store so that changing it re-renders only the parts whose answer changes:
 * - the cable being drawn or carried, with every jack's verdict for it (glow or dim);
 * - the jack under the pointer (cables touching it are drawn brighter, as in VCV Rack).
 */
import { useSyncExternalStore } from 'react';
import type { JackRef } from '../../main/patch/model';
import { useUi } from '../shell/uiStore';
import { jackKey } from './connection-check';

export interface CableDrag {
  /** The jack the drag started from (for a carried cable: its output end, which stays). */
  from: JackRef;
  /** The cable picked up from an input, if this drag carries one. */
  replacing?: string;
  /** True for a Ctrl-drag copy of a cable: the new cable keeps the copied one's colour. */
  copy?: boolean;
  /** The colour the cable will have. */
  color: string;
  /** For each other jack: null when the cable may end there, else why not. */
  verdicts: ReadonlyMap<string, string | null>;
}

export type JackVerdict = 'idle' | 'from' | 'ok' | 'bad';

let drag: CableDrag | null = null;
/** The colour a Ctrl-press on a patched jack armed, until its drag starts (or the button is released). */
let copyArmed: string | null = null;
const dragListeners = new Set<() => void>();
let hovered: string | null = null;
const hoverListeners = new Set<() => void>();

const subscribeDrag = (l: () => void) => {
  dragListeners.add(l);
  return () => dragListeners.delete(l);
};
const subscribeHover = (l: () => void) => {
  hoverListeners.add(l);
  return () => hoverListeners.delete(l);
};

export function beginCableDrag(next: CableDrag): void {
  drag = next;
  dragListeners.forEach((l) => l());
  showDragHint();
}

export function endCableDrag(): void {
  if (!drag) return;
  drag = null;
  dragListeners.forEach((l) => l());
  showDragHint();
}

/**
 * The status line during a drag says what the dimmed jacks would say on hover (a touch screen
 * has no hover): how many jacks can take the cable, and under the pointer why one cannot.
 */
function showDragHint(): void {
  if (!drag) return useUi.setState({ dragHint: null });
  const ok = [...drag.verdicts.values()].filter((v) => v === null).length;
  const why = hovered ? drag.verdicts.get(hovered) : undefined;
  const hint =
    hovered && why === null
      ? 'Release to patch the cable here.'
      : why
        ? `Cannot patch here: ${why}`
        : `${drag.copy ? 'Copying the cable. ' : ''}${ok === 0 ? 'No jack' : ok === 1 ? '1 jack' : `${ok} jacks`} can take this cable (lit); dimmed jacks cannot, and say why under the pointer.`;
  if (useUi.getState().dragHint !== hint) useUi.setState({ dragHint: hint });
}

/**
 * A Ctrl-press on a patched jack: the drag it starts copies a cable of this colour. A press that
 * never becomes a drag leaves nothing armed for the next one.
 */
export function armCableCopy(color: string): void {
  copyArmed = color;
  window.addEventListener('mouseup', () => (copyArmed = null), { once: true, capture: true });
}

/** The cable a finger picked up at its input, until its drag starts (React Flow's reconnect is mouse-only). */
let pickUpArmed: string | null = null;

export function armCablePickUp(cableId: string): void {
  pickUpArmed = cableId;
  window.addEventListener('touchend', () => (pickUpArmed = null), { once: true, capture: true });
}

/** The cable a touch picked up, once: read when the drag starts. */
export function takeArmedPickUp(): string | null {
  const id = pickUpArmed;
  pickUpArmed = null;
  return id;
}

/** The armed copy's colour, once: read when the drag starts. */
export function takeArmedCopy(): string | null {
  const color = copyArmed;
  copyArmed = null;
  return color;
}

export function currentCableDrag(): CableDrag | null {
  return drag;
}

/** How a jack stands toward the cable being dragged. */
export function jackVerdict(key: string): JackVerdict {
  if (!drag) return 'idle';
  if (key === jackKey(drag.from.module, drag.from.jack)) return 'from';
  const verdict = drag.verdicts.get(key);
  return verdict === null ? 'ok' : 'bad';
}

/** Why the dragged cable cannot end at this jack (undefined when it can, or no drag). */
export function jackRefusal(key: string): string | undefined {
  return drag?.verdicts.get(key) ?? undefined;
}

export function useJackVerdict(key: string): JackVerdict {
  return useSyncExternalStore(subscribeDrag, () => jackVerdict(key));
}

/** True while this cable is picked up and carried (it is drawn by the connection line instead). */
export function useCableCarried(id: string): boolean {
  return useSyncExternalStore(subscribeDrag, () => drag?.replacing === id);
}

/** The colour of the cable being dragged, or null. */
export function useDragColor(): string | null {
  return useSyncExternalStore(subscribeDrag, () => drag?.color ?? null);
}

export function setHoveredJack(key: string | null): void {
  if (hovered === key) return;
  hovered = key;
  hoverListeners.forEach((l) => l());
  if (drag) showDragHint();
}

/** True while the pointer is over one of the two jacks a cable joins. */
export function useJackHovered(a: string, b: string): boolean {
  return useSyncExternalStore(subscribeHover, () => hovered !== null && (hovered === a || hovered === b));
}
