/** Connects the history views (transport bar, History tab) to main: one shared, counted subscription. */
import { sharedConnection } from '../store/shared-connection';
import { connectHistory } from './historyStore';

export const useHistoryConnection = sharedConnection(connectHistory);
