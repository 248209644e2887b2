/**
 * The cluster connections of one app (or one CLI run): the contexts of the kubeconfig files
 * (watched; a context whose entries did not change keeps its open connection), one open
 * connection for the Cluster tab with its namespace, status and permissions, and the plans a diff
 * produced, kept here so that apply carries out exactly the plan the user confirmed. Credentials
 * never leave: state() carries names, URLs, namespaces, status and messages only.
 */
import { jsonEqual } from '../patch/json-equal';
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Manifest } from '../synth/manifests';
import { applyPlan, type ApplyResult } from './apply';
import { ClusterConnection, type ClusterStatus, type Permissions } from './connection';
import { readNamespace, type NamespaceSnapshot } from './import-namespace';
import { authKind, execCommand, kubeconfigPaths, mergeKubeconfigs, type ContextEntry, type KubeconfigFile } from './kubeconfig';
import { loginShellPath } from './login-path';
import { planApply, type ClusterPlan } from './plan';
import type { ContextInfo, ClusterState } from './types';
export type { ContextInfo, ClusterState };

export interface ClusterServiceOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Called when the state changed (contexts reloaded, connected, status). */
  onChange?: (state: ClusterState) => void;
  /** Watch the kubeconfig files (the app does; a CLI run does not). */
  watchFiles?: boolean;
  /** Ask the login shell for PATH (exec plugins) before the first connection. */
  loginShell?: boolean;
}

const sameEntry = (a: ContextEntry, b: ContextEntry) => jsonEqual([a.cluster, a.user, a.context], [b.cluster, b.user, b.context]);

