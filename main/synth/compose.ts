/**
 * docker-compose -> Kubernetes manifests (then imported like any manifests), after kompose's
 * conversion table: each service becomes a Deployment (image, environment, container ports,
 * deploy.replicas, `command` -> args, `entrypoint` -> command, named volumes -> PVC mounts) and,
 * when other services reach it (ports, expose, links, depends_on, or an environment value naming
 * it), a Service with its name. A named top-level volume becomes a PersistentVolumeClaim. What has
 * no cluster equivalent (networks, secrets, bind mounts, ...) becomes a visible warning, never a
 * silent drop.
 */
import type { Json } from '../patch/model';
import { composeServices, environment, port, shellWords, type PortSpec } from './compose-fields';
import { isJsonObject, type JsonObject } from './merge';
import type { Manifest } from './manifests';
import { LABEL_NAME } from './vocabulary';
import { readYamlText } from './yaml-text';

export interface ComposeImport {
  manifests: Manifest[];
  warnings: string[];
}

/** Compose keys we carry over; every other key of a service is reported. */
const MAPPED = new Set([
  'image',
  'environment',
  'ports',
  'expose',
  'deploy',
  'container_name',
  'command',
  'entrypoint',
  'links',
  'volumes',
  'build',
]);
const WHY: Record<string, string> = {
  depends_on: 'start order is not modelled: Pods start independently and Services find them when ready',
  networks: 'every Pod shares the cluster network',
};
/** Ports of well-known images, for a Service reached by name that declares no port. */
const KNOWN_PORTS: [RegExp, number][] = [
  [/(^|\/)postgres(ql)?(:|$)/, 5432],
  [/(^|\/)(mysql|mariadb)(:|$)/, 3306],
  [/(^|\/)redis(:|$)/, 6379],
  [/(^|\/)mongo(:|$)/, 27017],
  [/(^|\/)memcached(:|$)/, 11211],
  [/(^|\/)rabbitmq(:|$)/, 5672],
];
/** The image a build-only service gets: a reserved domain, so it is plainly not a real image. */
export const placeholderImage = (name: string) => `build.invalid/${name}:latest`;
/** The size kompose gives a claim made from a named volume. */
const CLAIM_SIZE = '100Mi';

/** A DNS label from a compose service name ("web_1" -> "web-1"). */
export function dnsName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return cleaned || 'service';
}

/** True when the text is a compose file: a mapping with a `services:` mapping and no `kind`. */
export function isComposeText(text: string): boolean {
  // Read within the input budget: a text over it is not compose, and the manifest import names the limit.
  const read = readYamlText(text);
  if (!read.ok || read.docs.length !== 1) return false;
  const doc = read.docs[0]!.value;
  return isJsonObject(doc) && isJsonObject(doc['services']) && !('kind' in doc) && !('apiVersion' in doc);
}

/** Services other services reach by name: links, depends_on, and environment values naming them. */
function reachedNames(services: Record<string, JsonObject>): Set<string> {
  const reached = new Set<string>();
  const names = Object.keys(services);
  for (const service of Object.values(services)) {
    const links = Array.isArray(service['links']) ? service['links'] : [];
    for (const l of links) if (typeof l === 'string') reached.add(l.split(':')[0]!);
    const deps = service['depends_on'];
    for (const d of Array.isArray(deps) ? deps : isJsonObject(deps) ? Object.keys(deps) : [])
      if (typeof d === 'string') reached.add(d);
    for (const { value } of environment(service['environment']))
      for (const n of names) if (new RegExp(`(^|[/@=,:\\s])${n.replace(/[.]/g, '\\.')}($|[:/,\\s])`).test(value)) reached.add(n);
  }
  return reached;
}

interface Mounts {
  volumes: JsonObject[];
  mounts: JsonObject[];
}

/** `volumes:` entries that name a top-level volume become PVC mounts; bind mounts are reported. */
function volumeMounts(raw: string, value: Json | undefined, named: ReadonlySet<string>, warnings: string[]): Mounts {
  const out: Mounts = { volumes: [], mounts: [] };
  for (const v of Array.isArray(value) ? value : []) {
    const [source, target, mode] =
      typeof v === 'string'
        ? v.split(':')
        : isJsonObject(v)
          ? [String(v['source'] ?? ''), String(v['target'] ?? ''), v['read_only'] === true ? 'ro' : '']
          : [];
    if (source && target && named.has(source)) {
      const claim = dnsName(source);
      if (!out.volumes.some((x) => x['name'] === claim))
        out.volumes.push({ name: claim, persistentVolumeClaim: { claimName: claim } });
      out.mounts.push({ name: claim, mountPath: target, ...(mode === 'ro' ? { readOnly: true } : {}) });
    } else
      warnings.push(
        `${raw}: volume ${typeof v === 'string' ? v : JSON.stringify(v)} dropped: a host path does not exist in a cluster.`,
      );
  }
  return out;
}

