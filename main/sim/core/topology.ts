/**
 * Compiles a patch into the simulator's wiring: every output jack gets a numbered slot in the
 * signal buffers, every input the list of slots patched into it (poly channels in cable order),
 * every light a slot, and every module a typed record the rules read without string lookups.
 * This is what keeps a step over 10,000 Pods under a few milliseconds.
 */
import type { Catalog } from '../../patch/catalog';
import type { Module, Patch } from '../../patch/model';
import { linkRecords } from './topology-links';

/** How a slot's value is read: a level (gate, cv, audio) or a count of pulses in this step (trigger). */
export const LEVEL = 0;
export const TRIGGER = 1;

interface Base {
  /** Index in `Topology.modules`. */
  m: number;
  id: string;
  name: string;
}

export interface PodRec extends Base {
  cpu: number;
  /** Sources patched into LIFE; empty means a bare Pod that nobody owns. */
  life: number[];
  req: number[];
  ready: number;
  load: number;
  readyLed: number;
  phaseLed: number;
  reqLed: number;
  /** The Node its LOAD is patched into (the first, if several), as an index into `nodes`, or -1. */
  node: number;
  /** The Deployment and slot whose CLAIM drives LIFE, for describe; -1 when none. */
  owner: number;
  ownerSlot: number;
}

export interface NodeRec extends Base {
  capacity: number;
  cordon: boolean;
  /** Pods placed here, as indices into `pods`, in channel order. */
  pods: number[];
  util: number;
  cordoned: number;
  utilLed: number;
  cordonLed: number;
}

export interface DeploymentRec extends Base {
  replicas: number;
  reconcile: number[];
  readyIn: number[][];
  claim: number[];
  claimLed: number[];
  count: number;
  /** CLAIM n has a cable (to anything). */
  claimPatched: boolean[];
}

export interface ServiceRec extends Base {
  select: number[];
  req: number[];
  ep: number[];
  epLed: number[];
  err: number;
}

export interface IngressRec extends Base {
  rps: number;
  rules: number;
  req: number[];
  route: number[];
  routeLed: number[];
  routePatched: boolean[];
}

export interface ControllerRec extends Base {
  interval: number;
  watch: number[];
  tick: number;
  act: number;
  tickLed: number;
  watchLed: number;
  actLed: number;
  /** Deployments whose RECONCILE this Controller's TICK drives, as indices into `deployments`. */
  drives: number[];
}

export interface EtcdRec extends Base {
  write: number[];
  watch: number;
  audio: number;
  writeLed: number;
  heartbeat: number;
}

export interface Topology {
  moduleIds: string[];
  moduleTypes: string[];
  /** Output slots: key `module/jack`, how to read it, and how many cables leave it. */
  outKeys: string[];
  outKind: Uint8Array;
  lightKeys: string[];
  pods: PodRec[];
  nodes: NodeRec[];
  deployments: DeploymentRec[];
  services: ServiceRec[];
  ingresses: IngressRec[];
  controllers: ControllerRec[];
  etcds: EtcdRec[];
}

const SLOTS = 6;

/** The record lists of a Topology, by name. */
export type RecordList = 'pods' | 'nodes' | 'deployments' | 'services' | 'ingresses' | 'controllers' | 'etcds';

/**
 * What compiling learnt besides the topology: the slot of every output and light, the sources of
 * every input, and where each module's record is. An edit that keeps the slots (a knob, a cable,
 * a name) updates the topology from these instead of compiling it again (topology-update.ts).
 */
export interface Wiring {
  outIndex: Map<string, number>;
  lightIndex: Map<string, number>;
  /** `module/jack` of an input -> its source slots, in cable order. */
  inputs: Map<string, number[]>;
  /** `module/jack` of an output -> how many cables leave it. */
  fanout: Map<string, number>;
  /** Module id -> its record's list and index there (modules of unknown types have none). */
  records: Map<string, { list: RecordList; i: number }>;
  podByLoadSlot: Map<number, number>;
  claimOwner: Map<number, { dep: number; slot: number }>;
  tickOwner: Map<number, number>;
}

