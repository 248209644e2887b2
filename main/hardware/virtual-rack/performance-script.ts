/**
 * A recorded performance (.k8sperf, main/history/performance-file.ts) as a virtual-rack script:
 * every op on a physical module (`hw-<bridgeUid>-<slot>`, mirror/module-map.ts) becomes the rack
 * event a performer's hands would have made, at its recorded time. Ops on on-screen modules, and
 * things hands cannot do (moves, data edits, colours, jumps of a reset), are left out and noted.
 */
import type { Catalog } from '../../patch/catalog';
import type { Cable, Module, Patch } from '../../patch/model';
import type { Op } from '../../patch/ops';
import type { PerformanceEvent } from '../../history/core/replay-scheduler';
import type { CaseCable } from '../codec/case-state';
import type { JackAddress } from '../codec/messages';
import { jackIndexOf, knobValueToWire, parsePhysicalCableId, parsePhysicalModuleId } from '../mirror/module-map';
import { cableInto, sameCable } from './case-rules';
import { physicalDef } from './inventory';
import { resolveKnob, resolveSwitch } from './refs';
import type { RackAction, ScriptStep, VirtualCaseSpec } from './types';

export interface PerformanceInput {
  start: Patch;
  events: readonly PerformanceEvent[];
}

export interface PerformanceScript {
  /** The given cases, or one per bridge uid found in the starting patch (with its modules and cables). */
  cases: VirtualCaseSpec[];
  steps: ScriptStep[];
  /** What was left out and why, one line each (counts, not one line per op). */
  notes: string[];
}

/** Turns a performance into steps; `cases` (from a case file) must carry the recorded bridge uids. */
export function performanceScript(perf: PerformanceInput, catalog: Catalog, cases?: VirtualCaseSpec[]): PerformanceScript {
  const specs = cases ?? casesFromPatch(perf.start, catalog);
  const player = new Player(perf.start, specs, catalog);
  const steps: ScriptStep[] = [];
  let t = 0;
  for (const [i, event] of perf.events.entries()) {
    const line = i + 1;
    if (event.kind === 'reset') {
      player.reset(event.patch);
      player.skip('reset events (the rack cannot jump to another patch)');
      continue;
    }
    const actions = event.ops.flatMap((op) => player.play(op));
    if (!actions.length) continue;
    if (event.t > t) steps.push({ kind: 'wait', ms: event.t - t, line });
    t = Math.max(t, event.t);
    for (const { caseName, action } of actions) steps.push({ kind: 'do', caseName, action, line });
  }
  return { cases: specs, steps, notes: player.notes() };
}

/** One case per bridge uid among the patch's physical modules, named `rack-<first 6 hex>`. */
export function casesFromPatch(patch: Patch, catalog: Catalog): VirtualCaseSpec[] {
  const byUid = new Map<string, VirtualCaseSpec>();
  for (const module of patch.modules) {
    const id = parsePhysicalModuleId(module.id);
    if (!id) continue;
    let spec = byUid.get(id.bridgeUid);
    if (!spec)
      byUid.set(
        id.bridgeUid,
        (spec = { name: `rack-${id.bridgeUid.slice(0, 6)}`, bridgeUid: id.bridgeUid, modules: [], cables: [] }),
      );
    physicalDef(catalog, module.type);
    spec.modules.push({ slot: id.slot, type: module.type, params: { ...module.params } });
  }
  const tracker = new Player(patch, [...byUid.values()], catalog);
  for (const spec of byUid.values()) spec.cables = tracker.cablesOf(spec.bridgeUid!);
  return [...byUid.values()];
}

interface PhysicalCable extends CaseCable {
  bridgeUid: string;
}

/** Follows the patch as ops arrive (modules and cables by id) and says what the rack does for each op. */
class Player {
  private modules = new Map<string, Module>();
  private cables = new Map<string, PhysicalCable>();
  /** Cables in each case's jacks, as the rack has them (an input holds one). */
  private readonly plugged = new Map<string, CaseCable[]>();
  private readonly caseNames = new Map<string, string>();
  private readonly skipped = new Map<string, number>();

  constructor(
    start: Patch,
    cases: VirtualCaseSpec[],
    private readonly catalog: Catalog,
  ) {
    for (const c of cases) if (c.bridgeUid) this.caseNames.set(c.bridgeUid, c.name);
    this.reset(start);
    for (const cable of this.cables.values()) this.plug(cable);
  }

  reset(patch: Patch): void {
    this.modules = new Map(patch.modules.map((m) => [m.id, m]));
    this.cables = new Map();
    for (const cable of patch.cables) {
      const physical = this.physicalCable(cable);
      if (physical) this.cables.set(cable.id, physical);
    }
  }

  cablesOf(bridgeUid: string): CaseCable[] {
    return (this.plugged.get(bridgeUid) ?? []).map(({ from, to }) => ({ from, to }));
  }

  skip(why: string): void {
    this.skipped.set(why, (this.skipped.get(why) ?? 0) + 1);
  }

  notes(): string[] {
    return [...this.skipped].map(([why, n]) => `left out ${n} × ${why}`);
  }

