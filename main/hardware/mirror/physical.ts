/**
 * Between the case's wire addresses and the patch's ids: which case a module or jack belongs to,
 * the patch cables a case's state stands for, and human names for guide labels and notes.
 */
import type { Catalog, ModuleDef } from '../../patch/catalog';
import type { JackRef, Module, Patch } from '../../patch/model';
import type { CaseState } from '../codec/case-state';
import type { JackAddress, JackDirection } from '../codec/messages';
import { defForTypeId, jackIdAt, jackIndexOf, parsePhysicalModuleId, physicalCableId, physicalModuleId } from './module-map';

/** A physical jack as the rack addresses it. */
export interface PhysicalJack {
  bridgeUid: string;
  slot: number;
  direction: JackDirection;
  jack: number;
}

/** A jack of a physical module on screen, as the rack addresses it; undefined for an on-screen-only module or an unknown jack. */
export function physicalJack(patch: Patch, catalog: Catalog, ref: JackRef): PhysicalJack | undefined {
  const where = parsePhysicalModuleId(ref.module);
  const module = where && patch.modules.find((m) => m.id === ref.module);
  const def = module && catalog.get(module.type);
  const index = def && jackIndexOf(def, ref.jack);
  if (!where || !index) return undefined;
  return { bridgeUid: where.bridgeUid, slot: where.slot, direction: index.direction, jack: index.index };
}

/** A cable the case senses, as patch endpoints; undefined when a module or jack is unknown to the catalog. */
export interface CaseCableRef {
  id: string;
  from: JackRef;
  to: JackRef;
}

/** The catalog entry of the module in `slot` of a case, if the app knows its type. */
export function caseModuleDef(state: CaseState, catalog: Catalog, slot: number): ModuleDef | undefined {
  const module = state.modules.find((m) => m.slot === slot);
  return module && defForTypeId(catalog, module.typeId);
}

export function caseJackRef(
  bridgeUid: string,
  state: CaseState,
  catalog: Catalog,
  address: JackAddress,
  direction: JackDirection,
): JackRef | undefined {
  const def = caseModuleDef(state, catalog, address.slot);
  const jack = def && jackIdAt(def, direction, address.jack);
  return jack ? { module: physicalModuleId(bridgeUid, address.slot), jack } : undefined;
}

/** Every cable of the case that the app can show, with its patch id. */
export function caseCables(bridgeUid: string, state: CaseState, catalog: Catalog): CaseCableRef[] {
  const refs: CaseCableRef[] = [];
  for (const cable of state.cables) {
    const from = caseJackRef(bridgeUid, state, catalog, cable.from, 'output');
    const to = caseJackRef(bridgeUid, state, catalog, cable.to, 'input');
    if (from && to) refs.push({ id: physicalCableId(bridgeUid, cable.from, cable.to), from, to });
  }
  return refs;
}

/** Whether the case holds a cable between these two patch jacks (the hardware's view). */
export function caseHasCable(bridgeUid: string, state: CaseState, catalog: Catalog, from: JackRef, to: JackRef): boolean {
  return caseCables(bridgeUid, state, catalog).some(
    (c) => c.from.module === from.module && c.from.jack === from.jack && c.to.module === to.module && c.to.jack === to.jack,
  );
}

/**
 * "Pod web-1" for an on-screen module with a name; a physical module always says where it sits,
 * "Pod (slot 12)", or "Pod web-1 (slot 12)" once renamed; else the bare type name.
 */
export function moduleLabel(module: Module | undefined, catalog: Catalog, fallbackId?: string): string {
  if (!module) return fallbackId ?? 'a missing module';
  const def = catalog.get(module.type);
  const type = def?.name ?? module.type;
  const raw = module.data['name'];
  const name = typeof raw === 'string' ? raw.trim() : '';
  const where = parsePhysicalModuleId(module.id);
  if (!where) return name ? `${type} ${name}` : type;
  const renamed = name && !name.startsWith(`${module.type}-${where.slot}`);
  return renamed ? `${type} ${name} (slot ${where.slot})` : `${type} (slot ${where.slot})`;
}

/** "Pod web-1 LIFE". */
export function jackLabel(patch: Patch, catalog: Catalog, ref: JackRef): string {
  const module = patch.modules.find((m) => m.id === ref.module);
  const jack = module && catalog.jack(module.type, ref.jack);
  return `${moduleLabel(module, catalog, ref.module)} ${jack?.label ?? ref.jack}`;
}
