/**
 * Command-line parsing for `k8s-synth`: subcommands, flags and their checks, as a pure function
 * from argv to a command (or a usage error), so every case is testable without starting anything.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export const USAGE = `Usage: k8s-synth <command> [options]

Commands:
  start [FILE]   Open the rack editor: the Electron app when its runtime is installed,
                 otherwise web mode in Chromium's app window (or just the printed URL).
  serve [FILE]   Web mode only: serve the editor on 127.0.0.1 and print its URL.
  synth          KRM function (Eno, kustomize, kpt): a ResourceList on stdin, the manifests
                 on stdout as JSON. --mode eno (default: exit 0, errors as results) | krm
                 (exit 1 on error results); also $K8S_SYNTH_KRM_MODE.
  import FILE|DIR
                 Kubernetes manifests (a file or a folder) or a docker-compose file (known
                 by its content) -> a patch, on stdout or --out PATCH.k8spatch; what was
                 not carried over on stderr. --json: a report {ok, warnings, notices, ...}.
  export PATCH   A patch's Kubernetes manifests as YAML, on stdout or --out FILE
                 (--name sets app.kubernetes.io/part-of; --json: {ok, yaml|out, warnings}).
  topology-configmap PATCH|MANIFESTS
                 Print the topology ConfigMap of a patch, or of manifests / a compose file
                 imported as \`import\` would (--name, --namespace, --json).
  virtual-rack   Emulate the physical rack's cases on pty pairs (socat) for the Hardware
                 panel: --case FILE.json | --modules pod@0,deployment@8, --script FILE,
                 --performance FILE.k8sperf (see \`k8s-synth virtual-rack --help\`).
  cluster contexts|diff|apply|import
                 Real clusters through kubeconfig: list contexts, server-side diff, confirmed
                 apply with prune, import a namespace (see \`k8s-synth cluster --help\`).

Options:
  --port N          Port for web mode (default 0: a free port).
  --data-dir DIR    Where autosave and recent files live (default: $K8S_SYNTH_DATA_DIR,
                    else ~/.config/k8s-synth).
  --autosave-ms N   Autosave this many ms after the last change (default 1000).
  -h, --help        Show this help.
  -v, --version     Show the version.

Exit codes:
  0  done
  1  the input could not be read, imported or written (the reason is on stderr,
     or in the --json report)
  2  usage error (unknown command, a missing or extra argument, a bad flag)
`;

export interface RunOptions {
  file?: string;
  port: number;
  dataDir?: string;
  autosaveMs?: number;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'serve' } & RunOptions)
  | ({ kind: 'start' } & RunOptions)
  | { kind: 'usage-error'; message: string };

/** Reads argv (without node and the script). No arguments at all means `start`. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command = 'start', ...rest] = positionals;
  if (command !== 'serve' && command !== 'start') return { kind: 'usage-error', message: `Unknown command "${command}".` };
  if (rest.length > 1) return { kind: 'usage-error', message: `${command} takes at most one FILE, got ${rest.length}.` };

  const port = integerFlag('--port', values.port, 0, 65535);
  if (typeof port === 'string') return { kind: 'usage-error', message: port };
  const autosaveMs = integerFlag('--autosave-ms', values['autosave-ms'], 0, 3_600_000);
  if (typeof autosaveMs === 'string') return { kind: 'usage-error', message: autosaveMs };
  if (values['data-dir'] === '') return { kind: 'usage-error', message: '--data-dir needs a folder.' };

  const options: RunOptions = { port: port ?? 0 };
  if (rest[0] !== undefined) options.file = rest[0];
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (autosaveMs !== undefined) options.autosaveMs = autosaveMs;
  return { kind: command, ...options };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'autosave-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

/** The flag's integer value, undefined when absent, or an error message. */
function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max)
    return `${name} must be a whole number from ${min} to ${max}, got "${value}".`;
  return n;
}

/**
 * A subcommand's flags and operands, parsed strictly (unknown flags are refused), or the reason
 * they could not be: every subcommand reads its argv this way and answers a refusal with usage.
 */
export function parseSubcommand<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
): { ok: true; values: ParsedSubcommand<O>['values']; positionals: string[] } | { ok: false; error: string } {
  try {
    const parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
    return { ok: true, values: parsed.values, positionals: parsed.positionals };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

type ParsedSubcommand<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>
>;
