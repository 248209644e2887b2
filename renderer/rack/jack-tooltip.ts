/**
 * The tooltip of a jack, as VCV Rack's port tooltip: name, kind, description, then one line per
 * cable naming the far end ("to Pod web-1: LIFE"). Pure; built on hover, not on every change.
 */
import type { Catalog, JackDef } from '../../main/patch/catalog';
import type { Cable, Module } from '../../main/patch/model';
import { moduleName } from '../../main/synth/topology';

export function jackTitle(
  jack: JackDef,
  moduleId: string,
  cables: readonly Cable[],
  modules: ReadonlyMap<string, Module>,
  catalog: Catalog,
): string {
  const kind = `${jack.poly ? 'poly ' : ''}${jack.signal} ${jack.direction}`;
  const lines = [`${jack.label} — ${kind}`];
  if (jack.description) lines.push(jack.description);
  for (const c of cables) lines.push(cableFarEnd(c, moduleId, jack.id, modules, catalog));
  return lines.join('\n');
}

/** Where a cable at this jack goes: "to Pod web-1: LIFE" (the jack tooltip and the jack menu). */
export function cableFarEnd(
  c: Cable,
  moduleId: string,
  jackId: string,
  modules: ReadonlyMap<string, Module>,
  catalog: Catalog,
): string {
  const outgoing = c.from.module === moduleId && c.from.jack === jackId;
  const far = outgoing ? c.to : c.from;
  const m = modules.get(far.module);
  const def = m ? catalog.get(m.type) : undefined;
  const farLabel = (m && catalog.jack(m.type, far.jack)?.label) ?? far.jack;
  return `${outgoing ? 'to' : 'from'} ${def?.name ?? m?.type ?? '?'} ${m ? moduleName(m) : far.module}: ${farLabel}`;
}