export interface CompiledTopology {
  topo: Topology;
  wiring: Wiring;
}

/** Builds the wiring of `patch`. Modules of types the simulator does not know are skipped. */
export function compileTopology(patch: Patch, catalog: Catalog): Topology {
  return compileWiring(patch, catalog).topo;
}

/** compileTopology, keeping what an in-place update needs. */
export function compileWiring(patch: Patch, catalog: Catalog): CompiledTopology {
  const outKeys: string[] = [];
  const outKindList: number[] = [];
  const outIndex = new Map<string, number>();
  const lightKeys: string[] = [];
  const lightIndex = new Map<string, number>();
  for (const mod of patch.modules) {
    const def = catalog.get(mod.type);
    if (!def) continue;
    for (const jack of def.jacks) {
      if (jack.direction !== 'output') continue;
      const key = `${mod.id}/${jack.id}`;
      outIndex.set(key, outKeys.length);
      outKeys.push(key);
      outKindList.push(jack.signal === 'trigger' ? TRIGGER : LEVEL);
    }
    for (const light of def.lights) {
      const key = `${mod.id}/${light.id}`;
      lightIndex.set(key, lightKeys.length);
      lightKeys.push(key);
    }
  }
  const inputs = new Map<string, number[]>();
  const fanout = new Map<string, number>();
  // Cable order is channel order (SIGNALS.md "Poly inputs").
  for (const cable of patch.cables) {
    const slot = outIndex.get(`${cable.from.module}/${cable.from.jack}`);
    if (slot === undefined) continue;
    const key = `${cable.to.module}/${cable.to.jack}`;
    let list = inputs.get(key);
    if (!list) inputs.set(key, (list = []));
    list.push(slot);
    fanout.set(outKeys[slot]!, (fanout.get(outKeys[slot]!) ?? 0) + 1);
  }

  const topo: Topology = {
    moduleIds: [],
    moduleTypes: [],
    outKeys,
    outKind: Uint8Array.from(outKindList),
    lightKeys,
    pods: [],
    nodes: [],
    deployments: [],
    services: [],
    ingresses: [],
    controllers: [],
    etcds: [],
  };
  const wiring: Wiring = {
    outIndex,
    lightIndex,
    inputs,
    fanout,
    records: new Map(),
    podByLoadSlot: new Map(),
    claimOwner: new Map(),
    tickOwner: new Map(),
  };
  for (const mod of patch.modules) {
    if (!catalog.get(mod.type)) continue;
    const m = topo.moduleIds.length;
    topo.moduleIds.push(mod.id);
    topo.moduleTypes.push(mod.type);
    const built = moduleRecord(mod, m, wiring, catalog);
    if (!built) continue;
    const list = topo[built.list] as { id: string }[];
    wiring.records.set(mod.id, { list: built.list, i: list.length });
    list.push(built.record);
  }
  topo.pods.forEach((pod, p) => wiring.podByLoadSlot.set(pod.load, p));
  topo.deployments.forEach((dep, n) => dep.claim.forEach((slot, i) => wiring.claimOwner.set(slot, { dep: n, slot: i })));
  topo.controllers.forEach((ctl, c) => wiring.tickOwner.set(ctl.tick, c));
  linkRecords(topo, wiring);
  return { topo, wiring };
}

type Built =
  | { list: 'pods'; record: PodRec }
  | { list: 'nodes'; record: NodeRec }
  | { list: 'deployments'; record: DeploymentRec }
  | { list: 'services'; record: ServiceRec }
  | { list: 'ingresses'; record: IngressRec }
  | { list: 'controllers'; record: ControllerRec }
  | { list: 'etcds'; record: EtcdRec };

/**
 * The record of one module (module index `m`), its links to other records unset (linkRecords).
 * Undefined for a type added to the catalog later: it is wired (its outputs read 0 V) but has no rule yet.
 */
