/** Connects the hardware views (the Hardware tab, ghost cables, rack badges) to main: one shared, counted subscription. */
import { sharedConnection } from '../store/shared-connection';
import { connectHardware } from './hardwareStore';

export const useHardwareConnection = sharedConnection(connectHardware);