export class ClusterService {
  private entries = new Map<string, ContextEntry>();
  private info: Omit<ClusterState, 'connection'> = { files: [], contexts: [], errors: [] };
  private active:
    | { conn: ClusterConnection; namespace: string; status: ClusterStatus; permissions?: Permissions; namespaces?: string[] }
    | undefined;
  private readonly plans = new Map<string, { plan: ClusterPlan; manifests: Manifest[]; version: number }>();
  private watchers: FSWatcher[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;
  private pathReady: Promise<void> | undefined;
  private planSeq = 0;

  constructor(private readonly options: ClusterServiceOptions = {}) {}

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  /** Loads the contexts (and starts watching their files). */
  async start(): Promise<ClusterState> {
    this.reload();
    if (this.options.watchFiles) this.watch();
    return this.state();
  }

  private ensurePath(): Promise<void> {
    if (!this.options.loginShell) return Promise.resolve();
    // client-node spawns exec plugins with process.env: the login shell's PATH must be there first.
    this.pathReady ??= loginShellPath(this.env).then((p) => {
      this.env['PATH'] = p;
    });
    return this.pathReady;
  }

  /** Reads the kubeconfig files again; an open connection stays when its context did not change. */
  reload(): ClusterState {
    const files = kubeconfigPaths(this.env, this.options.home ?? os.homedir());
    const read: KubeconfigFile[] = files.map((file) => {
      try {
        return { path: file, text: readFileSync(file, 'utf8') };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { path: file, error: code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})` };
      }
    });
    // A missing ~/.kube/config is the normal state of a machine without clusters, not an error.
    const defaultOnly = !this.env['KUBECONFIG'];
    const merged = mergeKubeconfigs(
      read.filter((f) => !(defaultOnly && f.error === 'no such file')),
      existsSync,
    );
    const next = new Map(merged.contexts.map((c) => [c.name, c]));
    if (this.active) {
      const now = next.get(this.active.conn.name);
      if (!now || !sameEntry(now, this.active.conn.entry)) this.disconnect(false);
    }
    this.entries = next;
    this.info = {
      files,
      errors: merged.errors,
      contexts: merged.contexts.map((c) => {
        const exec = execCommand(c);
        return {
          name: c.name,
          server: c.server,
          user: c.userName,
          ...(c.namespace ? { namespace: c.namespace } : {}),
          authKind: authKind(c),
          ...(exec ? { execCommand: exec } : {}),
          file: c.file,
          current: c.name === merged.currentContext,
        };
      }),
    };
    this.emit();
    return this.state();
  }

  private watch(): void {
    for (const file of this.info.files) {
      // The folder, not the file: kubectl and cloud CLIs replace the file (a new inode) when they write it.
      const dir = path.dirname(file);
      if (!existsSync(dir)) continue;
      try {
        const w = watch(dir, (_event, name) => {
          if (name && name.toString() !== path.basename(file)) return;
          clearTimeout(this.reloadTimer);
          // Writers rewrite in several steps; read once they pause.
          this.reloadTimer = setTimeout(() => this.reload(), 300);
        });
        w.on('error', () => undefined);
        this.watchers.push(w);
      } catch {
        /* a folder we may not watch: the list refreshes on the next reload */
      }
    }
  }

  state(): ClusterState {
    const a = this.active;
    return {
      ...this.info,
      ...(a
        ? {
            connection: {
              context: a.conn.name,
              namespace: a.namespace,
              status: a.status,
              ...(a.permissions ? { permissions: a.permissions } : {}),
              ...(a.namespaces ? { namespaces: a.namespaces } : {}),
            },
          }
        : {}),
    };
  }

  /** The tab's open connection and namespace once authenticated (what the live view watches and follow mode applies through). */
  current(): { conn: ClusterConnection; namespace: string } | undefined {
    const a = this.active;
    return a?.status.authenticated ? { conn: a.conn, namespace: a.namespace } : undefined;
  }

  private emit(): void {
    this.options.onChange?.(this.state());
  }

  /** A connection to `context` of its own (the CLI's, or the tab's). */
  async open(context: string): Promise<ClusterConnection> {
    const entry = this.entries.get(context);
    if (!entry) {
      const names = [...this.entries.keys()];
      throw new Error(
        `No context named ${context} in ${this.info.files.join(', ')}${names.length ? ` (there are: ${names.join(', ')})` : ' (no usable context)'}.`,
      );
    }
    await this.ensurePath();
    return ClusterConnection.open(entry, this.env['PATH'] ?? '');
  }

  /** The namespace to use: the one given, else the context's, else "default". */
  defaultNamespace(context: string, namespace?: string): string {
    return namespace || this.entries.get(context)?.namespace || 'default';
  }

  /** Connects the tab to `context`: status first, then (when authenticated) permissions and namespaces. */
  async connect(context: string, namespace?: string): Promise<ClusterState> {
    this.disconnect(false);
    const conn = await this.open(context);
    const ns = this.defaultNamespace(context, namespace);
    const status = await conn.status();
    this.active = { conn, namespace: ns, status };
    if (status.authenticated) {
      const [permissions, namespaces] = await Promise.all([conn.permissions(ns).catch(() => undefined), conn.namespaces()]);
      if (this.active?.conn === conn) {
        if (permissions) this.active.permissions = permissions;
        if (namespaces) this.active.namespaces = namespaces;
      }
    }
    this.emit();
    return this.state();
  }

  async setNamespace(namespace: string): Promise<ClusterState> {
    const a = this.requireActive();
    a.namespace = namespace;
    delete a.permissions;
    a.status = await a.conn.status();
    if (a.status.authenticated) {
      const permissions = await a.conn.permissions(namespace).catch(() => undefined);
      if (permissions) a.permissions = permissions;
    }
    this.emit();
    return this.state();
  }

  disconnect(emit = true): ClusterState {
    this.active?.conn.close();
    this.active = undefined;
    this.plans.clear();
    if (emit) this.emit();
    return this.state();
  }

  private requireActive() {
    if (!this.active) throw new Error('Not connected: pick a context and connect first.');
    return this.active;
  }

  /** Diffs `manifests` (the patch at `version`) against the tab's namespace; the plan is kept for apply. */
  async diff(manifests: Manifest[], patchName: string, version: number): Promise<{ id: string; plan: ClusterPlan }> {
    const a = this.requireActive();
    const plan = await planApply(a.conn, manifests, { namespace: a.namespace, patchName });
    const id = `plan-${++this.planSeq}`;
    this.plans.clear(); // only the newest plan can be confirmed
    this.plans.set(id, { plan, manifests, version });
    return { id, plan };
  }

  /** Applies a plan the user confirmed; refused when the patch changed since that diff. */
  async apply(id: string, version: number, takeOver: readonly string[]): Promise<ApplyResult> {
    const a = this.requireActive();
    const kept = this.plans.get(id);
    if (!kept) throw new Error('That diff is no longer current: run Diff again and confirm what it shows.');
    if (kept.version !== version) throw new Error('The patch changed since the diff: run Diff again and confirm what it shows.');
    if (kept.plan.context !== a.conn.name || kept.plan.namespace !== a.namespace)
      throw new Error('The context or namespace changed since the diff: run Diff again.');
    this.plans.delete(id);
    return applyPlan(a.conn, kept.plan, kept.manifests, { takeOver: new Set(takeOver) });
  }

  async readNamespace(namespace: string, labelSelector?: string): Promise<NamespaceSnapshot> {
    const a = this.requireActive();
    return readNamespace(a.conn, namespace, labelSelector);
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
    this.disconnect(false);
  }
}
