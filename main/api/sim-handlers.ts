/**
 * The simulator's requests (`sim.*`) over the SimService. Inputs are already validated by the
 * dispatcher against the contract's schemas.
 */
import type { SimService } from '../sim/sim-service';
import type { Handlers } from './dispatcher';

export function createSimHandlers(sim: SimService) {
  return {
    'sim.state': () => sim.snapshot(),
    'sim.control': ({ action, speed }) => sim.control(action, speed),
    'sim.fault': (fault) => sim.fault(fault),
    'sim.describe': ({ module }) => sim.describe(module),
    // Acknowledgements matter to the IPC transport only (it reads them itself, ipc-main-transport.ts).
    'sim.ack': () => null,
  } satisfies Partial<Handlers>;
}
