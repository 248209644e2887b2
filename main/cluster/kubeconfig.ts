/**
 * Kubeconfig files read the way kubectl reads them: `KUBECONFIG` split on the path delimiter,
 * else ~/.kube/config; files merged with the first definition of a name winning; relative
 * certificate paths resolved against the file that names them. A broken file or entry (YAML
 * error, an unknown cluster or user, a certificate file that is not there) is reported by name
 * and skipped, and the other contexts stay usable. Pure: the caller reads the files.
 */
import path from 'node:path';
import { parse } from 'yaml';
import type { AuthKind } from './types';
export type { AuthKind };

type Raw = Record<string, unknown>;

/** A kubeconfig entry as written (`{name, cluster: {...}}`), certificate paths made absolute. */
export interface RawEntry {
  name: string;
  [key: string]: unknown;
}

export interface KubeconfigFile {
  path: string;
  /** The file's text, or why it could not be read. */
  text?: string;
  error?: string;
}

/** One usable context: everything needed to build its own KubeConfig. */
export interface ContextEntry {
  name: string;
  /** The entries as written, for a kubeconfig of this one context (credentials stay in main). */
  cluster: RawEntry;
  user: RawEntry;
  context: RawEntry;
  server: string;
  userName: string;
  namespace?: string;
  /** The file that defined the context. */
  file: string;
}

export interface MergedKubeconfig {
  contexts: ContextEntry[];
  currentContext?: string;
  /** One sentence per skipped file or entry, naming it and why. */
  errors: string[];
}

/** The kubeconfig files in use: KUBECONFIG's entries (delimiter-split, empty ones dropped), else ~/.kube/config. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv, home: string, delimiter = path.delimiter): string[] {
  const list = (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p.trim() !== '');
  return list.length ? [...new Set(list)] : [path.join(home, '.kube', 'config')];
}

const absolute = (dir: string, p: unknown) => (typeof p === 'string' && p !== '' && !path.isAbsolute(p) ? path.join(dir, p) : p);
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Certificate, key and token files are resolved against the kubeconfig file that names them, as kubectl does. */
const FILE_KEYS = ['certificate-authority', 'client-certificate', 'client-key', 'token-file'];

function checkEntry(elt: unknown, what: 'cluster' | 'user' | 'context', dir: string): RawEntry {
  if (!isRaw(elt)) throw new Error('not a mapping');
  if (typeof elt['name'] !== 'string' || elt['name'] === '') throw new Error('name is missing');
  const body = elt[what];
  if (what !== 'user' && !isRaw(body)) throw new Error(`${what} is missing`);
  if (what === 'cluster' && (typeof (body as Raw)['server'] !== 'string' || (body as Raw)['server'] === ''))
    throw new Error('cluster.server is missing');
  if (what === 'context' && typeof (body as Raw)['cluster'] !== 'string') throw new Error('context.cluster is missing');
  if (!isRaw(body)) return { name: elt['name'], [what]: {} };
  const fixed: Raw = { ...body };
  for (const key of FILE_KEYS) if (key in fixed) fixed[key] = absolute(dir, fixed[key]);
  return { name: elt['name'], [what]: fixed };
}

/** Parses each element alone, so one bad entry names itself and does not take the others down. */
function entries(list: unknown, what: 'cluster' | 'user' | 'context', file: string, errors: string[]): RawEntry[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    errors.push(`${file}: ${what} is not a list; skipped.`);
    return [];
  }
  return list.flatMap((elt, i) => {
    try {
      return [checkEntry(elt, what, path.dirname(file))];
    } catch (error) {
      const name = (elt as Raw | null)?.['name'];
      const label = typeof name === 'string' ? `${what} "${name}"` : `${what}[${i}]`;
      errors.push(`${file}: ${label}: ${(error as Error).message}; skipped.`);
      return [];
    }
  });
}

/**
 * Merges the files (in order) into usable contexts. `exists` tells whether a certificate or key
 * file is there (so a context that names a missing one is reported instead of failing at connect).
 */
