/**
 * When a knob stops showing the hand's value and shows the store's again. The knob sends its
 * changes under a gesture id and main broadcasts each change with the gesture that made it, so
 * the knob knows its own echoes: it holds its value until the echo of the last value it sent
 * arrives (older echoes of the same gesture, still on their way in a fast turn, never make it
 * jump back), or until someone else changed the knob after the gesture began (another window, the
 * physical rack, an undo): then main's word is shown. Nothing here waits on a timer.
 */

/** Who last set one knob, as the store heard it. */
export interface ParamSetBy {
  /** The gesture of the change, if it carried one. */
  gesture: string | undefined;
  /** The Session version of that change. */
  version: number;
}

/** What the knob is holding on screen. */
export interface KnobHold {
  gesture: string;
  /** The store's version when the gesture began. */
  since: number;
  /** The last value the gesture sent. */
  sent: number;
}

/** True when the held value can go: the store now shows what main made of the gesture. */
export function holdIsOver(hold: KnobHold, store: { value: number; setBy: ParamSetBy | undefined; reloadedAt: number }): boolean {
  // A new or reloaded patch since the gesture began: whatever it says is the knob now.
  if (store.reloadedAt > hold.since) return true;
  const { setBy } = store;
  if (!setBy || setBy.version <= hold.since) return false;
  // Someone else had the last word: show it rather than the hand's value.
  if (setBy.gesture !== hold.gesture) return true;
  return store.value === hold.sent;
}
