/**
 * Manifest -> topology entry: the reverse of manifests.ts for one object. Fields the mapping
 * models become topology fields; everything else is returned as `foreign`, verbatim, to be kept in
 * module data. A list the mapping cannot model whole (an env var with valueFrom, a port with
 * hostPort) stays foreign as a whole, so nothing is half-kept.
 */
import type { Json } from '../patch/model';
import { isJsonObject, withoutPaths, type JsonObject } from './merge';
import type { Manifest } from './manifests';
import { MODELLED_KINDS, objectId, type TopoObject } from './objects';
import type {
  TopoContainer,
  TopoEnv,
  TopoIngress,
  TopoPort,
  TopoRule,
  TopoService,
  TopoServicePort,
  TopoWorkload,
} from './topology';
import { isOwnDeploymentSelector } from './selectors';
import { HOSTNAME_LABEL, LABEL_MANAGED_BY, LABEL_NAME, LABEL_PART_OF, MODULE_ANNOTATION } from './vocabulary';

export type ReadEntry =
  | { kind: 'Deployment'; entry: TopoWorkload }
  | { kind: 'Pod'; entry: TopoWorkload }
  | { kind: 'Service'; entry: TopoService }
  | { kind: 'Ingress'; entry: TopoIngress }
  /** Any other kind: held verbatim by an Object module. */
  | { kind: 'Object'; entry: TopoObject };

/** A problem at a path inside the manifest (the YAML panel turns it into a line and column). */
export interface ReadProblem {
  path: (string | number)[];
  message: string;
}

export type ReadResult = { ok: true; read: ReadEntry } | { ok: false; problem: ReadProblem };

/** RFC 1123 subdomain, as the API server checks object names (renderer/edit/data-fields.ts agrees). */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export { MODELLED_KINDS } from './objects';

const get = (v: Json | undefined, ...path: string[]): Json | undefined => {
  let at = v;
  for (const step of path) {
    if (Array.isArray(at)) at = at[Number(step)];
    else if (isJsonObject(at)) at = at[step];
    else return undefined;
  }
  return at;
};
const onlyKeys = (o: Json, keys: readonly string[]) => isJsonObject(o) && Object.keys(o).every((k) => keys.includes(k));

const META_PATHS = [
  ['apiVersion'],
  ['kind'],
  ['metadata', 'name'],
  ['metadata', 'labels', LABEL_NAME],
  ['metadata', 'labels', LABEL_PART_OF],
  ['metadata', 'labels', LABEL_MANAGED_BY],
  ['metadata', 'annotations', MODULE_ANNOTATION],
];

/** "250m" -> 250, "0.5" -> 500, "2" -> 2000; undefined for anything else (kept foreign). */
export function parseCpu(q: Json | undefined): number | undefined {
  if (typeof q === 'number' && Number.isFinite(q) && q >= 0) return Math.round(q * 1000);
  if (typeof q !== 'string') return undefined;
  if (/^\d+m$/.test(q)) return Number(q.slice(0, -1));
  if (/^\d+(\.\d{1,3})?$/.test(q)) return Math.round(Number(q) * 1000);
  return undefined;
}

interface Part<T> {
  value: T;
  paths: string[][];
}

function readContainer(spec: Json | undefined, at: string[]): Part<TopoContainer> {
  const c = get(spec, 'containers', '0');
  const paths: string[][] = [];
  const image = get(c, 'image');
  const container: TopoContainer = { image: typeof image === 'string' ? image : '', ports: [], env: [], cpuMillis: 0 };
  if (typeof image === 'string') paths.push([...at, 'containers', '0', 'image']);
  const ports = get(c, 'ports');
  if (
    Array.isArray(ports) &&
    ports.every((p) => onlyKeys(p, ['name', 'containerPort', 'protocol']) && typeof get(p, 'containerPort') === 'number')
  ) {
    container.ports = ports.map((p): TopoPort => {
      const name = get(p, 'name');
      const protocol = get(p, 'protocol');
      return {
        ...(typeof name === 'string' ? { name } : {}),
        port: get(p, 'containerPort') as number,
        protocol: typeof protocol === 'string' ? protocol : 'TCP',
      };
    });
    paths.push([...at, 'containers', '0', 'ports']);
  }
  const env = get(c, 'env');
  if (Array.isArray(env) && env.every((e) => onlyKeys(e, ['name', 'value']) && typeof get(e, 'name') === 'string')) {
    container.env = env.map((e): TopoEnv => ({ name: get(e, 'name') as string, value: String(get(e, 'value') ?? '') }));
    paths.push([...at, 'containers', '0', 'env']);
  }
  const cpu = parseCpu(get(c, 'resources', 'requests', 'cpu'));
  if (cpu !== undefined) {
    container.cpuMillis = cpu;
    paths.push([...at, 'containers', '0', 'resources', 'requests', 'cpu']);
  }
  return { value: container, paths };
}

