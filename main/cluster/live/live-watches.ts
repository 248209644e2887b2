/**
 * The informers of one connection and namespace: one list+watch per kind the faceplates read
 * (Pods, Deployments, Services, EndpointSlices, Ingresses and Events in the namespace; Nodes
 * cluster-wide). Started together, stopped together.
 */
import type { ClusterConnection } from '../connection';
import type { Clock } from '../../time/clock';
import type { TimerPort } from '../../time/timers';
import type { KubeObject } from './kube-object';
import type { LiveObjects } from './live-map';
import { ListWatch } from './list-watch';
import type { Backoff, WatchStatus } from './watch-policy';

type Kind = keyof LiveObjects | 'events';

const KINDS: { key: Kind; kind: string; path: (ns: string) => string }[] = [
  { key: 'pods', kind: 'Pod', path: (ns) => `/api/v1/namespaces/${ns}/pods` },
  { key: 'deployments', kind: 'Deployment', path: (ns) => `/apis/apps/v1/namespaces/${ns}/deployments` },
  { key: 'services', kind: 'Service', path: (ns) => `/api/v1/namespaces/${ns}/services` },
  { key: 'endpointSlices', kind: 'EndpointSlice', path: (ns) => `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices` },
  { key: 'ingresses', kind: 'Ingress', path: (ns) => `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses` },
  { key: 'nodes', kind: 'Node', path: () => '/api/v1/nodes' },
  { key: 'events', kind: 'Event', path: (ns) => `/api/v1/namespaces/${ns}/events` },
];

export interface LiveWatchesOptions {
  conn: ClusterConnection;
  namespace: string;
  clock: Clock;
  timers: TimerPort;
  /** `kind` changed ("events" for the Event kind). */
  onChange: (kind: Kind) => void;
  onStatus: () => void;
  staleMs?: number;
  backoff?: Backoff;
}

export class LiveWatches {
  private readonly watches = new Map<Kind, ListWatch>();

  constructor(readonly options: LiveWatchesOptions) {
    for (const k of KINDS)
      this.watches.set(
        k.key,
        new ListWatch({
          http: options.conn.http,
          kind: k.kind,
          path: k.path(encodeURIComponent(options.namespace)),
          clock: options.clock,
          timers: options.timers,
          onChange: () => options.onChange(k.key),
          onStatus: () => options.onStatus(),
          describe: (error) => options.conn.describe(error, options.namespace),
          ...(options.staleMs !== undefined ? { staleMs: options.staleMs } : {}),
          ...(options.backoff ? { backoff: options.backoff } : {}),
        }),
      );
  }

  start(): void {
    for (const w of this.watches.values()) w.start();
  }

  stop(): void {
    for (const w of this.watches.values()) w.stop();
  }

  /** Every watch lists again (the staleness watchdog does this per kind by itself). */
  relist(): void {
    for (const w of this.watches.values()) w.relist();
  }

  watch(kind: Kind): ListWatch {
    return this.watches.get(kind)!;
  }

  objects(): LiveObjects {
    const of = (k: Kind) => this.watches.get(k)!.objects();
    return {
      pods: of('pods'),
      deployments: of('deployments'),
      services: of('services'),
      endpointSlices: of('endpointSlices'),
      ingresses: of('ingresses'),
      nodes: of('nodes'),
    };
  }

  events(): KubeObject[] {
    return this.watches.get('events')!.objects();
  }

  statuses(): WatchStatus[] {
    return [...this.watches.values()].map((w) => w.status);
  }
}
