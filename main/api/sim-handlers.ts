/**
 * The simulator's requests (`sim.*`) over the SimService. Inputs are already validated by the
 * dispatcher against the contract's schemas.
 */
import type { SimService } from '../simulation/sim-service';
import type { Handlers } from './dispatcher';

export function createSimHandlers(sim: SimService) {
  return {
    'sim.state': () => sim.snapshot(),
    'sim.control': ({ action, speed }) => sim.control(action, speed),
    'sim.fault': (fault) => sim.fault(fault),
    'sim.describe': ({ module }) => sim.describe(module),
  } satisfies Partial<Handlers>;
}
