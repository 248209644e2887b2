/** Imports of real-world manifests and docker-compose files into a racked patch. */
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import type { Patch } from '../patch/model';
import { composeToManifests } from './compose';
import { importManifests } from './import-manifests';
import { summarizeChange } from './summary';
import { emptyPatch } from '../patch/model';
import { manifestsToYaml } from './yaml-text';

const catalog = moduleCatalog();

const SHOP = `apiVersion: v1
kind: ConfigMap
metadata: { name: shop-config }
data: { MODE: prod }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels: { app: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/shop:2.1
          ports: [{ containerPort: 8080 }]
          envFrom: [{ configMapRef: { name: shop-config } }]
---
apiVersion: v1
kind: Service
metadata: { name: shop }
spec:
  selector: { app: shop }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop }
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: shop, port: { number: 80 } } } }
`;

const kinds = (p: Patch) => p.modules.map((m) => m.type).sort();
const wired = (p: Patch, from: string, to: string) =>
  p.cables.filter(
    (c) =>
      p.modules.find((m) => m.id === c.from.module)?.type === from && p.modules.find((m) => m.id === c.to.module)?.type === to,
  ).length;

describe('importManifests', () => {
  it('racks a Deployment with its Pods, the Service selecting them and the Ingress routing to it', () => {
    const result = importManifests([['shop.yaml', SHOP]], catalog);
    if (!result.ok) throw new Error(result.error);
    expect(kinds(result.patch)).toEqual(['deployment', 'ingress', 'object', 'pod', 'pod', 'service']);
    expect(wired(result.patch, 'pod', 'service')).toBe(2);
    expect(wired(result.patch, 'ingress', 'service')).toBe(1);
    expect(result.warnings).toEqual([]);
    // Every module inside the rack, none overlapping (the layout the rack checks on every add).
    expect(summarizeChange(emptyPatch(), result.patch)).toBe(
      '+2 Pods; Deployment shop added; Service shop added; Ingress shop added; ConfigMap shop-config added',
    );
  });

  it('refuses a file that is not YAML, naming it', () => {
    expect(importManifests([['bad.yaml', 'kind: [']], catalog)).toEqual({
      ok: false,
      error: expect.stringMatching(/^bad\.yaml, document 1: /) as unknown,
    });
  });
});

describe('docker-compose import', () => {
  const COMPOSE = `services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    environment:
      GREETING: hello
    depends_on: [api]
  api:
    build: ./api
    image: ghcr.io/acme/api:1
    expose: ["9000"]
    environment: ["LOG=debug"]
    volumes: ["./data:/data"]
    deploy: { replicas: 3 }
`;

  it('makes a Deployment and a Service per service, and warns about what cannot map', () => {
    const { manifests, warnings } = composeToManifests(COMPOSE);
    expect(manifests.map((m) => `${String(m['kind'])}/${String((m['metadata'] as { name: string }).name)}`)).toEqual([
      'Deployment/web',
      'Service/web',
      'Deployment/api',
      'Service/api',
    ]);
    expect(warnings).toEqual([
      'web: depends_on dropped: start order is not modelled: Pods start independently and Services find them when ready.',
      'api: build ignored: the image ghcr.io/acme/api:1 is used.',
      'api: volume ./data:/data dropped: a host path does not exist in a cluster.',
    ]);
    const result = importManifests([['compose.yaml', manifestsToYaml(manifests)]], catalog);
    if (!result.ok) throw new Error(result.error);
    expect(kinds(result.patch)).toEqual(['deployment', 'deployment', 'pod', 'pod', 'pod', 'pod', 'service', 'service']);
    const svc = result.patch.modules.find((m) => m.type === 'service' && m.data['name'] === 'web')!;
    expect(svc.data['ports']).toEqual([{ port: 8080, targetPort: 80, protocol: 'TCP' }]);
  });

  it('says when a file is not a compose file', () => {
    expect(() => composeToManifests('version: "3"\n')).toThrow(/no services/);
  });
});
