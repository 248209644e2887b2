/**
 * Wakes a lost link when its port may be back: a watch on the port's folder (/dev for a USB
 * bridge, the virtual rack's folder for a pty link) sees device nodes and links come and go.
 * It only shortens the backoff wait; where watching is not possible the backoff alone reconnects.
 */
import { watch } from 'node:fs';
import path from 'node:path';

/**
 * Calls `onChange` with the entry's name (null when the OS does not say) whenever something in
 * the folder of `portPath` changes; returns the function that stops watching.
 */
export type WatchPort = (portPath: string, onChange: (name: string | null) => void) => () => void;

/** After a watch event, the early attempt waits this long: udev sets a new node's group and mode a moment after it appears. */
export const PORT_APPEARED_DELAY_MS = 100;

export const watchPortFolder: WatchPort = (portPath, onChange) => {
  try {
    const watcher = watch(path.dirname(portPath), { persistent: false }, (_event, name) => onChange(name ? String(name) : null));
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  } catch {
    return () => {};
  }
};
