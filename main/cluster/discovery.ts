/**
 * Which REST path serves a kind: the API server's discovery documents, read once per group
 * version and kept for the connection (like client-node's and kubectl's discovery caches).
 */
import type { KubeHttp } from './kube-http';

export interface ApiResource {
  apiVersion: string;
  kind: string;
  /** The plural in the path ("deployments"). */
  name: string;
  namespaced: boolean;
  verbs: string[];
}

interface ResourceList {
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}
interface GroupList {
  groups: { name: string; preferredVersion?: { groupVersion: string } }[];
}

export class Discovery {
  private readonly lists = new Map<string, Promise<ApiResource[]>>();

  constructor(private readonly http: KubeHttp) {}

  /** The resources of a group version ("v1", "apps/v1"), without subresources. */
  resources(apiVersion: string): Promise<ApiResource[]> {
    let list = this.lists.get(apiVersion);
    if (!list) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      list = this.http
        .request<ResourceList>({ path })
        .then((l) =>
          l.resources
            .filter((r) => !r.name.includes('/'))
            .map((r) => ({ apiVersion, kind: r.kind, name: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] })),
        );
      list.catch(() => this.lists.delete(apiVersion));
      this.lists.set(apiVersion, list);
    }
    return list;
  }

  async resource(apiVersion: string, kind: string): Promise<ApiResource> {
    const found = (await this.resources(apiVersion)).find((r) => r.kind === kind);
    if (!found) throw new Error(`The cluster does not serve ${kind} in ${apiVersion}: is its CRD installed?`);
    return found;
  }

  /** The preferred version of every group, "v1" first (what an import lists). */
  async preferredVersions(): Promise<string[]> {
    const groups = await this.http.request<GroupList>({ path: '/apis' });
    return ['v1', ...groups.groups.flatMap((g) => (g.preferredVersion ? [g.preferredVersion.groupVersion] : []))];
  }

  /** The preferred version of a group ("" is the core group). */
  async preferredVersion(group: string): Promise<string | undefined> {
    if (group === '') return 'v1';
    return (await this.preferredVersions()).find((gv) => gv.startsWith(`${group}/`));
  }
}

/** The collection path of a resource, in a namespace when it is namespaced. */
export function collectionPath(r: ApiResource, namespace: string | undefined): string {
  const base = r.apiVersion.includes('/') ? `/apis/${r.apiVersion}` : `/api/${r.apiVersion}`;
  return r.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.name}` : `${base}/${r.name}`;
}

export const objectPath = (r: ApiResource, namespace: string | undefined, name: string): string =>
  `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
