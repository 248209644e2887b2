/**
 * One connection per context, each with its own KubeConfig loaded from that context alone:
 * client-node fixes the server URL when a client is made but applies credentials per request
 * from the *current* context, so a shared KubeConfig whose context is switched mixes clusters.
 * Credentials stay inside this object; what leaves it is status, names and messages.
 */
import { clientNode } from './client-node';
import { Discovery } from './discovery';
import { describeClusterError, type ErrorContext } from './errors';
import { KubeHttp } from './kube-http';
import { authKind, execCommand, singleContextConfig, type ContextEntry } from './kubeconfig';
import { findOnPath } from './login-path';
import type { ClusterStatus, ClusterAction, Permissions } from './types';
export type { ClusterStatus, ClusterAction, Permissions };

interface Check {
  verb: string;
  group: string;
  resource: string;
  clusterScoped?: boolean;
}

/** What each action needs; asked with SelfSubjectAccessReviews before the action is offered. */
const NEEDS: Record<ClusterAction, Check[]> = {
  diff: ['deployments', 'services', 'configmaps'].flatMap((resource) =>
    ['get', 'patch'].map((verb) => ({ verb, resource, group: resource === 'deployments' ? 'apps' : '' })),
  ),
  apply: [
    ...['deployments', 'services', 'pods', 'configmaps'].flatMap((resource) =>
      ['create', 'patch'].map((verb) => ({ verb, resource, group: resource === 'deployments' ? 'apps' : '' })),
    ),
    { verb: 'create', group: '', resource: 'secrets' },
    { verb: 'patch', group: '', resource: 'secrets' },
  ],
  prune: ['deployments', 'services', 'pods', 'configmaps'].flatMap((resource) =>
    ['list', 'delete'].map((verb) => ({ verb, resource, group: resource === 'deployments' ? 'apps' : '' })),
  ),
  import: ['deployments', 'services', 'pods', 'configmaps'].map((resource) => ({
    verb: 'list',
    resource,
    group: resource === 'deployments' ? 'apps' : '',
  })),
};

const checkLabel = (c: Check, namespace: string) =>
  `${c.verb} ${c.group ? `${c.resource}.${c.group}` : c.resource}${c.clusterScoped ? '' : ` in ${namespace}`}`;

export class ClusterConnection {
  private constructor(
    readonly entry: ContextEntry,
    readonly http: KubeHttp,
    readonly discovery: Discovery,
    private readonly pathValue: string,
  ) {}

  static async open(entry: ContextEntry, pathValue: string = process.env['PATH'] ?? ''): Promise<ClusterConnection> {
    const { KubeConfig } = await clientNode();
    const kc = new KubeConfig();
    kc.loadFromString(singleContextConfig(entry));
    const http = new KubeHttp(kc, entry.server);
    return new ClusterConnection(entry, http, new Discovery(http), pathValue);
  }

  get name(): string {
    return this.entry.name;
  }

  /** For error messages: the context, server, user and exec plugin (and where it was looked for). */
  errorContext(namespace?: string): ErrorContext {
    const command = execCommand(this.entry);
    return {
      context: this.entry.name,
      server: this.entry.server,
      user: this.entry.userName,
      ...(command ? { execCommand: command, execLooked: findOnPath(command, this.pathValue).looked } : {}),
      ...(namespace ? { namespace } : {}),
    };
  }

  describe(error: unknown, namespace?: string): string {
    return describeClusterError(error, this.errorContext(namespace));
  }

  /** A missing exec plugin, named with where it was looked for, before anything is spawned. */
  private missingPlugin(): string | undefined {
    const command = execCommand(this.entry);
    if (!command || findOnPath(command, this.pathValue).found) return undefined;
    return this.describe(Object.assign(new Error('not found'), { code: 'ENOENT' }));
  }

  async status(): Promise<ClusterStatus> {
    const base = {
      context: this.entry.name,
      server: this.entry.server,
      user: this.entry.userName,
      authKind: authKind(this.entry),
    };
    const missing = this.missingPlugin();
    if (missing) return { ...base, reachable: false, authenticated: false, error: missing };
    let serverVersion: string | undefined;
    try {
      serverVersion = (await this.http.request<{ gitVersion: string }>({ path: '/version', timeoutMs: 10_000 })).gitVersion;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const reachable = typeof code === 'number';
      return { ...base, reachable, authenticated: reachable && code !== 401, error: this.describe(error) };
    }
    try {
      const review = await this.http.request<{ status?: { userInfo?: { username?: string } } }>({
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      });
      const username = review.status?.userInfo?.username;
      return { ...base, reachable: true, authenticated: true, serverVersion, ...(username ? { username } : {}) };
    } catch (error) {
      return { ...base, reachable: true, authenticated: false, serverVersion, error: this.describe(error) };
    }
  }

  /** Asks the server (SelfSubjectAccessReview) which actions the user may take in `namespace`. */
  async permissions(namespace: string): Promise<Permissions> {
    const all = new Map<string, Check>();
    for (const checks of Object.values(NEEDS)) for (const c of checks) all.set(checkLabel(c, namespace), c);
    const answers = new Map<string, boolean>();
    await Promise.all(
      [...all].map(async ([label, c]) => {
        const review = await this.http.request<{ status?: { allowed?: boolean } }>({
          method: 'POST',
          path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                verb: c.verb,
                group: c.group,
                resource: c.resource,
                ...(c.clusterScoped ? {} : { namespace }),
              },
            },
          },
        });
        answers.set(label, review.status?.allowed === true);
      }),
    );
    const denied = [...answers]
      .filter(([, ok]) => !ok)
      .map(([label]) => label)
      .sort();
    const allowed = Object.fromEntries(
      (Object.keys(NEEDS) as ClusterAction[]).map((a) => [a, NEEDS[a].every((c) => answers.get(checkLabel(c, namespace)))]),
    ) as Record<ClusterAction, boolean>;
    return { namespace, allowed, denied };
  }

  /** Namespaces the user may list; undefined when they may not (then they type one). */
  async namespaces(): Promise<string[] | undefined> {
    try {
      const list = await this.http.request<{ items: { metadata: { name: string } }[] }>({ path: '/api/v1/namespaces' });
      return list.items.map((n) => n.metadata.name).sort();
    } catch {
      return undefined;
    }
  }

  close(): void {
    this.http.close();
  }
}