export function mergeKubeconfigs(files: readonly KubeconfigFile[], exists: (file: string) => boolean): MergedKubeconfig {
  const errors: string[] = [];
  const clusters = new Map<string, RawEntry>();
  const users = new Map<string, RawEntry>();
  const contexts = new Map<string, { entry: RawEntry; file: string }>();
  let currentContext: string | undefined;
  for (const file of files) {
    if (file.error !== undefined) {
      errors.push(`${file.path}: ${file.error}; skipped.`);
      continue;
    }
    let doc: Raw;
    try {
      const parsed: unknown = parse(file.text ?? '');
      if (parsed === null || parsed === undefined) continue; // an empty file, as kubectl allows
      if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a kubeconfig (expected a mapping)');
      doc = parsed as Raw;
    } catch (error) {
      errors.push(`${file.path}: ${(error as Error).message.split('\n')[0]}; skipped.`);
      continue;
    }
    for (const c of entries(doc['clusters'], 'cluster', file.path, errors)) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of entries(doc['users'], 'user', file.path, errors)) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of entries(doc['contexts'], 'context', file.path, errors))
      if (!contexts.has(c.name)) contexts.set(c.name, { entry: c, file: file.path });
    const current = doc['current-context'];
    if (currentContext === undefined && typeof current === 'string' && current !== '') currentContext = current;
  }
  const usable: ContextEntry[] = [];
  for (const { entry, file } of contexts.values()) {
    const body = entry['context'] as Raw;
    const clusterName = String(body['cluster']);
    const userName = typeof body['user'] === 'string' ? body['user'] : '';
    const cluster = clusters.get(clusterName);
    const user = users.get(userName) ?? (userName === '' ? { name: '', user: {} } : undefined);
    const problem = !cluster
      ? `cluster "${clusterName}" is not defined in any kubeconfig file`
      : !user
        ? `user "${userName}" is not defined in any kubeconfig file`
        : missingFile(cluster, user, exists);
    if (problem) {
      errors.push(`${file}: context "${entry.name}": ${problem}; skipped.`);
      continue;
    }
    const namespace = body['namespace'];
    usable.push({
      name: entry.name,
      cluster: cluster!,
      user: user!,
      context: entry,
      server: String((cluster!['cluster'] as Raw)['server']),
      userName,
      ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
      file,
    });
  }
  return { contexts: usable, ...(currentContext ? { currentContext } : {}), errors };
}

function missingFile(cluster: RawEntry, user: RawEntry, exists: (file: string) => boolean): string | undefined {
  const c = cluster['cluster'] as Raw;
  const u = user['user'] as Raw;
  const files: [string, unknown][] = [
    [`certificate-authority of cluster "${cluster.name}"`, c['certificate-authority']],
    [`client-certificate of user "${user.name}"`, u['client-certificate']],
    [`client-key of user "${user.name}"`, u['client-key']],
    [`token-file of user "${user.name}"`, u['token-file']],
  ];
  for (const [what, file] of files)
    if (typeof file === 'string' && file !== '' && !exists(file)) return `the ${what} (${file}) does not exist`;
  return undefined;
}

/** A kubeconfig holding this one context (what its own KubeConfig is loaded from). */
export function singleContextConfig(entry: ContextEntry): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [entry.cluster],
    users: [entry.user],
    contexts: [entry.context],
    'current-context': entry.name,
  });
}

export function authKind(entry: ContextEntry): AuthKind {
  const u = entry.user['user'] as Raw;
  if (u['exec']) return 'exec';
  if (u['auth-provider']) return 'auth-provider';
  if (u['token'] || u['token-file']) return 'token';
  if (u['client-certificate'] || u['client-certificate-data']) return 'client-certificate';
  if (u['username']) return 'basic';
  return 'none';
}

/** The exec plugin's command ("aws", "/usr/local/bin/kubelogin"), if the user has one. */
export function execCommand(entry: ContextEntry): string | undefined {
  const exec = (entry.user['user'] as Raw)['exec'];
  return isRaw(exec) && typeof exec['command'] === 'string' ? exec['command'] : undefined;
}
