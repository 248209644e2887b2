/** Connects the simulator views (strip, Events tab) to main: one shared, counted subscription. */
import { sharedConnection } from '../store/shared-connection';
import { connectSim } from './simStore';

export const useSimConnection = sharedConnection(connectSim);
