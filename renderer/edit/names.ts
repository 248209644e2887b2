/** Names for new modules: `<type>-<n>`, unique in the patch, as kubectl users expect of objects. */
import type { Patch } from '../../main/patch/model';

/** Every `data.name` in the patch (modules without a string name are skipped). */
export function takenNames(patch: Patch): Set<string> {
  const names = new Set<string>();
  for (const m of patch.modules) if (typeof m.data.name === 'string') names.add(m.data.name);
  return names;
}

/** The first `<type>-<n>` (n from 1) not in `taken`. */
export function uniqueName(type: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const name = `${type}-${n}`;
    if (!taken.has(name)) return name;
  }
}
