/**
 * `k8s-synth virtual-rack`: the device emulator on the command line (a thin shell over
 * main/hardware/virtual-rack). Prints one stable line per case,
 *   virtual rack "<name>" ready: <path>
 * then plays its scripts and performance, if any, each on its own and all at once, and runs until
 * Ctrl+C (or until they have ended, with --exit). Manual: resources/virtual-rack/README.md.
 */
import { readTextFile } from '../files/read-bounded';
import { INPUT_BUDGET } from '../patch/input-budget';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCatalog, resourcesDir } from '../catalog/load-catalog';
import { describeMessage } from '../hardware/codec/index';
import { systemLinkTime } from '../hardware/link/link-time';
import {
  parseCaseFile,
  parseModuleList,
  parseScript,
  performanceScript,
  runScript,
  startVirtualRack,
  type ScriptRun,
  type ScriptStep,
  type VirtualCaseSpec,
  type VirtualRack,
} from '../hardware/virtual-rack/index';
import { parsePerformance } from '../history/performance-file';
import type { Catalog } from '../patch/catalog';

export const VIRTUAL_RACK_COMMAND = 'virtual-rack';

export const VIRTUAL_RACK_USAGE = `Usage: k8s-synth virtual-rack [--case FILE.json | --modules TYPE@SLOT,...] [--script FILE]...
                             [--performance FILE.k8sperf] [--dir DIR] [--exit] [--verbose]

Emulates the rack's cases on pty pairs (needs socat) and prints, per case:
  virtual rack "<name>" ready: <path>      (open <path> in the app's Hardware panel)

  --case FILE        Cases, modules and cables from a JSON case file (resources/virtual-rack/*.json).
  --modules LIST     One case of these modules, e.g. pod@0,deployment@8 (--name sets its name, default "virtual").
  --script FILE      Plays a script (plug, turn, sweep, usb unplug, fault corrupt ...: resources/virtual-rack/README.md).
                     Give several to play them at once (e.g. one knob stream per case).
  --performance FILE Plays the ops on physical modules of a recorded performance (.k8sperf) at their times
                     (alongside any scripts);
                     without --case/--modules the cases come from its starting patch.
  --dir DIR          Where the pty links go (default: a new temp folder).
  --seed N           Seed of the fault-injection random source (default 1).
  --exit             Exit when the scripts and the performance have ended (default: run until Ctrl+C).
  --verbose          Print every command the app sends to the rack.
`;

const EXIT_USAGE = 2;

class UsageError extends Error {}

/** Runs the command; resolves with the exit code once the rack has closed. */
export async function runVirtualRackCommand(argv: readonly string[]): Promise<number> {
  let plan: Plan;
  try {
    plan = await planFrom(argv);
  } catch (error) {
    process.stderr.write(`k8s-synth virtual-rack: ${(error as Error).message}\n`);
    if (error instanceof UsageError) process.stderr.write(`\n${VIRTUAL_RACK_USAGE}`);
    return error instanceof UsageError ? EXIT_USAGE : 1;
  }
  if (plan === 'help') {
    process.stdout.write(VIRTUAL_RACK_USAGE);
    return 0;
  }
  const rack = await startVirtualRack({ cases: plan.cases, catalog: plan.catalog, dir: plan.dir, seed: plan.seed });
  for (const c of rack.cases) process.stdout.write(`virtual rack "${c.name}" ready: ${c.path}\n`);
  if (plan.verbose)
    for (const c of rack.cases) c.onCommand((frame) => process.stdout.write(`[${c.name}] ← ${describeMessage(frame.message)}\n`));
  return untilDone(rack, plan);
}

interface RunPlan {
  catalog: Catalog;
  cases: VirtualCaseSpec[];
  /** Scripts and the performance, each played on its own, all at once (e.g. one knob stream per case). */
  tracks: { file: string; steps: ScriptStep[] }[];
  dir: string | undefined;
  seed: number;
  exit: boolean;
  verbose: boolean;
}
type Plan = RunPlan | 'help';

