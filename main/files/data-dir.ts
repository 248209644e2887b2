/**
 * Where k8s-synth keeps its own state (autosave, recent files). The order puts the most explicit
 * choice first, so tests and a second instance can point anywhere without touching the user's.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Environment variable naming the data directory when no --data-dir flag is given. */
export const DATA_DIR_ENV = 'K8S_SYNTH_DATA_DIR';

export interface DataDirSources {
  /** The --data-dir flag. */
  flag?: string;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Electron's app.getPath('userData'), when running in Electron. */
  electronUserData?: string;
  /** Defaults to os.homedir(). */
  home?: string;
}

/**
 * The data directory: `--data-dir`, else $K8S_SYNTH_DATA_DIR, else Electron's userData, else
 * $XDG_CONFIG_HOME/k8s-synth, else ~/.config/k8s-synth (XDG Base Directory default).
 */
export function resolveDataDir(sources: DataDirSources = {}): string {
  const env = sources.env ?? process.env;
  if (sources.flag) return resolve(sources.flag);
  if (env[DATA_DIR_ENV]) return resolve(env[DATA_DIR_ENV]);
  if (sources.electronUserData) return resolve(sources.electronUserData);
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, 'k8s-synth');
  return join(sources.home ?? homedir(), '.config', 'k8s-synth');
}
