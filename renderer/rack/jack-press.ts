/**
 * What a left press on a jack starts, after VCV Rack's PortWidget::onDragStart:
 * - a plain press on a patched input picks up its top cable (drop it elsewhere to move it);
 * - Ctrl (⌘ on a Mac) on a patched jack copies its top cable: a new cable from the same output
 *   in the same colour, the original left in place. On an input the copy hangs from that
 *   cable's output, so the press is handed to the output; on an output it starts right there;
 * - anything else starts a new cable from this jack in the next palette colour.
 * Pure: the caller does the hand-over.
 */
import type { Cable } from '../../main/patch/model';

export type JackPress =
  | { kind: 'new' }
  | { kind: 'pick-up'; cable: Cable }
  | { kind: 'copy'; cable: Cable; /** Hand the press to the cable's output (pressed at an input). */ viaOutput: boolean };

export function jackPress(direction: 'input' | 'output', top: Cable | undefined, copyKey: boolean): JackPress {
  if (!top) return { kind: 'new' };
  if (copyKey) return { kind: 'copy', cable: top, viaOutput: direction === 'input' };
  return direction === 'input' ? { kind: 'pick-up', cable: top } : { kind: 'new' };
}
