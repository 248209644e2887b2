/**
 * The faceplates of the live cluster, in the simulator's output format (SimOutputs: lights by
 * `module/light`, voltages by `module/jack`, colour overrides, one status line per module), so
 * the frames, the hardware rack's LEDs and everything else downstream cannot tell the sources
 * apart. Pure: from the mapping (live-map.ts) and the objects.
 *   Pod: phase and ready LEDs, READY gate, LOAD = its CPU request; status with the restarts.
 *   Deployment: claim LEDs for the live replicas, READY COUNT = readyReplicas / replicas.
 *   Node: UTIL = requests of the namespace's Pods on it / allocatable; cordon = spec.unschedulable.
 *   Service: one endpoint LED per ready endpoint of its EndpointSlices; ERR lit with none.
 *   Ingress: a route LED per rule whose backend Service exists.
 * A transitional phase (Pending, ContainerCreating, Terminating) shows half lit: the simulator
 * blinks it, but live frames are sent on change only.
 */
import type { Catalog } from '../../patch/catalog';
import type { Patch } from '../../patch/model';
import type { PodPhase, SimOutputs } from '../../sim/core/types';
import type { KubeObject } from './kube-object';
import { selectedPods, type LiveMapping, type LiveObjects } from './live-map';

const CRASH_COLOR = '#ff4040';
const NOT_READY_COLOR = '#ff4040';
const SLOTS = 6;

type ContainerStatus = { restartCount?: number; state?: { waiting?: { reason?: string } } };
const containers = (p: KubeObject) => (p.status?.['containerStatuses'] as ContainerStatus[] | undefined) ?? [];
const conditions = (o: KubeObject) => (o.status?.['conditions'] as { type: string; status: string }[] | undefined) ?? [];
const isTrue = (o: KubeObject, type: string) => conditions(o).some((c) => c.type === type && c.status === 'True');

export function podPhase(p: KubeObject): PodPhase {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  const waiting = containers(p).map((c) => c.state?.waiting?.reason);
  if (waiting.includes('CrashLoopBackOff')) return 'CrashLoopBackOff';
  const phase = p.status?.['phase'];
  if (phase === 'Running') return isTrue(p, 'Ready') ? 'Ready' : 'Running';
  if (phase === 'Pending') return p.spec?.['nodeName'] ? 'ContainerCreating' : 'Pending';
  return phase === 'Succeeded' || phase === 'Failed' ? 'Absent' : 'Pending';
}

export const restarts = (p: KubeObject) => containers(p).reduce((n, c) => n + (c.restartCount ?? 0), 0);

/** "250m" → 250, "2" → 2000, "1.5" → 1500. */
export function cpuMillis(q: unknown): number {
  if (typeof q === 'number') return q * 1000;
  if (typeof q !== 'string' || q === '') return 0;
  if (q.endsWith('m')) return Number(q.slice(0, -1)) || 0;
  return (Number(q) || 0) * 1000;
}

export function podCpu(p: KubeObject): number {
  const list = (p.spec?.['containers'] as { resources?: { requests?: { cpu?: unknown } } }[] | undefined) ?? [];
  return list.reduce((n, c) => n + cpuMillis(c.resources?.requests?.cpu), 0);
}

