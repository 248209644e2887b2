/**
 * docker-compose.yaml -> Kubernetes manifests (then imported like any manifests): each service
 * becomes a Deployment (image, environment, container ports, deploy.replicas) and, when it
 * publishes ports, a Service in front of it. What has no rack equivalent (depends_on, volumes,
 * build contexts, ...) becomes a visible warning, never a silent drop.
 */
import type { Json } from '../patch/model';
import { isJsonObject, type JsonObject } from './merge';
import type { Manifest } from './manifests';
import { LABEL_NAME } from './vocabulary';
import { readYamlText } from './yaml-text';

export interface ComposeImport {
  manifests: Manifest[];
  warnings: string[];
}

/** Compose keys we carry over; every other key of a service is reported. */
const MAPPED = new Set(['image', 'environment', 'ports', 'expose', 'deploy', 'container_name']);
const WHY: Record<string, string> = {
  depends_on: 'start order is not modelled: Pods start independently and Services find them when ready',
  volumes: 'volumes are not modelled by the rack',
  build: 'a build context cannot run in a cluster: build and push an image, then set image',
  command: 'command is not carried over (set args in the YAML)',
  networks: 'every Pod shares the cluster network',
};

/** A DNS label from a compose service name ("web_1" -> "web-1"). */
export function dnsName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return cleaned || 'service';
}

interface PortSpec {
  published?: number;
  target: number;
  protocol: string;
}

/** "8080:80", "80", "127.0.0.1:8080:80/udp", 80, or the long form {target, published, protocol}. */
function port(value: Json): PortSpec | undefined {
  if (typeof value === 'number') return { target: value, protocol: 'TCP' };
  if (isJsonObject(value) && typeof value['target'] === 'number') {
    const published = Number(value['published']);
    return {
      target: value['target'],
      ...(Number.isInteger(published) && published > 0 ? { published } : {}),
      protocol: String(value['protocol'] ?? 'tcp').toUpperCase(),
    };
  }
  if (typeof value !== 'string') return undefined;
  const [spec, proto = 'tcp'] = value.split('/');
  const parts = spec!.split(':');
  const target = Number(parts[parts.length - 1]);
  const published = parts.length > 1 ? Number(parts[parts.length - 2]) : undefined;
  if (!Number.isInteger(target) || target < 1 || target > 65535) return undefined;
  return { target, ...(published && Number.isInteger(published) ? { published } : {}), protocol: proto.toUpperCase() };
}

function environment(value: Json | undefined): { name: string; value: string }[] {
  if (Array.isArray(value))
    return value.flatMap((e) => {
      if (typeof e !== 'string') return [];
      const i = e.indexOf('=');
      return [{ name: i < 0 ? e : e.slice(0, i), value: i < 0 ? '' : e.slice(i + 1) }];
    });
  if (isJsonObject(value)) return Object.entries(value).map(([name, v]) => ({ name, value: v === null ? '' : String(v) }));
  return [];
}

/** Converts the text of a compose file; throws with a readable message when it is not one. */
export function composeToManifests(text: string): ComposeImport {
  const read = readYamlText(text);
  if (!read.ok) throw new Error(`line ${read.problems[0]!.line}: ${read.problems[0]!.message}`);
  if (read.docs.length > 1) throw new Error('Not a docker-compose file: it holds more than one YAML document.');
  const doc = read.docs[0]?.value ?? null;
  if (!isJsonObject(doc) || !isJsonObject(doc['services']))
    throw new Error('Not a docker-compose file: it has no services: mapping.');
  const manifests: Manifest[] = [];
  const warnings: string[] = [];
  for (const [raw, service] of Object.entries(doc['services'])) {
    if (!isJsonObject(service)) continue;
    const name = dnsName(raw);
    if (name !== raw) warnings.push(`${raw}: renamed ${name} (Kubernetes names are DNS labels).`);
    for (const key of Object.keys(service))
      if (!MAPPED.has(key)) warnings.push(`${raw}: ${key} dropped: ${WHY[key] ?? 'it has no equivalent in the rack'}.`);
    const image = typeof service['image'] === 'string' ? service['image'] : '';
    if (!image) warnings.push(`${raw}: has no image; set one in the YAML.`);
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
    if (ports.length)
      container['ports'] = [
        ...new Map(ports.map((p) => [`${p.target}/${p.protocol}`, { containerPort: p.target, protocol: p.protocol }])).values(),
      ];
    if (env.length) container['env'] = env;
    manifests.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { [LABEL_NAME]: name } },
        template: { metadata: { labels: { [LABEL_NAME]: name } }, spec: { containers: [container] } },
      },
    });
    if (ports.length)
      manifests.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name },
        spec: {
          selector: { [LABEL_NAME]: name },
          ports: ports.map((p) => ({ port: p.published ?? p.target, targetPort: p.target, protocol: p.protocol })),
        },
      });
  }
  return { manifests, warnings };
}
