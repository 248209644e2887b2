/** What the recorder and the player share with the Deck that drives them (their calls return a Result). */
import type { Marker } from '../../preload/contract';

/** The performance open in the recorder or the player: markers and name are edited in place. */
export interface OpenPerformance {
  id: number;
  name: string;
  markers: Marker[];
}
