/**
 * Builds a case's state from catalog types, as a rack would report it: for the mirror's tests
 * and for anyone who needs a CaseState without a serial link (the service's unit tests).
 */
import { applyOp } from '../../patch/apply';
import type { Catalog } from '../../patch/catalog';
import { emptyPatch, type Patch } from '../../patch/model';
import { batch } from '../../patch/ops';
import type { CaseCable, CaseState } from '../codec/case-state';
import { PROTOCOL_MAJOR, PROTOCOL_MINOR } from '../codec/messages';
import { jackIds, knobs, leds, switches } from './module-map';
import { syncCase } from './sync';

export const FIXTURE_UID = '00000000000000a1';

export function caseFixture(
  catalog: Catalog,
  modules: readonly { slot: number; type: string }[],
  extra: { bridgeUid?: string; name?: string; cables?: CaseCable[]; knobs?: Record<string, number> } = {},
): CaseState {
  return {
    hello: {
      protoMajor: PROTOCOL_MAJOR,
      protoMinor: PROTOCOL_MINOR,
      firmware: [1, 0, 0],
      bridgeUid: extra.bridgeUid ?? FIXTURE_UID,
      maxFrame: 64,
      caps: 0,
      name: extra.name ?? 'case A',
    },
    modules: modules.map(({ slot, type }, i) => {
      const def = catalog.get(type);
      if (!def?.hardwareId) throw new Error(`${type} has no hardwareId`);
      return {
        slot,
        typeId: def.hardwareId,
        hwRev: 1,
        moduleUid: 1000 + i,
        inputs: jackIds(def, 'input').length,
        outputs: jackIds(def, 'output').length,
        knobs: knobs(def).length,
        switches: switches(def).length,
        leds: leds(def).length,
        knobBits: 12,
      };
    }),
    cables: extra.cables ?? [],
    knobs: extra.knobs ?? {},
    switches: {},
    stateGen: 0,
  };
}

/** `patch` (default: empty) with the case mirrored into `row`, as the service would show it. */
export function mirroredPatch(catalog: Catalog, state: CaseState, row = 0, patch: Patch = emptyPatch()): Patch {
  const { ops } = syncCase({ patch, catalog, bridgeUid: state.hello.bridgeUid, row, prev: undefined, next: state });
  const result = applyOp(patch, batch(ops), catalog);
  if (!result.ok) throw new Error(result.error.message);
  return result.patch;
}