export function moduleRecord(mod: Module, m: number, w: Wiring, catalog: Catalog): Built | undefined {
  const param = (id: string) => mod.params[id] ?? catalog.param(mod.type, id)?.default ?? 0;
  const { id } = mod;
  const name = typeof mod.data.name === 'string' && mod.data.name ? mod.data.name : mod.id;
  const out = (jack: string) => w.outIndex.get(`${id}/${jack}`) ?? -1;
  const light = (l: string) => w.lightIndex.get(`${id}/${l}`) ?? -1;
  const inp = (jack: string) => w.inputs.get(`${id}/${jack}`) ?? [];
  const patched = (jack: string) => (w.fanout.get(`${id}/${jack}`) ?? 0) > 0;
  // Records are built field by field, never with object spread: spread copies gave V8 objects
  // 18x slower to read in the step loop (measured: 1.9 ms vs 0.1 ms per 10,000 Pods).
  switch (mod.type) {
    case 'pod':
      return {
        list: 'pods',
        record: {
          m,
          id,
          name,
          cpu: param('cpu'),
          life: inp('life'),
          req: inp('req'),
          ready: out('ready'),
          load: out('load'),
          readyLed: light('ready-led'),
          phaseLed: light('phase'),
          reqLed: light('req-led'),
          node: -1,
          owner: -1,
          ownerSlot: -1,
        },
      };
    case 'node':
      return {
        list: 'nodes',
        record: {
          m,
          id,
          name,
          capacity: Math.max(1, param('capacity')),
          cordon: param('cordon') >= 1,
          pods: [],
          util: out('util'),
          cordoned: out('cordoned'),
          utilLed: light('util-led'),
          cordonLed: light('cordon-led'),
        },
      };
    case 'deployment':
      return {
        list: 'deployments',
        record: {
          m,
          id,
          name,
          replicas: Math.max(0, Math.round(param('replicas'))),
          reconcile: inp('reconcile'),
          readyIn: range(SLOTS).map((i) => inp(`ready-${i + 1}`)),
          claim: range(SLOTS).map((i) => out(`claim-${i + 1}`)),
          claimLed: range(SLOTS).map((i) => light(`claim-${i + 1}-led`)),
          count: out('ready-count'),
          claimPatched: range(SLOTS).map((i) => patched(`claim-${i + 1}`)),
        },
      };
    case 'service':
      return {
        list: 'services',
        record: {
          m,
          id,
          name,
          select: inp('select'),
          req: inp('req'),
          ep: range(4).map((i) => out(`ep-${i + 1}`)),
          epLed: range(4).map((i) => light(`ep-${i + 1}-led`)),
          err: light('err'),
        },
      };
    case 'ingress': {
      const rules = Array.isArray(mod.data.rules) ? mod.data.rules.length : 0;
      return {
        list: 'ingresses',
        record: {
          m,
          id,
          name,
          rps: Math.max(0, param('rps')),
          rules: Math.min(4, Math.max(1, rules)),
          req: inp('req'),
          route: range(4).map((i) => out(`route-${i + 1}`)),
          routeLed: range(4).map((i) => light(`route-${i + 1}-led`)),
          routePatched: range(4).map((i) => patched(`route-${i + 1}`)),
        },
      };
    }
    case 'controller':
      return {
        list: 'controllers',
        record: {
          m,
          id,
          name,
          interval: Math.max(10, param('interval')),
          watch: inp('watch'),
          tick: out('tick'),
          act: out('act'),
          tickLed: light('tick-led'),
          watchLed: light('watch-led'),
          actLed: light('act-led'),
          drives: [],
        },
      };
    case 'etcd':
      return {
        list: 'etcds',
        record: {
          m,
          id,
          name,
          write: inp('write'),
          watch: out('watch'),
          audio: out('audio'),
          writeLed: light('write-led'),
          heartbeat: light('heartbeat'),
        },
      };
    default:
      return undefined;
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
