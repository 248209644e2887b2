/**
 * Where the ghost cables of pending edits go, in flow coordinates: from jack centre to jack
 * centre, sagging like a real cable at the same cable tension (geometry.cablePath), so a ghost
 * lies exactly where the cable will hang once the performer plugs it (or over the cable to pull
 * out). Pure.
 */
import type { Catalog } from '../../main/patch/catalog';
import type { JackRef, Patch } from '../../main/patch/model';
import type { PendingEdit } from '../../preload/contract';
import { cablePath, jackPoint, slotToPosition, type Point } from '../rack/geometry';
import { moduleIndex } from '../rack/patch-index';

export interface Ghost {
  id: string;
  action: PendingEdit['action'];
  color: string;
  from: Point;
  to: Point;
  d: string;
}

/** A jack's centre on the canvas, or undefined when the patch lacks the module or the jack. */
export function jackCentre(patch: Patch, catalog: Catalog, ref: JackRef): Point | undefined {
  const m = moduleIndex(patch.modules).get(ref.module);
  const jack = m ? catalog.get(m.type)?.jacks.find((j) => j.id === ref.jack) : undefined;
  if (!m || !jack) return undefined;
  const at = slotToPosition(m);
  const p = jackPoint(jack.x, jack.y);
  return { x: at.x + p.x, y: at.y + p.y };
}

/**
 * One ghost per pending edit whose two jacks are on screen (an edit to a module since removed
 * draws nothing), hanging at `tension` as the real cables do (the Cables view setting).
 */
export function ghostCables(pending: readonly PendingEdit[], patch: Patch, catalog: Catalog, tension: number): Ghost[] {
  return pending.flatMap((edit) => {
    const from = jackCentre(patch, catalog, edit.from);
    const to = jackCentre(patch, catalog, edit.to);
    return from && to ? [{ id: edit.id, action: edit.action, color: edit.color, from, to, d: cablePath(from, to, tension) }] : [];
  });
}
