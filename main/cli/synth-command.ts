/**
 * The synthesis subcommands (a thin I/O shell over main/synth):
 *   k8s-synth synth [--mode eno|krm]          KRM function: ResourceList on stdin -> stdout
 *   k8s-synth topology-configmap PATCH [--name N] [--namespace NS] [--json]
 * Kept apart from args.ts because `synth` must start fast and touch nothing but stdin/stdout.
 */
import { DNS_LABEL } from '../patch/k8s-names';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadCatalog, resourcesDir } from '../catalog/load-catalog';
import { parsePatchFile } from '../patch/file';
import { topologyConfigMap } from '../synth/configmap';
import { KRM_MODES, runKrmFunction, type KrmMode } from '../synth/krm';
import { patchNameFor } from '../synth/synth';
import { patchToTopology } from '../synth/topology';

export const SYNTH_COMMANDS = ['synth', 'topology-configmap'] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `synth` or `topology-configmap`; resolves with the exit code. */
export async function runSynthCommand(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { mode: { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (e) {
    process.stderr.write(`k8s-synth ${command}: ${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (command === 'synth') {
    const mode = (values.mode ?? process.env['K8S_SYNTH_KRM_MODE'] ?? 'eno') as KrmMode;
    if (!KRM_MODES.includes(mode)) {
      process.stderr.write(`k8s-synth synth: --mode is eno or krm, got "${mode}".\n`);
      return 2;
    }
    const run = runKrmFunction(await readStdin(), mode);
    process.stdout.write(run.stdout);
    // kustomize shows only stderr when a function fails, so the error results go there too.
    for (const message of run.errors) process.stderr.write(`k8s-synth synth: ${message}\n`);
    return run.exitCode;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    process.stderr.write('k8s-synth topology-configmap: give one .k8spatch file.\n');
    return 2;
  }
  // The YAML panel's name for the same file, so both publish the same part-of label.
  const name = values.name ?? patchNameFor(file);
  if (!DNS_LABEL.test(name)) {
    process.stderr.write(`k8s-synth topology-configmap: "${name}" is not a DNS label; pass --name.\n`);
    return 2;
  }
  const { catalog } = await loadCatalog(resourcesDir());
  const loaded = parsePatchFile(await readFile(file, 'utf8'), catalog);
  if (!loaded.ok) {
    process.stderr.write(`k8s-synth topology-configmap: ${file}: ${loaded.error}\n`);
    return 1;
  }
  const configMap = topologyConfigMap(patchToTopology(loaded.document.patch, name), values.namespace);
  process.stdout.write(values.json ? `${JSON.stringify(configMap, null, 2)}\n` : stringify(configMap, { lineWidth: 0 }));
  return 0;
}
