/**
 * Notices raised while nobody can show them (main's at start-up before a window attaches; the
 * renderer's before its notice listener mounts) would be lost: they are kept, the newest
 * HELD_NOTICES_MAX, and handed over once to the first who can. Used on both sides of the link.
 */
import type { Notice } from './contract';

export const HELD_NOTICES_MAX = 20;

export class HeldNotices {
  private held: Notice[] = [];

  hold(notice: Notice): void {
    this.held.push(notice);
    if (this.held.length > HELD_NOTICES_MAX) this.held.shift();
  }

  /** The held notices, oldest first; nothing is held afterwards. */
  take(): Notice[] {
    const held = this.held;
    this.held = [];
    return held;
  }
}
