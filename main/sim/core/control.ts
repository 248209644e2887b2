/**
 * Control-plane rules: the Controller's reconcile clock (INTERVAL, WATCH wake-ups, TICK and ACT)
 * and etcd (writes in, watch events out, heartbeat, write rate). See main/sim/README.md.
 */
import type { World } from './world';

const HEARTBEAT_MS = 1000;
const HEARTBEAT_ON_MS = 120;

export function stepControllers(w: World): void {
  const { controllers } = w.topo;
  for (let c = 0; c < controllers.length; c++) {
    const ctl = controllers[c]!;
    const s = w.ctlS[c]!;
    // ACT: the Deployments this TICK drove that changed something on their last reconcile.
    let acts = 0;
    for (const d of ctl.drives) if (w.depS[d]!.changed) acts++;
    const watched = ctl.watch.length ? w.triggers(ctl.watch) : 0;
    s.clock += w.cfg.stepMs;
    // A watch event wakes the loop at once; otherwise it resyncs every INTERVAL.
    const tick = watched > 0 || s.clock >= ctl.interval;
    if (tick) {
      s.clock = 0;
      s.reconciles++;
      w.pulse(ctl.tick);
      w.flash(ctl.tickLed);
    } else w.fade(ctl.tickLed);
    if (watched > 0) w.flash(ctl.watchLed);
    else w.fade(ctl.watchLed);
    if (acts > 0) {
      s.acts += acts;
      w.pulse(ctl.act, acts);
      w.flash(ctl.actLed);
    } else w.fade(ctl.actLed);
  }
}

export function stepEtcds(w: World): void {
  const { etcds } = w.topo;
  for (let e = 0; e < etcds.length; e++) {
    const etcd = etcds[e]!;
    const s = w.etcdS[e]!;
    // WRITE is normalled to "every object change in the cluster": with no cable in, etcd hears all
    // writes, as the real store does; patching cables in shows only the writers you wired.
    const writes = etcd.write.length ? w.triggers(etcd.write) : w.lastChanges;
    s.revision += writes;
    const alpha = Math.min(1, w.cfg.stepMs / 1000);
    s.rate += alpha * ((writes * 1000) / w.cfg.stepMs - s.rate);
    if (writes > 0) {
      w.pulse(etcd.watch, writes);
      w.flash(etcd.writeLed);
    } else w.fade(etcd.writeLed);
    w.setLevel(etcd.audio, 0); // the sound itself is the audio engine's job
    w.setLight(etcd.heartbeat, w.time % HEARTBEAT_MS < HEARTBEAT_ON_MS ? 1 : 0);
  }
}