export function readyEndpoints(service: KubeObject, slices: readonly KubeObject[]): number {
  let n = 0;
  for (const s of slices) {
    if (s.metadata.labels?.['kubernetes.io/service-name'] !== service.metadata.name) continue;
    for (const e of (s['endpoints'] as { conditions?: { ready?: boolean } }[] | undefined) ?? [])
      if (e.conditions?.ready !== false) n++;
  }
  return n;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function liveOutputs(patch: Patch, catalog: Catalog, mapping: LiveMapping, live: LiveObjects): SimOutputs {
  const out: SimOutputs = { lights: {}, volts: {}, colors: {}, status: {} };
  for (const m of patch.modules) {
    const def = catalog.get(m.type);
    if (!def) continue;
    for (const light of def.lights) out.lights[`${m.id}/${light.id}`] = 0;
    for (const jack of def.jacks) if (jack.direction === 'output') out.volts[`${m.id}/${jack.id}`] = 0;
    const o = mapping.objects.get(m.id);
    const light = (id: string, level: number, color?: string) => {
      out.lights[`${m.id}/${id}`] = Math.round(Math.max(0, Math.min(1, level)) * 100) / 100;
      if (color) out.colors[`${m.id}/${id}`] = color;
    };
    const volt = (jack: string, v: number) =>
      (out.volts[`${m.id}/${jack}`] = Math.round(Math.max(-10, Math.min(10, v)) * 10) / 10);
    if (!o) {
      out.status[m.id] =
        m.type === 'pod' || m.type === 'deployment' || m.type === 'service' || m.type === 'ingress' || m.type === 'node'
          ? 'not in the cluster'
          : 'not watched';
      continue;
    }
    switch (m.type) {
      case 'pod': {
        const phase = podPhase(o);
        const ready = phase === 'Ready';
        light('ready-led', ready ? 1 : 0);
        if (phase === 'CrashLoopBackOff') light('phase', 1, CRASH_COLOR);
        else light('phase', phase === 'Running' || phase === 'Ready' ? 1 : phase === 'Absent' ? 0 : 0.5);
        volt('ready', ready ? 10 : 0);
        volt('load', podCpu(o) / 1000);
        const r = restarts(o);
        out.status[m.id] = `${o.metadata.name} · ${phase}${r ? ` · ${plural(r, 'restart')}` : ''}`;
        break;
      }
      case 'deployment': {
        const want = Number(o.spec?.['replicas'] ?? 0);
        const ready = Number(o.status?.['readyReplicas'] ?? 0);
        const running = selectedPods(o, live.pods).filter((p) => !p.metadata.deletionTimestamp).length;
        for (let i = 0; i < SLOTS; i++) {
          light(`claim-${i + 1}-led`, i < running ? 1 : 0);
          volt(`claim-${i + 1}`, i < running ? 10 : 0);
        }
        volt('ready-count', want === 0 ? 0 : (10 * ready) / want);
        const extras = mapping.extras.get(m.id) ?? 0;
        out.status[m.id] =
          `${ready}/${want} ready${extras ? ` · ${extras} more Pod${extras === 1 ? '' : 's'} than the rack holds` : ''}`;
        break;
      }
      case 'node': {
        const allocatable = cpuMillis((o.status?.['allocatable'] as { cpu?: unknown } | undefined)?.cpu);
        const requested = live.pods
          .filter((p) => p.spec?.['nodeName'] === o.metadata.name && podPhase(p) !== 'Absent')
          .reduce((n, p) => n + podCpu(p), 0);
        const util = allocatable > 0 ? requested / allocatable : 0;
        const ready = isTrue(o, 'Ready');
        const cordoned = o.spec?.['unschedulable'] === true;
        light('util-led', ready ? util : 1, ready ? undefined : NOT_READY_COLOR);
        light('cordon-led', cordoned ? 1 : 0);
        volt('util', 10 * util);
        volt('cordoned', cordoned ? 10 : 0);
        out.status[m.id] =
          `${ready ? 'Ready' : 'NotReady'}${cordoned ? ',SchedulingDisabled' : ''} · ${Math.round(100 * util)}% cpu requested`;
        break;
      }
      case 'service': {
        const n = readyEndpoints(o, live.endpointSlices);
        for (let i = 0; i < 4; i++) light(`ep-${i + 1}-led`, i < n ? 1 : 0);
        light('err', n === 0 ? 1 : 0);
        out.status[m.id] = `${plural(n, 'endpoint')} ready`;
        break;
      }
      case 'ingress': {
        type Path = { backend?: { service?: { name?: string } } };
        const rules = (o.spec?.['rules'] as { http?: { paths?: Path[] } }[] | undefined) ?? [];
        const backends = rules.map((r) => r.http?.paths?.[0]?.backend?.service?.name);
        backends
          .slice(0, 4)
          .forEach((b, i) => light(`route-${i + 1}-led`, b && live.services.some((s) => s.metadata.name === b) ? 1 : 0));
        const names = [...new Set(backends.filter((b): b is string => !!b))];
        out.status[m.id] = `${plural(rules.length, 'rule')}${names.length ? ` → ${names.join(', ')}` : ''}`;
        break;
      }
    }
  }
  return out;
}
