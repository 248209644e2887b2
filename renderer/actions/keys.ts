/**
 * Key combinations for actions, as data: each shortcut lists its bindings (["Mod", "Shift", "Z"])
 * so the same entry both tests a key event and shows itself in buttons and the help list.
 * "Mod" is Ctrl, or Cmd on a Mac (either is accepted everywhere: a Mac user on a PC keyboard
 * presses Ctrl, and Electron delivers both as modifiers).
 */

/** The fields of a KeyboardEvent a key test reads (tests pass plain objects). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Shortcut {
  /** Alternative bindings, each a list of modifiers then the key: [["Mod", "Shift", "Z"], ["Mod", "Y"]]. */
  bindings: readonly (readonly string[])[];
  test(event: KeyLike): boolean;
}

const MODIFIERS = new Set(['Mod', 'Shift', 'Alt']);

/** A shortcut from bindings written as "Mod+Shift+Z" (key names as KeyboardEvent.key, case-insensitive). */
export function shortcut(...bindings: string[]): Shortcut {
  const parsed = bindings.map((b) => b.split('+'));
  return {
    bindings: parsed,
    test: (event) => parsed.some((keys) => matches(keys, event)),
  };
}

function matches(keys: readonly string[], event: KeyLike): boolean {
  const key = keys.at(-1)!;
  const mods = new Set(keys.slice(0, -1).filter((k) => MODIFIERS.has(k)));
  return (
    event.key.toLowerCase() === key.toLowerCase() &&
    (event.ctrlKey || event.metaKey) === mods.has('Mod') &&
    event.shiftKey === mods.has('Shift') &&
    event.altKey === mods.has('Alt')
  );
}

/** True on macOS, where "Mod" is shown as ⌘. */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

const MAC_NAMES: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Backspace: '⌫', Delete: '⌦', Enter: '↩' };
const PC_NAMES: Record<string, string> = { Mod: 'Ctrl', Delete: 'Del' };

/** The first binding as people read it: "Ctrl+Shift+Z" or "⌘⇧Z". */
export function formatShortcut(s: Shortcut | undefined, mac = isMac()): string {
  const first = s?.bindings[0];
  if (!first) return '';
  const names = first.map((k) => (mac ? MAC_NAMES[k] : PC_NAMES[k]) ?? (k.length === 1 ? k.toUpperCase() : k));
  return names.join(mac ? '' : '+');
}
