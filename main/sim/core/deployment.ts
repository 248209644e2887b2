/**
 * Deployment rules: on each reconcile (RECONCILE pulses, or the internal 1 s clock when it is
 * unpatched) claim slots 1..REPLICAS through the CLAIM outs, release the rest, and update the
 * ready count from the READY ins. See main/sim/README.md "Deployment".
 */
import type { DeploymentState, World } from './world';

export const SLOTS = 6;

export function newDeploymentState(): DeploymentState {
  return { claims: new Array<boolean>(SLOTS).fill(false), ready: 0, clock: 0, changed: false, reconciles: 0, warnedFor: -1 };
}

export function stepDeployments(w: World): void {
  const { deployments } = w.topo;
  for (let d = 0; d < deployments.length; d++) {
    const dep = deployments[d]!;
    const s = w.depS[d]!;
    s.changed = false;
    let reconcile: boolean;
    if (dep.reconcile.length === 0) {
      // Normalled to the internal clock (SIGNALS.md), so a Deployment converges without a Controller.
      s.clock += w.cfg.stepMs;
      reconcile = s.clock >= w.cfg.internalReconcileMs;
      if (reconcile) s.clock = 0;
    } else reconcile = w.triggers(dep.reconcile) > 0;

    if (reconcile) {
      s.reconciles++;
      const want = Math.min(dep.replicas, SLOTS);
      let up = 0;
      let down = 0;
      for (let i = 0; i < SLOTS; i++) {
        const claim = i < want;
        if (claim !== s.claims[i]) {
          s.claims[i] = claim;
          if (claim) up++;
          else down++;
        }
      }
      let ready = 0;
      for (let i = 0; i < SLOTS; i++) if (s.claims[i] && w.gate(dep.readyIn[i]!)) ready++;
      if (up || down) {
        const claimed = s.claims.filter(Boolean).length;
        w.event(
          'Normal',
          'ScalingReplicaSet',
          dep.id,
          'deployment',
          `Scaled ${up ? 'up' : 'down'} replica set ${dep.name} to ${claimed}`,
        );
      }
      const changed = up > 0 || down > 0 || ready !== s.ready;
      s.ready = ready;
      if (changed) {
        s.changed = true;
        w.changes++;
      }
      if (s.warnedFor !== dep.replicas) {
        s.warnedFor = dep.replicas;
        const missing = s.claims.map((c, i) => (c && !dep.claimPatched[i] ? i + 1 : 0)).filter(Boolean);
        if (dep.replicas > SLOTS)
          w.event(
            'Warning',
            'FailedCreate',
            dep.id,
            'deployment',
            `replicas ${dep.replicas} exceeds the ${SLOTS} claim slots: at most ${SLOTS} Pods can run`,
          );
        if (missing.length)
          w.event(
            'Warning',
            'FailedCreate',
            dep.id,
            'deployment',
            `no Pod patched to CLAIM ${missing.join(', ')}: those replicas cannot start`,
          );
      }
    }
    for (let i = 0; i < SLOTS; i++) {
      w.setLevel(dep.claim[i]!, s.claims[i] ? 10 : 0);
      w.setLight(dep.claimLed[i]!, s.claims[i] ? 1 : 0);
    }
    // The status as last written by a reconcile, so it lags like `kubectl get deployment` does.
    w.setLevel(dep.count, dep.replicas === 0 ? 0 : Math.min(10, (10 * s.ready) / dep.replicas));
  }
}