function readPlacement(spec: Json | undefined, at: string[]): Part<string[]> {
  const host = get(spec, 'nodeSelector', HOSTNAME_LABEL);
  if (typeof host === 'string') return { value: [host], paths: [[...at, 'nodeSelector', HOSTNAME_LABEL]] };
  const required = get(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
  const terms = get(required, 'nodeSelectorTerms');
  const expr = get(terms, '0', 'matchExpressions', '0');
  if (
    Array.isArray(terms) &&
    terms.length === 1 &&
    onlyKeys(required ?? {}, ['nodeSelectorTerms']) &&
    onlyKeys(terms[0]!, ['matchExpressions']) &&
    (get(terms, '0', 'matchExpressions') as Json[]).length === 1 &&
    get(expr, 'key') === HOSTNAME_LABEL &&
    get(expr, 'operator') === 'In'
  ) {
    const values = get(expr, 'values');
    if (Array.isArray(values) && values.every((v) => typeof v === 'string'))
      return {
        value: [...new Set(values as string[])].sort(),
        paths: [[...at, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution']],
      };
  }
  return { value: [], paths: [] };
}

function readWorkload(m: Manifest, name: string, module: string, pod: boolean): TopoWorkload {
  const specAt = pod ? ['spec'] : ['spec', 'template', 'spec'];
  const spec = get(m, ...specAt);
  const container = readContainer(spec, specAt);
  const nodes = readPlacement(spec, specAt);
  const paths = [...META_PATHS, ...container.paths, ...nodes.paths];
  let replicas: number | undefined;
  if (!pod) {
    const r = get(m, 'spec', 'replicas');
    replicas = typeof r === 'number' ? r : 1;
    paths.push(['spec', 'replicas']);
    // Our own selector is rebuilt from the name; any other is kept verbatim (selectors.ts).
    if (isOwnDeploymentSelector(get(m, 'spec', 'selector'))) paths.push(['spec', 'selector']);
    for (const l of [LABEL_NAME, LABEL_PART_OF, LABEL_MANAGED_BY]) paths.push(['spec', 'template', 'metadata', 'labels', l]);
  }
  // The first container's name is kept foreign (manifests.ts puts it back), unless it is ours.
  const cname = get(spec, 'containers', '0', 'name');
  if (cname === name) paths.push([...specAt, 'containers', '0', 'name']);
  const foreign = withoutPaths(m, paths);
  return {
    module,
    name,
    ...(pod ? {} : { replicas }),
    pods: [],
    container: container.value,
    nodes: nodes.value,
    ...(foreign !== undefined ? { foreign } : {}),
  };
}

function readService(m: Manifest, name: string, module: string): TopoService {
  const paths = [...META_PATHS];
  const selector = get(m, 'spec', 'selector');
  let selects: string[] = [];
  if (isJsonObject(selector) && typeof selector[LABEL_NAME] === 'string') {
    selects = [selector[LABEL_NAME]];
    paths.push(['spec', 'selector', LABEL_NAME]);
  }
  const ports = get(m, 'spec', 'ports');
  let out: TopoServicePort[] = [];
  if (
    Array.isArray(ports) &&
    ports.every((p) => onlyKeys(p, ['name', 'port', 'targetPort', 'protocol']) && typeof get(p, 'port') === 'number')
  ) {
    out = ports.map((p) => {
      const n = get(p, 'name');
      const t = get(p, 'targetPort');
      const protocol = get(p, 'protocol');
      return {
        ...(typeof n === 'string' ? { name: n } : {}),
        port: get(p, 'port') as number,
        ...(typeof t === 'number' || typeof t === 'string' ? { targetPort: t } : {}),
        protocol: typeof protocol === 'string' ? protocol : 'TCP',
      };
    });
    paths.push(['spec', 'ports']);
  }
  const foreign = withoutPaths(m, paths);
  return { module, name, ports: out, selects, ...(foreign !== undefined ? { foreign } : {}) };
}

function readIngress(m: Manifest, name: string, module: string): TopoIngress {
  const paths = [...META_PATHS];
  const rules = get(m, 'spec', 'rules');
  let out: TopoRule[] = [];
  const plain = (r: Json) => {
    const p = get(r, 'http', 'paths');
    return (
      onlyKeys(r, ['host', 'http']) &&
      onlyKeys(get(r, 'http') ?? {}, ['paths']) &&
      Array.isArray(p) &&
      p.every(
        (x) =>
          onlyKeys(x, ['path', 'pathType', 'backend']) &&
          onlyKeys(get(x, 'backend') ?? {}, ['service']) &&
          typeof get(x, 'backend', 'service', 'name') === 'string',
      )
    );
  };
  if (Array.isArray(rules) && rules.every(plain)) {
    out = rules.flatMap((r) =>
      (get(r, 'http', 'paths') as Json[]).map((p): TopoRule => {
        const host = get(r, 'host');
        const port = get(p, 'backend', 'service', 'port', 'number') ?? get(p, 'backend', 'service', 'port', 'name');
        return {
          ...(typeof host === 'string' ? { host } : {}),
          path: String(get(p, 'path') ?? '/'),
          pathType: String(get(p, 'pathType') ?? 'Prefix'),
          service: get(p, 'backend', 'service', 'name') as string,
          port: typeof port === 'number' || typeof port === 'string' ? port : 80,
        };
      }),
    );
    paths.push(['spec', 'rules']);
  }
  const foreign = withoutPaths(m, paths);
  return { module, name, rules: out, ...(foreign !== undefined ? { foreign } : {}) };
}

/**
 * Reads one manifest. `fallbackModule` names the module when the manifest carries no
 * k8s-synth.io/module annotation (a foreign object, or one typed into the editor).
 */
export function readManifest(m: Json, fallbackModule: string): ReadResult {
  if (!isJsonObject(m))
    return { ok: false, problem: { path: [], message: 'A document must be a mapping with apiVersion, kind and metadata.' } };
  const kind = m['kind'];
  if (typeof kind !== 'string')
    return {
      ok: false,
      problem: { path: [], message: 'Missing kind: Deployment, Pod, Service, Ingress, or any other kind (kept as an Object).' },
    };
  const apiVersion = MODELLED_KINDS[kind];
  if (!apiVersion) return readObject(m, kind, fallbackModule);
  if (m['apiVersion'] !== apiVersion)
    return { ok: false, problem: { path: ['apiVersion'], message: `A ${kind} is apiVersion ${apiVersion}.` } };
  const name = get(m, 'metadata', 'name');
  if (typeof name !== 'string' || name === '')
    return { ok: false, problem: { path: ['metadata'], message: 'metadata.name is required.' } };
  // The OpenAPI schemas do not carry the name rules; the API server (and the inspector) do.
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name))
    return {
      ok: false,
      problem: {
        path: ['metadata', 'name'],
        message: 'metadata.name: lowercase letters, digits, "-" and "."; start and end with a letter or digit.',
      },
    };
  const annotated = get(m, 'metadata', 'annotations', MODULE_ANNOTATION);
  const module = typeof annotated === 'string' ? annotated : fallbackModule;
  switch (kind) {
    case 'Deployment':
      return { ok: true, read: { kind, entry: readWorkload(m as JsonObject, name, module, false) } };
    case 'Pod':
      return { ok: true, read: { kind, entry: readWorkload(m as JsonObject, name, module, true) } };
    case 'Service':
      return { ok: true, read: { kind, entry: readService(m as JsonObject, name, module) } };
    default:
      return { ok: true, read: { kind: 'Ingress', entry: readIngress(m as JsonObject, name, module) } };
  }
}

/**
 * A manifest of a kind the rack has no module for becomes an Object, kept whole. A kind that is a
 * modelled one in the wrong case ("deployment") is refused: it is a typo, not a custom resource.
 */
function readObject(m: JsonObject, kind: string, module: string): ReadResult {
  const typo = Object.keys(MODELLED_KINDS).find((k) => k.toLowerCase() === kind.toLowerCase());
  if (typo) return { ok: false, problem: { path: ['kind'], message: `kind ${kind}: did you mean ${typo}?` } };
  if (typeof m['apiVersion'] !== 'string' || m['apiVersion'] === '')
    return { ok: false, problem: { path: ['apiVersion'], message: `A ${kind} needs an apiVersion (group/version).` } };
  if (!objectId(m)) return { ok: false, problem: { path: ['metadata'], message: 'metadata.name is required.' } };
  return { ok: true, read: { kind: 'Object', entry: { module, manifest: m } } };
}
