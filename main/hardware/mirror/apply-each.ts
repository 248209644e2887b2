/**
 * Dry-runs a list of ops against a patch, one by one, keeping those that apply. The mirror uses
 * it so one op the patch refuses (an on-screen edit that got in the way) costs that op alone, not
 * the whole resync; what was skipped is said in a note.
 */
import { applyOp } from '../../patch/apply';
import type { Catalog } from '../../patch/catalog';
import type { Patch } from '../../patch/model';
import { describeOp, type Op } from '../../patch/ops';

export interface AppliedEach {
  ops: Op[];
  patch: Patch;
  notes: string[];
}

export function applyEach(patch: Patch, ops: readonly Op[], catalog: Catalog): AppliedEach {
  const kept: Op[] = [];
  const notes: string[] = [];
  let current = patch;
  for (const op of ops) {
    const result = applyOp(current, op, catalog);
    if (!result.ok) {
      notes.push(`Could not ${describeOp(op)} from the rack: ${result.error.message}`);
      continue;
    }
    kept.push(op);
    current = result.patch;
  }
  return { ops: kept, patch: current, notes };
}
