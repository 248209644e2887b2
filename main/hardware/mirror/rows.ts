/**
 * Each case of the physical rack is shown in a row of its own. A case keeps the row its modules
 * already sit in (a restart, a replug); a new case takes the first row no other case uses.
 */
import type { Patch } from '../../patch/model';
import { parsePhysicalModuleId } from './module-map';

export function rowForCase(patch: Patch, bridgeUid: string, rowsOfOtherCases: ReadonlySet<number>): number {
  const placed = patch.modules.find((m) => parsePhysicalModuleId(m.id)?.bridgeUid === bridgeUid);
  if (placed && !rowsOfOtherCases.has(placed.row)) return placed.row;
  let row = 0;
  while (rowsOfOtherCases.has(row)) row++;
  return row;
}
