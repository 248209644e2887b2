/**
 * `k8s-synth import FILE|DIR [--out PATCH.k8spatch] [--json]` and
 * `k8s-synth export PATCH [--out FILE] [--name N] [--json]`: the File > Import and YAML panel
 * pipelines without a window (a thin I/O shell over main/synth). Warnings go to stderr (or into
 * the --json report), the patch or YAML to --out or stdout.
 */
import { writeFile } from 'node:fs/promises';
import { parseSubcommand } from './args';
import { loadCatalog, resourcesDir } from '../catalog/load-catalog';
import { describeFsError } from '../files/fs-errors';
import { readTextFile } from '../files/read-bounded';
import { readImportSource } from '../files/read-import';
import { INPUT_BUDGET } from '../patch/input-budget';
import { parsePatchFile, serializePatch } from '../patch/file';
import { importFiles } from '../synth/import-files';
import { patchNameFor, patchToYaml } from '../synth/synth';

export const IMPORT_EXPORT_COMMANDS = ['import', 'export'] as const;

/** Exit codes (listed in `k8s-synth --help`). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const fsMessage = (error: unknown) => (error instanceof Error && !('code' in error) ? error.message : describeFsError(error));

async function output(out: string | undefined, text: string): Promise<void> {
  if (out) await writeFile(out, text, 'utf8');
  else process.stdout.write(text);
}

export async function runImportExportCommand(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const parsed = parseSubcommand(rest, {
    out: { type: 'string', short: 'o' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!parsed.ok) {
    process.stderr.write(`k8s-synth ${command}: ${parsed.error}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const source = positionals[0];
  if (!source || positionals.length > 1) {
    process.stderr.write(
      command === 'import'
        ? 'k8s-synth import: give one manifests file, folder or docker-compose file.\n'
        : 'k8s-synth export: give one .k8spatch file.\n',
    );
    return EXIT.usage;
  }
  const { catalog } = await loadCatalog(resourcesDir());
  const fail = (message: string) => {
    if (values.json) process.stdout.write(`${JSON.stringify({ ok: false, error: message }, null, 2)}\n`);
    else process.stderr.write(`k8s-synth ${command}: ${message}\n`);
    return EXIT.failed;
  };
  try {
    if (command === 'import') {
      const readWarnings: string[] = [];
      const imported = importFiles(await readImportSource(source, readWarnings), catalog);
      if (!imported.ok) return fail(`${source}: ${imported.error}`);
      const result = { ...imported, warnings: [...readWarnings, ...imported.warnings] };
      const text = serializePatch({ patch: result.patch, unloaded: { modules: [], cables: [] } });
      if (values.json) {
        // The report on stdout; the patch goes to --out (or inside the report).
        if (values.out) await writeFile(values.out, text, 'utf8');
        const report = { ok: true, ...(values.out ? { out: values.out } : { patch: JSON.parse(text) as unknown }) };
        process.stdout.write(
          `${JSON.stringify({ ...report, compose: result.compose, warnings: result.warnings, notices: result.notices }, null, 2)}\n`,
        );
        return EXIT.ok;
      }
      for (const line of [...result.warnings, ...result.notices]) process.stderr.write(`k8s-synth import: ${line}\n`);
      await output(values.out, text);
      return EXIT.ok;
    }
    const read = await readTextFile(source, source, INPUT_BUDGET.patchBytes);
    if (!read.ok) return fail(`${source}: ${read.reason}.`);
    const loaded = parsePatchFile(read.text, catalog);
    if (!loaded.ok) return fail(`${source}: ${loaded.error}`);
    const yaml = patchToYaml(loaded.document.patch, values.name ?? patchNameFor(source));
    if (values.json) {
      if (values.out) await writeFile(values.out, yaml.text, 'utf8');
      process.stdout.write(
        `${JSON.stringify({ ok: true, ...(values.out ? { out: values.out } : { yaml: yaml.text }), warnings: [...loaded.warnings, ...yaml.warnings] }, null, 2)}\n`,
      );
      return EXIT.ok;
    }
    for (const line of [...loaded.warnings, ...yaml.warnings]) process.stderr.write(`k8s-synth export: ${line}\n`);
    await output(values.out, yaml.text);
    return EXIT.ok;
  } catch (error) {
    // Node's fs errors carry the path they failed on: the input or --out.
    const at = (error as { path?: unknown }).path;
    return fail(`${typeof at === 'string' ? at : source}: ${fsMessage(error)}`);
  }
}
