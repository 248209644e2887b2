/**
 * On-screen edits to physical jacks that wait for the performer's hands (README.md): each has an
 * id the panel can cancel it by, the same edit is never kept twice, and an edit goes once the
 * rack shows it done (a plug that is plugged, an unplug that is out) or its case is gone.
 */
import type { Catalog } from '../patch/catalog';
import type { CaseState } from './codec/case-state';
import { parsePhysicalModuleId } from './mirror/module-map';
import { caseHasCable } from './mirror/physical';
import type { PendingEdit } from './mirror/types';

/** The case a pending edit is on, and what it holds now. */
export type LiveCase = (bridgeUid: string) => CaseState | undefined;

export class PendingEdits {
  private edits: PendingEdit[] = [];
  private nextId = 1;

  get list(): PendingEdit[] {
    return this.edits;
  }

  /** The edits of `cut` not already waiting, with fresh ids (kept only if `keep` is called with them). */
  fresh(cut: readonly Omit<PendingEdit, 'id'>[]): PendingEdit[] {
    return cut
      .filter((p) => !this.edits.some((q) => q.action === p.action && sameRef(q.from, p.from) && sameRef(q.to, p.to)))
      .map((p) => ({ ...p, id: `pending-${this.nextId++}` }));
  }

  keep(edits: readonly PendingEdit[]): void {
    this.edits = [...this.edits, ...edits];
  }

  cancel(id: string): void {
    this.edits = this.edits.filter((p) => p.id !== id);
  }

  /** Drops the edits of a case whose link closed. */
  forgetCase(bridgeUid: string): void {
    this.edits = this.edits.filter((p) => caseOf(p) !== bridgeUid);
  }

  /** Drops the edits the rack now shows done; returns whether any went. */
  resolve(live: LiveCase, catalog: Catalog): boolean {
    const before = this.edits.length;
    this.edits = this.edits.filter((p) => {
      const uid = caseOf(p);
      const state = live(uid);
      if (!state) return true;
      const present = caseHasCable(uid, state, catalog, p.from, p.to);
      return p.action === 'plug' ? !present : present;
    });
    return this.edits.length !== before;
  }
}

const caseOf = (p: PendingEdit): string => parsePhysicalModuleId(p.from.module)?.bridgeUid ?? '';

const sameRef = (a: { module: string; jack: string }, b: { module: string; jack: string }) =>
  a.module === b.module && a.jack === b.jack;
