/**
 * `k8s-synth cluster contexts|diff|apply|import`: the Cluster tab's actions from a terminal or a
 * script, over the same main/cluster code. Apply writes nothing without --yes or a "yes" typed at
 * an interactive prompt, and refuses when there is no terminal to ask.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { parseSubcommand } from './args';
import { loadCatalog, resourcesDir } from '../catalog/load-catalog';
import { applyPlan, type ApplyResult } from '../cluster/apply';
import { ClusterService } from '../cluster/cluster-service';
import { snapshotToPatch } from '../cluster/import-patch';
import { readNamespace } from '../cluster/import-namespace';
import { pendingWrites, planApply, type ClusterPlan } from '../cluster/plan';
import { planView } from '../cluster/plan-view';
import { parsePatchFile, serializePatch } from '../patch/file';
import { patchNameFor, synthesizePatch } from '../synth/synth';

export const CLUSTER_COMMAND = 'cluster';

export const CLUSTER_USAGE = `Usage: k8s-synth cluster <command> [options]

Real Kubernetes clusters through your kubeconfig (KUBECONFIG, else ~/.kube/config).

Commands:
  contexts                 List the contexts (server, user, namespace) and skipped entries.
  diff PATCH               What applying PATCH (.k8spatch) would change: server-side apply
                           dry run, per object, plus what the patch's ApplySet would prune.
  apply PATCH              Server-side apply (field manager k8s-synth) and prune, after
                           showing the diff. Needs --yes, or "yes" typed at the prompt.
  import                   A namespace as a new patch file (-o FILE.k8spatch).

Options:
  --context C              The kubeconfig context (default: its current-context).
  --namespace N            The namespace (default: the context's, else "default").
  --selector S             import: only objects matching this label selector.
  -o, --output FILE        import: where to write the patch (default: NAMESPACE.k8spatch).
  --yes                    apply: do not ask.
  --force-conflicts        apply: take over fields another manager owns (server-side apply force).
  --json                   Machine-readable output on stdout.
  -h, --help               Show this help.

Exit codes:
  contexts  0 listed, 2 error
  diff      0 no changes, 1 changes, 2 error (like kubectl diff)
  apply     0 applied (or nothing to do), 1 some objects failed or conflict, 2 error or refused
            (no --yes and no terminal, or the answer was not yes)
  import    0 written, 2 error
`;

const EXIT_CHANGES = 1;
const EXIT_ERROR = 2;

interface Flags {
  context?: string;
  namespace?: string;
  selector?: string;
  output?: string;
  yes?: boolean;
  'force-conflicts'?: boolean;
  json?: boolean;
  help?: boolean;
}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const err = (text: string) => process.stderr.write(`k8s-synth cluster: ${text}\n`);

export async function runClusterCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseSubcommand(argv, {
    context: { type: 'string' },
    namespace: { type: 'string' },
    selector: { type: 'string' },
    output: { type: 'string', short: 'o' },
    yes: { type: 'boolean' },
    'force-conflicts': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) {
    err(`${parsed.error}\n\n${CLUSTER_USAGE}`);
    return EXIT_ERROR;
  }
  const flags = parsed.values as Flags;
  const [command, patchFile] = parsed.positionals;
  if (flags.help || !command) {
    out(CLUSTER_USAGE);
    return flags.help ? 0 : EXIT_ERROR;
  }
  const service = new ClusterService({ watchFiles: false });
  try {
    const state = await service.start();
    if (command === 'contexts') {
      if (flags.json) out(JSON.stringify({ contexts: state.contexts, errors: state.errors }, null, 2));
      else {
        for (const c of state.contexts)
          out(
            `${c.current ? '*' : ' '} ${c.name}\t${c.server}\tuser ${c.user}\t${c.namespace ?? ''}\t(${c.authKind}${c.execCommand ? `: ${c.execCommand}` : ''})`,
          );
        for (const e of state.errors) err(e);
      }
      return 0;
    }
    const context = flags.context ?? state.contexts.find((c) => c.current)?.name;
    if (!context) throw new Error('No --context given and the kubeconfig has no current-context.');
    const namespace = service.defaultNamespace(context, flags.namespace);
    const conn = await service.open(context);
    try {
      if (command === 'import') return await importCommand(conn, namespace, flags);
      if (command !== 'diff' && command !== 'apply')
        throw new Error(`unknown command ${command}: use contexts, diff, apply or import`);
      if (!patchFile) throw new Error(`${command} needs a PATCH file (.k8spatch).`);
      const { catalog } = await loadCatalog(resourcesDir());
      const loaded = parsePatchFile(await readFile(patchFile, 'utf8'), catalog);
      if (!loaded.ok) throw new Error(`${patchFile}: ${loaded.error}`);
      const name = patchNameFor(patchFile);
      const { manifests } = synthesizePatch(loaded.document.patch, name);
      const plan = await planApply(conn, manifests, { namespace, patchName: name });
      const hasChanges = pendingWrites(plan.counts) + plan.counts.conflict > 0;
      if (command === 'diff') {
        printPlan(plan, flags.json);
        return plan.counts.error ? EXIT_ERROR : hasChanges ? EXIT_CHANGES : 0;
      }
      if (!flags.json) printPlan(plan, false);
      if (plan.counts.error) throw new Error('some objects cannot be applied (see above); nothing was written.');
      if (!hasChanges) {
        if (flags.json) out(JSON.stringify({ plan: planView('cli', plan), result: null }, null, 2));
        else out('Nothing to apply.');
        return 0;
      }
      if (!(await confirmed(plan, flags))) return EXIT_ERROR;
      const takeOver = flags['force-conflicts'] ? new Set(plan.items.map((i) => i.key)) : undefined;
      const result = await applyPlan(conn, plan, manifests, takeOver ? { takeOver } : {});
      printResult(result, flags.json);
      return result.ok ? 0 : EXIT_CHANGES;
    } finally {
      conn.close();
    }
  } catch (e) {
    err((e as Error).message);
    return EXIT_ERROR;
  } finally {
    service.dispose();
  }
}

async function importCommand(
  conn: Awaited<ReturnType<ClusterService['open']>>,
  namespace: string,
  flags: Flags,
): Promise<number> {
  const { catalog } = await loadCatalog(resourcesDir());
  const snapshot = await readNamespace(conn, namespace, flags.selector);
  const imported = snapshotToPatch(snapshot, catalog);
  if (!imported.ok) throw new Error(`Could not import namespace ${namespace}: ${imported.error}`);
  const file = flags.output ?? `${namespace}.k8spatch`;
  await writeFile(file, serializePatch({ patch: imported.patch, unloaded: { modules: [], cables: [] } }));
  if (flags.json)
    out(
      JSON.stringify(
        { file, objects: snapshot.manifests.length, modules: imported.patch.modules.length, warnings: imported.warnings },
        null,
        2,
      ),
    );
  else {
    out(
      `Imported ${snapshot.manifests.length} objects of namespace ${namespace} as ${imported.patch.modules.length} modules into ${file}.`,
    );
    for (const w of imported.warnings) err(w);
  }
  return 0;
}

function printPlan(plan: ClusterPlan, json: boolean | undefined): void {
  if (json) {
    out(JSON.stringify(planView('cli', plan), null, 2));
    return;
  }
  out(`Context ${plan.context}, namespace ${plan.namespace}: ${plan.summary}`);
  for (const i of plan.items) {
    if (i.action === 'unchanged') continue;
    out(`  ${i.action.padEnd(9)} ${i.kind} ${i.name}${i.error ? `: ${i.error}` : ''}`);
    for (const c of planView('cli', { ...plan, items: [i] }).items[0]!.changes.slice(0, 20))
      out(`      ${c.path}: ${JSON.stringify(c.before) ?? '(none)'} -> ${JSON.stringify(c.after) ?? '(removed)'}`);
    for (const c of i.conflicts ?? []) out(`      ${c.field} is owned by ${c.manager} (--force-conflicts takes it over)`);
  }
  for (const k of plan.kept) out(`  kept      ${k}`);
}

function printResult(result: ApplyResult, json: boolean | undefined): void {
  if (json) {
    out(JSON.stringify(result, null, 2));
    return;
  }
  out(`Applied to ${result.context}/${result.namespace}: ${result.summary}`);
  for (const i of result.items) {
    if (i.outcome === 'unchanged') continue;
    out(`  ${i.outcome.padEnd(10)} ${i.kind} ${i.name}${i.error ? `: ${i.error}` : ''}`);
    for (const c of i.conflicts ?? []) out(`      ${c.field} is owned by ${c.manager}`);
  }
}

async function confirmed(plan: ClusterPlan, flags: Flags): Promise<boolean> {
  if (flags.yes) return true;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    err('refusing to apply without a terminal to ask: pass --yes to apply what the diff above shows.');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`Apply this to context ${plan.context}, namespace ${plan.namespace}? Type "yes": `);
    if (answer.trim().toLowerCase() === 'yes') return true;
    err('not applied.');
    return false;
  } finally {
    rl.close();
  }
}
