/**
 * What the simulator says about a module in words: a one-line status for the faceplate's hover
 * and the frame, and a `kubectl describe`-like block on request.
 */
import { SLOTS } from './deployment';
import type { World } from './world';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
/** An output's voltage as the panel would read it: the CVs (ready count, utilization) made readable. */
const volts = (w: World, slot: number) => (slot >= 0 ? `${w.cur[slot]!.toFixed(2)} V` : '—');

/** One line, e.g. "Ready · node-a · 2 restarts". Cheap: it runs for every module on every full frame. */
export function statusLine(w: World, id: string, type: string): string {
  const st = w.states;
  switch (type) {
    case 'pod': {
      const s = st.pods.get(id);
      if (!s) return 'Absent';
      const restarts = s.restarts ? ` · ${s.restarts} restart${s.restarts > 1 ? 's' : ''}` : '';
      const why = s.phase === 'Pending' && s.reason ? ` (${s.reason})` : '';
      return `${s.phase}${why}${restarts}`;
    }
    case 'node': {
      const s = st.nodes.get(id);
      const node = w.topo.nodes.find((n) => n.id === id);
      if (!s || !node) return 'Ready';
      return `${s.failed ? 'NotReady' : 'Ready'}${node.cordon ? ',SchedulingDisabled' : ''} · ${Math.round((100 * s.usedM) / node.capacity)}% cpu`;
    }
    case 'deployment': {
      const s = st.deployments.get(id);
      const dep = w.topo.deployments.find((d) => d.id === id);
      return `${s?.ready ?? 0}/${dep?.replicas ?? 0} ready`;
    }
    case 'service': {
      const s = st.services.get(id);
      return `${s?.endpoints ?? 0} endpoints${s?.partitioned ? ' · partitioned' : ''} · ${s?.errors ?? 0} errors`;
    }
    case 'ingress': {
      const s = st.ingresses.get(id);
      return `${s?.routed ?? 0} routed · ${s?.unrouted ?? 0} unrouted`;
    }
    case 'controller': {
      const s = st.controllers.get(id);
      return `${s?.reconciles ?? 0} reconciles · ${s?.acts ?? 0} writes`;
    }
    case 'etcd': {
      const s = st.etcds.get(id);
      return `revision ${s?.revision ?? 0} · ${(s?.rate ?? 0).toFixed(1)} writes/s`;
    }
    default:
      return 'not simulated';
  }
}

/** Several lines in the shape of `kubectl describe <kind> <name>`. */
export function describeModule(w: World, id: string, type: string, now: number): string {
  const t = w.topo;
  const lines: string[] = [];
  // Values line up at column 15, with at least one space after the colon ("Controlled By: Deployment/web").
  const row = (k: string, v: string | number) => lines.push(`${`${k}:`.padEnd(13)} ${v}`);
  switch (type) {
    case 'pod': {
      const pod = t.pods.find((p) => p.id === id)!;
      const s = w.states.pods.get(id);
      row('Name', pod.name);
      row('Status', `${s?.phase ?? 'Absent'}${s ? ` (for ${secs(now - s.since)})` : ''}`);
      if (s?.reason) row('Reason', s.reason);
      row('Node', pod.node >= 0 ? t.nodes[pod.node]!.name : '<none> (LOAD unpatched)');
      row(
        'Controlled By',
        pod.owner >= 0
          ? `Deployment/${t.deployments[pod.owner]!.name} (slot ${pod.ownerSlot + 1})`
          : pod.life.length
            ? 'a gate on LIFE'
            : '<none> (bare Pod)',
      );
      row('CPU', `${pod.cpu}m requested, ${Math.round(s?.loadM ?? 0)}m used`);
      row('Requests', `${s?.served ?? 0} served, ${s?.dropped ?? 0} lost, ${(s?.reqRate ?? 0).toFixed(1)}/s`);
      row('Restarts', s?.restarts ?? 0);
      break;
    }
    case 'node': {
      const node = t.nodes.find((n) => n.id === id)!;
      const s = w.states.nodes.get(id);
      row('Name', node.name);
      row('Conditions', s?.failed ? 'Ready=False (NotReady)' : 'Ready=True');
      row('Unschedulable', node.cordon ? 'true (cordoned)' : 'false');
      row('Capacity', `cpu ${node.capacity}m`);
      row('Used', `cpu ${Math.round(s?.usedM ?? 0)}m (${Math.round((100 * (s?.usedM ?? 0)) / node.capacity)}%)`);
      row('Pods', node.pods.map((p) => t.pods[p]!.name).join(', ') || '<none>');
      row('Evictions', s?.evictions ?? 0);
      row('UTIL out', volts(w, node.util));
      break;
    }
    case 'deployment': {
      const dep = t.deployments.find((d) => d.id === id)!;
      const s = w.states.deployments.get(id);
      row('Name', dep.name);
      row('Replicas', `${dep.replicas} desired | ${s?.claims.filter(Boolean).length ?? 0} claimed | ${s?.ready ?? 0} ready`);
      row(
        'Reconcile',
        dep.reconcile.length
          ? 'on RECONCILE pulses'
          : `internal clock, every ${w.cfg.internalReconcileMs} ms (RECONCILE unpatched)`,
      );
      row('Slots', Array.from({ length: SLOTS }, (_, i) => (s?.claims[i] ? (dep.claimPatched[i] ? '■' : '□') : '·')).join(' '));
      row('Reconciles', s?.reconciles ?? 0);
      row('COUNT out', volts(w, dep.count));
      break;
    }
    case 'service': {
      const svc = t.services.find((x) => x.id === id)!;
      const s = w.states.services.get(id);
      row('Name', svc.name);
      row('Endpoints', `${s?.endpoints ?? 0} ready of ${svc.select.length} selected`);
      row('Requests', `${s?.served ?? 0} served, ${s?.errors ?? 0} errors`);
      if (s?.partitioned) row('Fault', 'network partition');
      break;
    }
    default:
      row('Name', id);
      row('Status', statusLine(w, id, type));
  }
  return lines.join('\n');
}
