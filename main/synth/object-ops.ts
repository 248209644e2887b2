/**
 * Object entries -> ops: the Object modules a YAML edit or an import asks for. Objects are matched
 * by apiVersion/kind/namespace/name (they carry no module annotation: they are emitted verbatim),
 * so renaming one in the text replaces its module. New Objects are racked side by side in a row of
 * their own at the bottom of the rack, away from the workloads they configure.
 */
import { MAX_RACK_ROWS } from '../patch/model';
import type { PatchBuilder } from './builder';
import { objectData, objectId, objectKey, objectModuleId, type TopoObject } from './objects';
import { OBJECT_KEY, OBJECT_TYPE } from './vocabulary';
import { jsonEqual } from '../patch/json-equal';

/** Key order counts: the YAML text shows it. */
const same = (a: unknown, b: unknown) => jsonEqual(a, b, { keyOrder: true });

/** The key of an object entry (entries come from readManifest, so they always have one). */
export const entryKey = (o: TopoObject): string => objectKey(objectId(o.manifest)!);

/**
 * The row new Objects go to: the bottom row when it is empty or holds only Objects, else a new
 * row below it (while the rack may grow), so a patch's Objects read as one strip.
 */
function objectRow(b: PatchBuilder): number {
  const last = b.patch.rack.rows - 1;
  const others = b.patch.modules.some((m) => m.row === last && m.type !== OBJECT_TYPE);
  if (!others || b.patch.rack.rows >= MAX_RACK_ROWS) return last;
  b.push({ type: 'set-rack', rack: { ...b.patch.rack, rows: b.patch.rack.rows + 1 } });
  return last + 1;
}

/** Brings the Object modules to `next`: updated in place, or added (left to right in the object row). */
export function objectOps(b: PatchBuilder, prev: readonly (TopoObject | undefined)[], next: readonly TopoObject[]): void {
  let row: number | undefined;
  let hp = 0;
  next.forEach((o, i) => {
    const before = prev[i];
    if (before) {
      if (!same(before.manifest, o.manifest)) {
        const m = b.patch.modules.find((x) => x.id === before.module)!;
        b.push({ type: 'set-data', id: m.id, data: { ...m.data, [OBJECT_KEY]: structuredClone(o.manifest) } });
      }
      return;
    }
    row ??= objectRow(b);
    const id = b.addModule(OBJECT_TYPE, objectData(o.manifest), {}, { row, hp }, objectModuleId(objectId(o.manifest)!));
    hp = b.patch.modules.find((m) => m.id === id)!.hp;
  });
}
