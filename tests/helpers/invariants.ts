/**
 * The patch invariants, stated declaratively as a test oracle (independent of apply.ts's
 * step-by-step checks): returns every violation found, empty when the patch is valid.
 */
import type { Catalog } from '../../main/patch/catalog';
import type { Patch } from '../../main/patch/model';
import { incompatibility, POLY_MAX_CHANNELS } from '../../main/patch/signals';

export function violations(patch: Patch, catalog: Catalog): string[] {
  const found: string[] = [];
  const ids = new Set<string>();
  for (const m of patch.modules) {
    if (ids.has(m.id)) found.push(`duplicate module ${m.id}`);
    ids.add(m.id);
    const def = catalog.get(m.type);
    if (!def) {
      found.push(`unknown type ${m.type}`);
      continue;
    }
    if (m.row < 0 || m.row >= patch.rack.rows || m.hp < 0 || m.hp + def.hp > patch.rack.hp) found.push(`${m.id} outside rack`);
    for (const o of patch.modules) {
      const w = catalog.get(o.type)?.hp ?? 0;
      if (o !== m && o.row === m.row && m.hp < o.hp + w && o.hp < m.hp + def.hp) found.push(`${m.id} overlaps ${o.id}`);
    }
    for (const p of def.params) if (typeof m.params[p.id] !== 'number') found.push(`${m.id}.${p.id} missing`);
  }
  const cableIds = new Set<string>();
  const perInput = new Map<string, number>();
  for (const c of patch.cables) {
    if (cableIds.has(c.id)) found.push(`duplicate cable ${c.id}`);
    cableIds.add(c.id);
    const from = patch.modules.find((m) => m.id === c.from.module);
    const to = patch.modules.find((m) => m.id === c.to.module);
    const out = from && catalog.jack(from.type, c.from.jack);
    const inp = to && catalog.jack(to.type, c.to.jack);
    if (!out || !inp) {
      found.push(`cable ${c.id} dangles`);
      continue;
    }
    if (out.direction !== 'output' || inp.direction !== 'input') found.push(`cable ${c.id} wrong way`);
    if (incompatibility(out.signal, inp.signal)) found.push(`cable ${c.id} incompatible`);
    const key = `${c.to.module}/${c.to.jack}`;
    const n = (perInput.get(key) ?? 0) + 1;
    perInput.set(key, n);
    if (n > (inp.poly ? POLY_MAX_CHANNELS : 1)) found.push(`input ${key} over-patched`);
  }
  return found;
}
