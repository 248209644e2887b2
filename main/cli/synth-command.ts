/**
 * The synthesis subcommands (a thin I/O shell over main/synth):
 *   k8s-synth synth [--mode eno|krm]          KRM function: ResourceList on stdin -> stdout
 *   k8s-synth topology-configmap PATCH|MANIFESTS [--name N] [--namespace NS] [--json]
 * Kept apart from args.ts because `synth` must start fast and touch nothing but stdin/stdout.
 */
import { parseSubcommand } from './args';
import { stringify } from 'yaml';
import { loadCatalog, resourcesDir } from '../catalog/load-catalog';
import { describeFsError } from '../files/fs-errors';
import { readTextFile } from '../files/read-bounded';
import { readImportSource } from '../files/read-import';
import type { Catalog } from '../patch/catalog';
import { parsePatchFile, PATCH_FILE_EXTENSION } from '../patch/file';
import { DNS_LABEL } from '../patch/k8s-names';
import { INPUT_BUDGET, formatBytes } from '../patch/input-budget';
import type { Patch } from '../patch/model';
import { importFiles } from '../synth/import-files';
import { topologyConfigMap } from '../synth/configmap';
import { KRM_MODES, krmFailure, runKrmFunction, type KrmMode } from '../synth/krm';
import { patchNameFor } from '../synth/synth';
import { patchToTopology } from '../synth/topology';

export const SYNTH_COMMANDS = ['synth', 'topology-configmap'] as const;

/** stdin as text, or undefined past the budget (the rest is not read: the answer is an error). */
async function readStdin(limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `synth` or `topology-configmap`; resolves with the exit code. */
export async function runSynthCommand(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const parsed = parseSubcommand(rest, {
    mode: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!parsed.ok) {
    process.stderr.write(`k8s-synth ${command}: ${parsed.error}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (command === 'synth') {
    const mode = (values.mode ?? process.env['K8S_SYNTH_KRM_MODE'] ?? 'eno') as KrmMode;
    if (!KRM_MODES.includes(mode)) {
      process.stderr.write(`k8s-synth synth: --mode is eno or krm, got "${mode}".\n`);
      return 2;
    }
    const input = await readStdin(INPUT_BUDGET.krmStdinBytes);
    const run =
      input === undefined
        ? krmFailure(
            `stdin is larger than ${formatBytes(INPUT_BUDGET.krmStdinBytes)}, over the limit; nothing was synthesized.`,
            mode,
          )
        : runKrmFunction(input, mode);
    process.stdout.write(run.stdout);
    // kustomize shows only stderr when a function fails, so the error results go there too.
    for (const message of run.errors) process.stderr.write(`k8s-synth synth: ${message}\n`);
    return run.exitCode;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    process.stderr.write('k8s-synth topology-configmap: give one .k8spatch file, manifests file or folder.\n');
    return 2;
  }
  // The YAML panel's name for the same file, so both publish the same part-of label.
  const name = values.name ?? patchNameFor(file);
  if (!DNS_LABEL.test(name)) {
    process.stderr.write(`k8s-synth topology-configmap: "${name}" is not a DNS label; pass --name.\n`);
    return 2;
  }
  const { catalog } = await loadCatalog(resourcesDir());
  const loaded = await loadPatchOrManifests(file, catalog);
  if (!loaded.ok) {
    process.stderr.write(`k8s-synth topology-configmap: ${file}: ${loaded.error}\n`);
    return 1;
  }
  for (const w of loaded.warnings) process.stderr.write(`k8s-synth topology-configmap: ${w}\n`);
  const configMap = topologyConfigMap(patchToTopology(loaded.patch, name), values.namespace);
  process.stdout.write(values.json ? `${JSON.stringify(configMap, null, 2)}\n` : stringify(configMap, { lineWidth: 0 }));
  return 0;
}

/** A .k8spatch file, or manifests / a compose file / a folder imported as `k8s-synth import` does. */
async function loadPatchOrManifests(
  file: string,
  catalog: Catalog,
): Promise<{ ok: true; patch: Patch; warnings: string[] } | { ok: false; error: string }> {
  try {
    if (file.toLowerCase().endsWith(PATCH_FILE_EXTENSION)) {
      const read = await readTextFile(file, file, INPUT_BUDGET.patchBytes);
      if (!read.ok) return { ok: false, error: `${read.reason}.` };
      const loaded = parsePatchFile(read.text, catalog);
      if (!loaded.ok) return loaded;
      // A ConfigMap without a module deployed through Eno deletes that module's objects: every entry
      // the app cannot load refuses the whole run, named, rather than being left out.
      const { unloaded } = loaded.document;
      if (unloaded.modules.length || unloaded.cables.length)
        return {
          ok: false,
          error: `${unloaded.modules.length} module(s) and ${unloaded.cables.length} cable(s) cannot be loaded, so the topology would leave them out. Fix them in the editor first:\n${loaded.warnings.map((w) => `  ${w}`).join('\n')}`,
        };
      return { ok: true, patch: loaded.document.patch, warnings: [...read.warnings, ...loaded.warnings] };
    }
    const readWarnings: string[] = [];
    const imported = importFiles(await readImportSource(file, readWarnings), catalog);
    return imported.ok ? { ...imported, warnings: [...readWarnings, ...imported.warnings] } : imported;
  } catch (error) {
    return { ok: false, error: error instanceof Error && !('code' in error) ? error.message : describeFsError(error) };
  }
}
