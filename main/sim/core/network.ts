/**
 * Traffic rules: the Ingress makes requests (RPS knob plus REQ pulses) and routes them by rule to
 * its ROUTE outs; a Service round-robins its requests over the ready Pods on SELECT, out of the
 * matching EP outs, and counts the requests no ready Pod could take. See main/sim/README.md.
 */
import type { ServiceState, World } from './world';

/** Warnings about lost requests are folded into one event per object per second. */
const WINDOW_MS = 1000;

export function stepIngresses(w: World): void {
  const { ingresses } = w.topo;
  for (let i = 0; i < ingresses.length; i++) {
    const ing = ingresses[i]!;
    const s = w.ingS[i]!;
    s.acc += (ing.rps * w.cfg.stepMs) / 1000;
    const built = Math.floor(s.acc);
    s.acc -= built;
    const total = built + (ing.req.length ? w.triggers(ing.req) : 0);
    const perRoute = [0, 0, 0, 0];
    for (let i = 0; i < total; i++) {
      // Spread over the rules in turn (README: "Ingress: the front door").
      const rule = s.rr % ing.rules;
      s.rr = (s.rr + 1) % ing.rules;
      if (ing.routePatched[rule]) perRoute[rule]!++;
      else s.windowUnrouted++;
    }
    for (let r = 0; r < 4; r++) {
      const n = perRoute[r]!;
      s.routed += n;
      if (n > 0) {
        w.pulse(ing.route[r]!, n);
        w.flash(ing.routeLed[r]!);
      } else w.fade(ing.routeLed[r]!);
    }
    if (w.time - s.windowStart >= WINDOW_MS) {
      if (s.windowUnrouted > 0)
        w.event(
          'Warning',
          'NoBackend',
          ing.id,
          'ingress',
          `${s.windowUnrouted} requests matched a rule whose ROUTE has no Service patched (404)`,
          s.windowUnrouted,
        );
      s.unrouted += s.windowUnrouted;
      s.windowUnrouted = 0;
      s.windowStart = w.time;
    }
  }
}

export function newServiceState(time: number): ServiceState {
  return { rr: 0, served: 0, errors: 0, windowErrors: 0, windowStart: time, partitioned: false, endpoints: 0 };
}

export function stepServices(w: World): void {
  const { services } = w.topo;
  for (let v = 0; v < services.length; v++) {
    const svc = services[v]!;
    const s = w.svcS[v]!;
    const channels = svc.select.length;
    let endpoints = 0;
    for (let c = 0; c < channels; c++) if (w.high(svc.select[c]!)) endpoints++;
    if (endpoints !== s.endpoints) w.changes++; // the EndpointSlice changed
    s.endpoints = endpoints;
    const reqs = svc.req.length ? w.triggers(svc.req) : 0;
    const perEp = [0, 0, 0, 0];
    let errors = 0;
    for (let i = 0; i < reqs; i++) {
      if (s.partitioned || endpoints === 0) {
        errors++;
        continue;
      }
      // Round-robin: the next ready channel after the one served last.
      for (let k = 0; k < channels; k++) {
        const c = (s.rr + k) % channels;
        if (!w.high(svc.select[c]!)) continue;
        s.rr = (c + 1) % channels;
        if (c < 4) perEp[c]!++;
        s.served++;
        break;
      }
    }
    for (let e = 0; e < 4; e++) {
      if (perEp[e]! > 0) {
        w.pulse(svc.ep[e]!, perEp[e]!);
        w.flash(svc.epLed[e]!);
      } else w.fade(svc.epLed[e]!);
    }
    if (errors > 0) {
      s.errors += errors;
      s.windowErrors += errors;
      w.flash(svc.err);
    } else w.fade(svc.err);
    if (w.time - s.windowStart >= WINDOW_MS) {
      if (s.windowErrors > 0) {
        const why = s.partitioned ? 'the Service is partitioned from its Pods' : 'no selected Pod is ready';
        w.event(
          'Warning',
          'NoReadyEndpoints',
          svc.id,
          'service',
          `${s.windowErrors} requests failed (503): ${why}`,
          s.windowErrors,
        );
      }
      s.windowErrors = 0;
      s.windowStart = w.time;
    }
  }
}

/** Fault: cut (or heal) the network between a Service and its Pods: every request fails. */
export function setPartitioned(w: World, serviceId: string, partitioned: boolean): boolean {
  const svc = w.topo.services.find((s) => s.id === serviceId);
  if (!svc) return false;
  let s = w.states.services.get(serviceId);
  if (!s) w.states.services.set(serviceId, (s = newServiceState(w.time)));
  if (s.partitioned !== partitioned)
    w.event(
      partitioned ? 'Warning' : 'Normal',
      partitioned ? 'NetworkPartition' : 'NetworkHealed',
      svc.id,
      'service',
      partitioned ? `${svc.name} can no longer reach its Pods` : `${svc.name} reaches its Pods again`,
    );
  s.partitioned = partitioned;
  return true;
}
