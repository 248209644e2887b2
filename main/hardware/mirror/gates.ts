/**
 * Gate outputs of physical modules from the simulator: a module's gate output jack (a Pod's
 * READY, a Deployment's CLAIM n) drives the real jack, so a patch into an ordinary Eurorack
 * module follows the cluster. Voltages are keyed `module/jack`; only changes are sent.
 */
import type { Catalog } from '../../patch/catalog';
import type { Patch } from '../../patch/model';
import type { SetGateMessage } from '../codec/messages';
import { jackIds, parsePhysicalModuleId } from './module-map';

/** Above this a gate is high (Eurorack modules switch around 1–2.5 V; the simulator's gates are 0 or 10 V). */
export const GATE_THRESHOLD_V = 2.5;
const HIGH = 255;

/** Gate levels (0 or 255) of the case's gate output jacks, keyed `slot/jack` (wire numbers). */
export function gateLevels(
  patch: Patch,
  catalog: Catalog,
  bridgeUid: string,
  volts: Readonly<Record<string, number>>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of patch.modules) {
    const where = parsePhysicalModuleId(m.id);
    const def = where?.bridgeUid === bridgeUid ? catalog.get(m.type) : undefined;
    if (!where || !def) continue;
    jackIds(def, 'output').forEach((jack, index) => {
      if (catalog.jack(m.type, jack)?.signal !== 'gate') return;
      out.set(`${where.slot}/${index}`, (volts[`${m.id}/${jack}`] ?? 0) > GATE_THRESHOLD_V ? HIGH : 0);
    });
  }
  return out;
}

/** set-gate commands for gates whose level differs from `sent` (a gate never sent goes out). */
export function gateCommands(levels: ReadonlyMap<string, number>, sent: ReadonlyMap<string, number>): SetGateMessage[] {
  const commands: SetGateMessage[] = [];
  for (const [key, level] of levels) {
    if (sent.get(key) === level) continue;
    const [slot, jack] = key.split('/').map(Number) as [number, number];
    commands.push({ kind: 'set-gate', slot, jack, level, pulseMs: 0 });
  }
  return commands;
}
