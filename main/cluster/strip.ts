/**
 * What an object read from a cluster carries that its author did not write: status, the server's
 * metadata, the last-applied annotation, a Service's allocated IPs, and the defaults the API
 * server filled in (only where the value equals the default, so a deliberate setting stays).
 * Pure; the result is a manifest the import reads like a file.
 */
import { jsonEqual } from '../patch/json-equal';
import type { Json } from '../patch/model';
import { isJsonObject, type JsonObject } from '../synth/merge';
import { APPLYSET_PART_OF } from './applyset';

const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'namespace',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

type Defaults = Record<string, Json>;

const POD_SPEC_DEFAULTS: Defaults = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  enableServiceLinks: true,
  preemptionPolicy: 'PreemptLowerPriority',
  priority: 0,
  serviceAccountName: 'default',
  serviceAccount: 'default',
};
const CONTAINER_DEFAULTS: Defaults = {
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  resources: {},
};
const DEPLOYMENT_DEFAULTS: Defaults = {
  progressDeadlineSeconds: 600,
  revisionHistoryLimit: 10,
  strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
};
const SERVICE_DEFAULTS: Defaults = {
  type: 'ClusterIP',
  sessionAffinity: 'None',
  internalTrafficPolicy: 'Cluster',
  ipFamilyPolicy: 'SingleStack',
};
/** DefaultTolerationSeconds admission adds these two to every Pod. */
const DEFAULT_TOLERATIONS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

const same = (a: Json | undefined, b: Json | undefined) => jsonEqual(a, b);

function dropDefaults(obj: JsonObject, defaults: Defaults): void {
  for (const [k, v] of Object.entries(defaults)) if (k in obj && same(obj[k], v)) delete obj[k];
}

/** imagePullPolicy's default: Always for :latest or no tag, else IfNotPresent. */
function defaultPullPolicy(image: Json | undefined): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function stripContainer(c: Json): void {
  if (!isJsonObject(c)) return;
  dropDefaults(c, CONTAINER_DEFAULTS);
  if (c['imagePullPolicy'] === defaultPullPolicy(c['image'])) delete c['imagePullPolicy'];
  for (const p of Array.isArray(c['ports']) ? c['ports'] : [])
    if (isJsonObject(p) && p['protocol'] === 'TCP') delete p['protocol'];
  // The ServiceAccount admission's token mount.
  if (Array.isArray(c['volumeMounts'])) {
    c['volumeMounts'] = c['volumeMounts'].filter((m) => !(isJsonObject(m) && String(m['name']).startsWith('kube-api-access-')));
    if (c['volumeMounts'].length === 0) delete c['volumeMounts'];
  }
}

function stripPodSpec(spec: Json | undefined, bound: boolean): void {
  if (!isJsonObject(spec)) return;
  dropDefaults(spec, POD_SPEC_DEFAULTS);
  // Where the scheduler bound a bare Pod; the import shows it as a cable into that Node.
  if (bound) delete spec['nodeName'];
  for (const list of ['containers', 'initContainers'])
    for (const c of Array.isArray(spec[list]) ? spec[list] : []) stripContainer(c);
  if (Array.isArray(spec['tolerations'])) {
    spec['tolerations'] = spec['tolerations'].filter(
      (t) => !(isJsonObject(t) && DEFAULT_TOLERATIONS.includes(String(t['key'])) && t['tolerationSeconds'] === 300),
    );
    if (spec['tolerations'].length === 0) delete spec['tolerations'];
  }
  if (Array.isArray(spec['volumes'])) {
    spec['volumes'] = spec['volumes'].filter((v) => !(isJsonObject(v) && String(v['name']).startsWith('kube-api-access-')));
    if (spec['volumes'].length === 0) delete spec['volumes'];
  }
}

function stripMetadata(meta: Json | undefined): void {
  if (!isJsonObject(meta)) return;
  for (const k of SERVER_METADATA) delete meta[k];
  if (isJsonObject(meta['annotations'])) {
    for (const k of SERVER_ANNOTATIONS) delete meta['annotations'][k];
    if (Object.keys(meta['annotations']).length === 0) delete meta['annotations'];
  }
  if (isJsonObject(meta['labels'])) {
    delete meta['labels'][APPLYSET_PART_OF];
    if (Object.keys(meta['labels']).length === 0) delete meta['labels'];
  }
}

/** The object as its author would have written it. */
export function stripServerFields(object: JsonObject): JsonObject {
  const m = structuredClone(object);
  delete m['status'];
  stripMetadata(m['metadata']);
  const spec = m['spec'];
  switch (m['kind']) {
    case 'Deployment':
      if (isJsonObject(spec)) {
        dropDefaults(spec, DEPLOYMENT_DEFAULTS);
        const template = spec['template'];
        if (isJsonObject(template)) {
          if (isJsonObject(template['metadata'])) delete template['metadata']['creationTimestamp'];
          stripPodSpec(template['spec'], false);
        }
      }
      break;
    case 'Pod':
      stripPodSpec(spec, true);
      break;
    case 'Service':
      if (isJsonObject(spec)) {
        dropDefaults(spec, SERVICE_DEFAULTS);
        delete spec['clusterIP'];
        delete spec['clusterIPs'];
        if (same(spec['ipFamilies'], ['IPv4'])) delete spec['ipFamilies'];
        for (const p of Array.isArray(spec['ports']) ? spec['ports'] : [])
          if (isJsonObject(p) && p['targetPort'] === p['port']) delete p['targetPort'];
      }
      break;
  }
  return m;
}
