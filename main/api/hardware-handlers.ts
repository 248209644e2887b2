/**
 * The hardware requests (`hardware.*`) over the HardwareService. Inputs are already validated by
 * the dispatcher against the contract's schemas.
 */
import type { HardwareService } from '../hardware/hardware-service';
import type { Handlers } from './dispatcher';

export function createHardwareHandlers(hardware: HardwareService) {
  return {
    'hardware.state': () => hardware.state(),
    'hardware.scan': () => hardware.scan(),
    'hardware.connect': ({ path }) => hardware.connect(path),
    'hardware.disconnect': ({ link }) => hardware.disconnect(link),
    'hardware.mirror': ({ on }) => hardware.setMirror(on),
    'hardware.cancelPending': ({ id }) => hardware.cancelPending(id),
    'hardware.guideStart': ({ target }) => hardware.guideStart(target),
    'hardware.guideStop': () => hardware.guideStop(),
  } satisfies Partial<Handlers>;
}
