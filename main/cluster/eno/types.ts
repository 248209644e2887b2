/**
 * Eno on the connected cluster, as the renderer sees it: the topology ConfigMap the rack
 * publishes, whether Eno's CRDs are installed, and the status of each Composition that binds that
 * ConfigMap (synthesized, reconciled, ready, errors). Types only.
 */

export interface CompositionView {
  name: string;
  synthesizer?: string;
  /** Eno's one-word status: Synthesizing, Reconciling, NotReady, Ready, MissingInputs, ... */
  status?: string;
  /** The first error of the current (or in-flight) synthesis. */
  error?: string;
  /** RFC 3339 times of the current synthesis. */
  synthesized?: string;
  reconciled?: string;
  ready?: string;
  /** The synthesizer's results (message and severity), as Eno recorded them. */
  results: { message: string; severity?: string }[];
}

export interface EnoState {
  namespace: string;
  /** "<patch>-topology" */
  configMap: string;
  /** The ConfigMap as the cluster has it, when it exists. */
  published?: { resourceVersion: string };
  /** Whether compositions.eno.azure.io is served. */
  crdsInstalled: boolean;
  compositions: CompositionView[];
}