async function planFrom(argv: readonly string[]): Promise<Plan> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        case: { type: 'string' },
        modules: { type: 'string' },
        name: { type: 'string' },
        script: { type: 'string', multiple: true },
        performance: { type: 'string' },
        dir: { type: 'string' },
        seed: { type: 'string' },
        exit: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.case !== undefined && v.modules !== undefined) throw new UsageError('give --case or --modules, not both.');
  if (v.name !== undefined && v.modules === undefined) throw new UsageError('--name names the case of --modules.');
  if (v.case === undefined && v.modules === undefined && v.performance === undefined)
    throw new UsageError('say which cases to emulate: --case FILE.json, --modules TYPE@SLOT,... or --performance FILE.');
  if (v.exit && v.script === undefined && v.performance === undefined)
    throw new UsageError('--exit needs a --script or a --performance to wait for.');
  const seed = v.seed === undefined ? 1 : Number(v.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${v.seed}".`);

  const { catalog, errors } = await loadCatalog(resourcesDir());
  if (errors.length) process.stderr.write(`k8s-synth virtual-rack: some modules did not load:\n  ${errors.join('\n  ')}\n`);
  let cases: VirtualCaseSpec[] | undefined;
  const caseFile = v.case;
  if (caseFile !== undefined)
    cases = await inFile(caseFile, async () => parseCaseFile(await readInput(caseFile, INPUT_BUDGET.patchBytes), catalog));
  if (v.modules !== undefined) {
    try {
      cases = [{ name: v.name ?? 'virtual', modules: parseModuleList(v.modules, catalog) }];
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const tracks: RunPlan['tracks'] = [];
  const perfFile = v.performance;
  if (perfFile !== undefined) {
    const script = await inFile(perfFile, async () => {
      const perf = parsePerformance(await readInput(perfFile, INPUT_BUDGET.performanceBytes), catalog);
      if (!perf.ok) throw new Error(perf.error);
      return performanceScript(perf.performance, catalog, cases);
    });
    if (!script.cases.length)
      throw new Error(`${perfFile}: the performance has no physical modules (ids hw-<bridgeUid>-<slot>) to play.`);
    for (const note of script.notes) process.stderr.write(`k8s-synth virtual-rack: ${perfFile}: ${note}\n`);
    cases = script.cases;
    tracks.push({ file: perfFile, steps: script.steps });
  }
  for (const file of v.script ?? []) {
    const result = await inFile(file, async () =>
      parseScript(await readInput(file, INPUT_BUDGET.patchBytes), { catalog, cases: cases! }),
    );
    if (!result.ok) throw new Error(`${file}:\n  ${result.errors.join('\n  ')}`);
    tracks.push({ file, steps: result.steps });
  }
  return { catalog, cases: cases!, tracks, dir: v.dir, seed, exit: !!v.exit, verbose: !!v.verbose };
}

/** A regular text file of at most `maxBytes` (a FIFO or a device is refused at once). */
async function readInput(file: string, maxBytes: number): Promise<string> {
  await stat(file); // a missing file keeps Node's own words ("ENOENT: no such file or directory")
  const read = await readTextFile(file, file, maxBytes);
  if (!read.ok) throw new Error(read.reason);
  return read.text;
}

/** Reads and parses a file, prefixing any error with its name. */
async function inFile<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** Plays the tracks, then waits for Ctrl+C (or ends with --exit); always closes the rack. */
function untilDone(rack: VirtualRack, plan: RunPlan): Promise<number> {
  return new Promise((resolve) => {
    let runs: ScriptRun[] = [];
    let finished = false;
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      for (const run of runs) run.stop();
      void rack.close().then(
        () => resolve(code),
        (error: Error) => {
          process.stderr.write(`k8s-synth virtual-rack: while closing: ${error.message}\n`);
          resolve(1);
        },
      );
    };
    // A requested stop is a clean exit, as for `serve`.
    const onSignal = () => finish(0);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    if (!plan.tracks.length) return;
    const say = (text: string) => process.stdout.write(`${text}\n`);
    runs = plan.tracks.map((track) => runScript(track.steps, rack, { ...systemLinkTime, say }));
    const failed = (file: string) => (error: Error) => {
      process.stderr.write(`k8s-synth virtual-rack: ${file}: ${error.message}\n`);
      finish(1);
    };
    for (const [i, run] of runs.entries()) run.done.catch(failed(plan.tracks[i]!.file));
    void Promise.all(runs.map((run) => run.done)).then(() => {
      if (plan.exit) finish(0);
    });
  });
}
