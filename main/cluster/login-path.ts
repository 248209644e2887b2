/**
 * The login shell's PATH. An app started from a desktop launcher inherits a minimal PATH, so exec
 * credential plugins (aws, gke-gcloud-auth-plugin, kubelogin) are "not found" although they work
 * in a terminal; Lens and Headlamp ask the login shell once at start, and so do we. client-node
 * spawns exec plugins with process.env, so main sets process.env.PATH from this before any client.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const START = '__K8S_SYNTH_PATH_START__';
const END = '__K8S_SYNTH_PATH_END__';

/** The PATH between the markers (profile scripts may print banners around it); undefined when absent. */
export function parseShellPath(output: string): string | undefined {
  const from = output.lastIndexOf(START);
  const to = output.indexOf(END, from);
  if (from === -1 || to === -1) return undefined;
  const value = output.slice(from + START.length, to).trim();
  return value === '' ? undefined : value;
}

/** The login shell's entries first, then the current ones it lacks; no duplicates, no empty entries. */
export function mergePaths(shell: string | undefined, current: string | undefined, delimiter = path.delimiter): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const entry of [...(shell ?? '').split(delimiter), ...(current ?? '').split(delimiter)]) {
    if (entry === '' || seen.has(entry)) continue;
    seen.add(entry);
    out.push(entry);
  }
  return out.join(delimiter);
}

/**
 * Runs `$SHELL -ilc` to print PATH between markers. Resolves to the merged PATH, or the current
 * one when there is no shell (Windows), it fails or it takes longer than `timeoutMs`.
 */
export function loginShellPath(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5000): Promise<string> {
  const current = env['PATH'] ?? '';
  const shell = env['SHELL'];
  if (process.platform === 'win32' || !shell) return Promise.resolve(current);
  return new Promise((resolve) => {
    execFile(
      shell,
      ['-ilc', `printf '%s%s%s' '${START}' "$PATH" '${END}'`],
      { env, timeout: timeoutMs, encoding: 'utf8' },
      (_error, stdout) => resolve(mergePaths(parseShellPath(stdout ?? ''), current)),
    );
  });
}

/** Where a command would be found on `pathValue`: its full path, and every folder looked in. */
export function findOnPath(
  command: string,
  pathValue: string,
  exists: (file: string) => boolean = existsSync,
): { found?: string; looked: string[] } {
  if (command.includes('/') || command.includes('\\'))
    return exists(command) ? { found: command, looked: [] } : { looked: [path.dirname(command)] };
  const looked = pathValue.split(path.delimiter).filter(Boolean);
  const found = looked.map((dir) => path.join(dir, command)).find((file) => exists(file));
  return found ? { found, looked } : { looked };
}
