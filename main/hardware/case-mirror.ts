/**
 * One case of the physical rack as the service keeps it, and mirroring it into the patch: the
 * difference between what was last shown and what the rack holds now, applied as one batch with
 * source 'hardware' (a control's event: that control only). Notes (an unknown module type) are
 * told once per case.
 */
import type { Notice } from '../../preload/contract';
import type { Catalog } from '../patch/catalog';
import { batch } from '../patch/ops';
import type { Session } from '../session/session';
import type { CaseState } from './codec/case-state';
import { parsePhysicalModuleId } from './mirror/module-map';
import { rowForCase } from './mirror/rows';
import { controlOps, syncCase } from './mirror/sync';

export interface CaseEntry {
  linkId: string;
  uid: string;
  row: number;
  /** What the rack holds now (snapshot plus live events). */
  live: CaseState;
  /** The state last mirrored into the patch (knob pickup compares against it). */
  mirrored: CaseState | undefined;
  /** Notes already shown, so a knob stream does not repeat "unknown module type". */
  told: Set<string>;
}

/** A case seen for the first time, in a row no other case (on screen or connected) takes. */
export function newCase(linkId: string, state: CaseState, patch: Session['patch'], others: Iterable<CaseEntry>): CaseEntry {
  const uid = state.hello.bridgeUid;
  const taken = new Set([...others].map((c) => c.row));
  for (const m of patch.modules) {
    const other = parsePhysicalModuleId(m.id)?.bridgeUid;
    if (other !== undefined && other !== uid) taken.add(m.row);
  }
  return { linkId, uid, row: rowForCase(patch, uid, taken), live: state, mirrored: undefined, told: new Set() };
}

/** Makes the patch show the case: only the difference, as one batch (a control's event: that control only). */
export function mirrorCase(
  entry: CaseEntry,
  deps: { session: Session; catalog: Catalog; notify: (notice: Notice) => void },
  controlSlot?: number,
): void {
  const { session, catalog, notify } = deps;
  const input = { patch: session.patch, catalog, bridgeUid: entry.uid, row: entry.row, prev: entry.mirrored, next: entry.live };
  const control = controlSlot === undefined ? undefined : controlOps(input, controlSlot);
  const { ops, notes } = control ? { ops: control, notes: [] } : syncCase(input);
  entry.mirrored = entry.live;
  if (ops.length > 0) {
    const op = ops.length === 1 ? ops[0]! : batch(ops, `rack ${entry.live.hello.name || entry.uid}`);
    const result = session.apply(op, { source: 'hardware' });
    if (!result.ok) notify({ level: 'warning', message: `The rack's change could not be shown: ${result.error.message}` });
  }
  const fresh = notes.filter((n) => !entry.told.has(n));
  for (const n of fresh) entry.told.add(n);
  if (fresh.length) notify({ level: 'warning', message: fresh.join('\n') });
}
