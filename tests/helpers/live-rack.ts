/**
 * The main-process side of the live view, assembled as the app assembles it (Session, event hub,
 * simulator service, cluster service, live service), against a real control plane: a test
 * applies a patch through the confirmed apply and reads what the faceplates get (the frames on
 * the hub, merged as the renderer merges them) and the Events tab's rows.
 */
import path from 'node:path';
import { EventHub } from '../../main/api/event-hub';
import { loadCatalog, resourcesDir } from '../../main/catalog/load-catalog';
import { ClusterService } from '../../main/cluster/cluster-service';
import { LiveService } from '../../main/cluster/live/live-service';
import type { Backoff } from '../../main/cluster/live/watch-policy';
import type { Catalog } from '../../main/patch/catalog';
import type { Patch } from '../../main/patch/model';
import { Session } from '../../main/session/session';
import { mergeFrames } from '../../main/sim/core/frame';
import type { SimEvent, SimFrame } from '../../main/sim/core/types';
import { SimService } from '../../main/sim/sim-service';
import { importManifests } from '../../main/synth/import-manifests';
import { synthesizePatch } from '../../main/synth/synth';
import { systemClock } from '../../main/time/clock';

export interface LiveRack {
  catalog: Catalog;
  session: Session;
  hub: EventHub;
  sim: SimService;
  cluster: ClusterService;
  live: LiveService;
  /** Everything the faceplates were sent, merged: the current light levels and status lines. */
  frame(): SimFrame;
  /** Every Events-tab row sent so far, in order. */
  events: SimEvent[];
  /** Each value a light had, in order of the frames (repeats folded). */
  history(key: string): number[];
  /** Connects, applies the session's patch (diff, then the confirmed apply) in `namespace`. */
  connectAndApply(context: string, namespace: string, apply?: boolean): Promise<void>;
  dispose(): void;
}

export async function liveRack(options: {
  kubeconfigs: string[];
  yaml: string;
  backoff?: Backoff;
  staleMs?: number;
}): Promise<LiveRack> {
  const catalog = (await loadCatalog(resourcesDir())).catalog;
  const imported = importManifests([['live.yaml', options.yaml]], catalog);
  if (!imported.ok) throw new Error(imported.error);
  const session = new Session(catalog, systemClock);
  session.load(imported.patch as Patch, 'file');
  const hub = new EventHub();
  const sim = new SimService({ session, catalog, hub, clock: systemClock });
  const cluster = new ClusterService({
    env: { KUBECONFIG: options.kubeconfigs.join(path.delimiter), PATH: process.env['PATH'] },
    watchFiles: false,
    onChange: (state) => hub.emit('cluster.changed', state),
  });
  await cluster.start();
  const live = new LiveService({
    cluster,
    session,
    catalog,
    sim,
    hub,
    clock: systemClock,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.staleMs !== undefined ? { staleMs: options.staleMs } : {}),
  });
  let merged: SimFrame | undefined;
  const histories = new Map<string, number[]>();
  const events: SimEvent[] = [];
  hub.on('sim.frame', (f) => {
    merged = merged ? mergeFrames(merged, f) : f;
    for (const [key, level] of Object.entries(f.lights ?? {})) {
      const h = histories.get(key) ?? [];
      if (h[h.length - 1] !== level) h.push(level);
      histories.set(key, h);
    }
  });
  hub.on('sim.event', (batch) => events.push(...batch.events));
  return {
    catalog,
    session,
    hub,
    sim,
    cluster,
    live,
    events,
    frame: () => merged ?? sim.snapshot().frame,
    history: (key) => histories.get(key) ?? [],
    async connectAndApply(context, namespace, apply = true) {
      await cluster.connect(context, namespace);
      if (!apply) return;
      const { manifests } = synthesizePatch(session.patch, 'live');
      const { id } = await cluster.diff(manifests, 'live', session.version);
      const result = await cluster.apply(id, session.version, []);
      if (!result.ok) throw new Error(result.summary);
    },
    dispose() {
      live.dispose();
      cluster.dispose();
      sim.dispose();
    },
  };
}

/** A fake Node of its own for a test (kwok runs its Pods), so cordoning it disturbs no other test. */
export const fakeNodeYaml = (name: string) => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  annotations: {kwok.x-k8s.io/node: fake}
  labels: {kubernetes.io/hostname: ${name}, kubernetes.io/os: linux, type: kwok}
status:
  allocatable: {cpu: "4", memory: 16Gi, pods: "110"}
  capacity: {cpu: "4", memory: 16Gi, pods: "110"}
`;

/** A Deployment of `replicas` Pods placed on `node` (so the rack holds that Node module) and its Service. */
export const webYaml = (node: string, replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app.kubernetes.io/name: web}}
  template:
    metadata: {labels: {app.kubernetes.io/name: web}}
    spec:
      nodeSelector: {kubernetes.io/hostname: ${node}}
      containers:
      - name: web
        image: "nginx:1.27"
        ports: [{containerPort: 80, protocol: TCP}]
        resources: {requests: {cpu: 500m}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app.kubernetes.io/name: web}
  ports: [{port: 80, protocol: TCP}]
`;