/** Converts the text of a compose file; throws with a readable message when it is not one. */
export function composeToManifests(text: string): ComposeImport {
  const read = readYamlText(text);
  if (!read.ok) throw new Error(`line ${read.problems[0]!.line}: ${read.problems[0]!.message}`);
  if (read.docs.length > 1) throw new Error('Not a docker-compose file: it holds more than one YAML document.');
  const doc = read.docs[0]?.value ?? null;
  const services = composeServices(doc);
  const top = doc as JsonObject;
  const warnings: string[] = [];
  const named = new Set(isJsonObject(top['volumes']) ? Object.keys(top['volumes']) : []);
  const claims: Manifest[] = [...named].map((v) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: dnsName(v) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: CLAIM_SIZE } } },
  }));
  for (const key of ['networks', 'secrets', 'configs'])
    if (isJsonObject(top[key]) && Object.keys(top[key]).length)
      warnings.push(
        `Top-level ${key} (${Object.keys(top[key]).join(', ')}) not imported: ${key === 'networks' ? 'every Pod shares the cluster network' : `make them Kubernetes ${key === 'secrets' ? 'Secrets' : 'ConfigMaps'} and mount them`}.`,
      );
  const reached = reachedNames(services);
  const manifests: Manifest[] = [];
  for (const [raw, service] of Object.entries(services)) {
    const name = dnsName(raw);
    if (name !== raw) warnings.push(`${raw}: renamed ${name} (Kubernetes names are DNS labels).`);
    for (const key of Object.keys(service))
      if (!MAPPED.has(key)) warnings.push(`${raw}: ${key} dropped: ${WHY[key] ?? 'it has no equivalent in the rack'}.`);
    let image = typeof service['image'] === 'string' ? service['image'] : '';
    if (!image && service['build'] !== undefined) {
      image = placeholderImage(name);
      warnings.push(
        `${raw}: builds its image (build:), so it runs the placeholder ${image}: build and push an image, then set it.`,
      );
    } else if (!image) warnings.push(`${raw}: has no image; set one in the YAML.`);
    else if (service['build'] !== undefined) warnings.push(`${raw}: build ignored: the image ${image} is used.`);
    const ports = [
      ...(Array.isArray(service['ports']) ? service['ports'] : []),
      ...(Array.isArray(service['expose']) ? service['expose'].map((e) => Number(e)) : []),
    ]
      .map(port)
      .filter((p): p is PortSpec => p !== undefined);
    const replicas =
      isJsonObject(service['deploy']) && typeof service['deploy']['replicas'] === 'number' ? service['deploy']['replicas'] : 1;
    const env = environment(service['environment']);
    const container: JsonObject = { name, image };
    const entrypoint = shellWords(service['entrypoint']);
    const command = shellWords(service['command']);
    if (entrypoint) container['command'] = entrypoint;
    if (command) container['args'] = command;
    if (ports.length)
      container['ports'] = [
        ...new Map(ports.map((p) => [`${p.target}/${p.protocol}`, { containerPort: p.target, protocol: p.protocol }])).values(),
      ];
    if (env.length) container['env'] = env;
    const { volumes, mounts } = volumeMounts(raw, service['volumes'], named, warnings);
    if (mounts.length) container['volumeMounts'] = mounts;
    manifests.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { [LABEL_NAME]: name } },
        template: {
          metadata: { labels: { [LABEL_NAME]: name } },
          spec: { containers: [container], ...(volumes.length ? { volumes } : {}) },
        },
      },
    });
    if (!ports.length && reached.has(raw)) {
      const known = KNOWN_PORTS.find(([re]) => re.test(image))?.[1];
      if (known) ports.push({ target: known, protocol: 'TCP' });
      else warnings.push(`${raw}: reached by name but declares no port: its Service is headless (add expose: to give it one).`);
    }
    if (ports.length || reached.has(raw))
      manifests.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name },
        spec: {
          ...(ports.length ? {} : { clusterIP: 'None' }),
          selector: { [LABEL_NAME]: name },
          ...(ports.length
            ? { ports: ports.map((p) => ({ port: p.published ?? p.target, targetPort: p.target, protocol: p.protocol })) }
            : {}),
        },
      });
  }
  return { manifests: [...manifests, ...claims], warnings };
}
