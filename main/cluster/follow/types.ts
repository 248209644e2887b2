/**
 * Follow mode's state as it crosses to the renderer: whether it is armed and for which context,
 * namespace and patch, what the last apply did, and each object that failed with the module it
 * came from. Names and messages only, never a credential. Types only.
 */

export interface FollowFailure {
  /** The module the object came from (its k8s-synth.io/module annotation), when known. */
  module?: string;
  kind: string;
  name: string;
  /** The server's refusal, or the fields another manager owns. */
  error: string;
}

export interface FollowState {
  armed: boolean;
  /** While armed: where every change goes. */
  context?: string;
  namespace?: string;
  /** The ApplySet the changes go into (the patch's name when it was armed). */
  patchName?: string;
  /** An apply is waiting for its pause or running. */
  applying: boolean;
  /** Applies finished since it was armed. */
  applies: number;
  /** The Session version the last apply was made from. */
  appliedVersion?: number;
  /** "1 configured, 2 unchanged" */
  lastSummary?: string;
  failures: FollowFailure[];
  /** A whole apply that could not run (the server unreachable): the rack goes on, the next change retries. */
  error?: string;
  /** Why it was last disarmed ("disarmed on screen", "the rack's FOLLOW switch", "disconnected"). */
  disarmed?: string;
  /** The patch's topology ConfigMap is published for Eno on every change too. */
  publishTopology: boolean;
}

export const idleFollow = (publishTopology = false): FollowState => ({
  armed: false,
  applying: false,
  applies: 0,
  failures: [],
  publishTopology,
});
