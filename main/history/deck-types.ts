/** What the recorder and the player share with the Deck that drives them. */
import type { Marker } from '../../preload/contract';

/** What a recorder or player call did, without the deck state (the Deck adds it). */
export type Outcome = { ok: true } | { ok: false; error: string };

/** The performance open in the recorder or the player: markers and name are edited in place. */
export interface OpenPerformance {
  id: number;
  name: string;
  markers: Marker[];
}
