/** The small web app the cluster tests apply, and the manifests the rack synthesizes from it. */
import { loadCatalog, resourcesDir } from '../../../main/catalog/load-catalog';
import type { Patch } from '../../../main/patch/model';
import { importManifests } from '../../../main/synth/import-manifests';
import { synthesizePatch } from '../../../main/synth/synth';

export const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app.kubernetes.io/name: web}}
  template:
    metadata: {labels: {app.kubernetes.io/name: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80, protocol: TCP}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app.kubernetes.io/name: web}
  ports: [{port: 80, protocol: TCP}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {mode: loud}
`;

/** WEB without its ConfigMap. */
export const WEB_WITHOUT_CONFIG = WEB.split('---\napiVersion: v1\nkind: ConfigMap')[0]!;

const catalog = loadCatalog(resourcesDir()).then((c) => c.catalog);

/** The rack's patch imported from `yaml` (the real path of a patch). */
export async function patchFrom(yaml: string): Promise<Patch> {
  const imported = importManifests([['web.yaml', yaml]], await catalog);
  if (!imported.ok) throw new Error(imported.error);
  return imported.patch;
}

/** The manifests the rack synthesizes from a patch imported from `yaml`. */
export async function patchManifests(yaml: string, name = 'web-app') {
  return synthesizePatch(await patchFrom(yaml), name).manifests;
}