  play(op: Op): { caseName: string; action: RackAction }[] {
    switch (op.type) {
      case 'batch':
        return op.ops.flatMap((o) => this.play(o));
      case 'add-module':
        return this.addModule(op.module);
      case 'remove-module':
        return this.removeModule(op.id);
      case 'set-param':
        return this.setParam(op.id, op.param, op.value);
      case 'connect':
        return this.connect(op.cable);
      case 'disconnect':
        return this.disconnect(op.id);
      default:
        this.skip(`${op.type} ops (hands cannot do them on the rack)`);
        return [];
    }
  }

  private at(moduleId: string): { bridgeUid: string; slot: number; caseName: string } | undefined {
    const id = parsePhysicalModuleId(moduleId);
    const caseName = id && this.caseNames.get(id.bridgeUid);
    if (id && !caseName) this.skip(`ops on case ${id.bridgeUid}, which is not in the case file`);
    return id && caseName ? { ...id, caseName } : undefined;
  }

  private addModule(module: Module): { caseName: string; action: RackAction }[] {
    this.modules.set(module.id, module);
    const where = this.at(module.id);
    if (!where) return [];
    return [
      {
        caseName: where.caseName,
        action: { kind: 'insert', module: { slot: where.slot, type: module.type, params: { ...module.params } } },
      },
    ];
  }

  private removeModule(id: string): { caseName: string; action: RackAction }[] {
    this.modules.delete(id);
    const where = this.at(id);
    if (!where) return [];
    // The rack pulls the module's cables out with it.
    const list = this.plugged.get(where.bridgeUid) ?? [];
    this.plugged.set(
      where.bridgeUid,
      list.filter((c) => c.from.slot !== where.slot && c.to.slot !== where.slot),
    );
    return [{ caseName: where.caseName, action: { kind: 'remove', slot: where.slot } }];
  }

  private setParam(id: string, param: string, value: number): { caseName: string; action: RackAction }[] {
    const module = this.modules.get(id);
    const where = this.at(id);
    if (!module || !where) return [];
    const def = physicalDef(this.catalog, module.type);
    const isKnob = def.params.find((p) => p.id === param)?.kind === 'knob';
    if (isKnob) {
      const knob = resolveKnob(def, param);
      return [
        {
          caseName: where.caseName,
          action: { kind: 'turn', slot: where.slot, knob: knob.index, value: knobValueToWire(knob.def, value) },
        },
      ];
    }
    const sw = resolveSwitch(def, param);
    return [{ caseName: where.caseName, action: { kind: 'flip', slot: where.slot, switch: sw.index, position: value } }];
  }

  private connect(cable: Cable): { caseName: string; action: RackAction }[] {
    const physical = this.physicalCable(cable);
    if (!physical) return [];
    this.cables.set(cable.id, physical);
    const caseName = this.caseNames.get(physical.bridgeUid)!;
    this.plug(physical);
    return [{ caseName, action: { kind: 'plug', from: physical.from, to: physical.to } }];
  }

  private disconnect(id: string): { caseName: string; action: RackAction }[] {
    const physical = this.cables.get(id) ?? this.fromCableId(id);
    this.cables.delete(id);
    if (!physical) return [];
    const list = this.plugged.get(physical.bridgeUid) ?? [];
    // A cable the rack refused (its input was taken) never went in, so it cannot come out.
    if (!list.some((c) => sameCable(c, physical))) return [];
    this.plugged.set(
      physical.bridgeUid,
      list.filter((c) => !sameCable(c, physical)),
    );
    return [
      { caseName: this.caseNames.get(physical.bridgeUid)!, action: { kind: 'unplug', from: physical.from, to: physical.to } },
    ];
  }

  private plug(cable: PhysicalCable): void {
    const list = this.plugged.get(cable.bridgeUid) ?? [];
    if (cableInto(list, cable.to)) {
      this.skip('cables into an input that already holds one (hardware senses one source per input)');
      return;
    }
    this.plugged.set(cable.bridgeUid, [...list, { from: cable.from, to: cable.to }]);
  }

  private fromCableId(id: string): PhysicalCable | undefined {
    const parsed = parsePhysicalCableId(id);
    return parsed && this.caseNames.has(parsed.bridgeUid) ? parsed : undefined;
  }

  /** The cable as wire addresses when both ends are physical modules of one known case. */
  private physicalCable(cable: Cable): PhysicalCable | undefined {
    const from = this.jackOf(cable.from.module, cable.from.jack);
    const to = this.jackOf(cable.to.module, cable.to.jack);
    if (!from || !to) {
      if (from || to) this.skip('cables between a physical and an on-screen module');
      return undefined;
    }
    if (from.bridgeUid !== to.bridgeUid) {
      this.skip('cables between two cases (v1 senses cables within one case)');
      return undefined;
    }
    return { bridgeUid: from.bridgeUid, from: from.address, to: to.address };
  }

  private jackOf(moduleId: string, jackId: string): { bridgeUid: string; address: JackAddress } | undefined {
    const id = parsePhysicalModuleId(moduleId);
    const module = this.modules.get(moduleId);
    if (!id || !module || !this.caseNames.has(id.bridgeUid)) return undefined;
    const def = this.catalog.get(module.type);
    const index = def && jackIndexOf(def, jackId);
    return index ? { bridgeUid: id.bridgeUid, address: { slot: id.slot, jack: index.index } } : undefined;
  }
}
