/**
 * The `k8s-synth` command (bin/k8s-synth.mjs runs the bundle of this file, dist/main/cli.js).
 * `serve` runs web mode; `start` runs the Electron app when its runtime is installed and falls
 * back to web mode in Chromium's app window. On SIGINT or SIGTERM the autosave is flushed before
 * exit, so Ctrl+C never loses the last edit.
 */
import { appRoot, appVersion } from '../app-root';
import { parseCommand, USAGE, type RunOptions } from './args';
import { electronBinary, findBrowser, hasDisplay, openAppWindow, runElectron } from './launchers';
import { readyLine, startWebMode, type WebMode } from './web-mode';
// The KRM function and the topology ConfigMap (main/cli/synth-command.ts).
import { runSynthCommand, SYNTH_COMMANDS } from './synth-command';
// The device emulator (main/cli/virtual-rack.ts).
import { runVirtualRackCommand, VIRTUAL_RACK_COMMAND } from './virtual-rack';
// The offline audio render (main/cli/render-command.ts).
import { RENDER_COMMAND, runRenderCommand } from './render-command';
// Windowless import and export (main/cli/import-export-command.ts).
import { IMPORT_EXPORT_COMMANDS, runImportExportCommand } from './import-export-command';
// Real clusters: contexts, diff, apply, import (main/cli/cluster-command.ts).
import { CLUSTER_COMMAND, runClusterCommand } from './cluster-command';

/** Exit status for a usage error (as getopt tools do). */
const EXIT_USAGE = 2;
/** A browser that exits with an error sooner than this never showed the editor. */
const BROWSER_FAILS_FAST_MS = 5_000;
/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

/** Runs the command line; resolves with the exit code (long-running commands resolve on exit). */
export async function runCli(argv: readonly string[]): Promise<number> {
  // Synthesis subcommands parse their own flags.
  if ((SYNTH_COMMANDS as readonly string[]).includes(argv[0] ?? '')) return runSynthCommand(argv);
  if ((IMPORT_EXPORT_COMMANDS as readonly string[]).includes(argv[0] ?? '')) return runImportExportCommand(argv);
  if (argv[0] === VIRTUAL_RACK_COMMAND) return runVirtualRackCommand(argv.slice(1));
  if (argv[0] === RENDER_COMMAND) return runRenderCommand(argv.slice(1));
  if (argv[0] === CLUSTER_COMMAND) return runClusterCommand(argv.slice(1));
  const command = parseCommand(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`${appVersion()}\n`);
      return 0;
    case 'usage-error':
      process.stderr.write(`k8s-synth: ${command.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    case 'serve':
      return serve(command);
    case 'start':
      return start(command);
  }
}

async function serve(options: RunOptions): Promise<number> {
  const web = await startWebMode(options);
  process.stdout.write(`${readyLine(web.url)}\n`);
  return untilSignal(web);
}

async function start(options: RunOptions): Promise<number> {
  const electron = electronBinary();
  if (electron) {
    const args = [...(options.dataDir ? ['--data-dir', options.dataDir] : []), ...(options.file ? [options.file] : [])];
    return runElectron(electron, appRoot(), args);
  }
  const web = await startWebMode(options);
  process.stdout.write(`${readyLine(web.url)}\n`);
  const browser = findBrowser();
  if (!browser || !hasDisplay()) {
    process.stderr.write(
      `[k8s-synth] The Electron runtime is not installed and ${browser ? 'there is no display' : 'no Chromium or Chrome was found'}: open the URL above in a browser. Ctrl+C stops the editor.\n`,
    );
    return untilSignal(web);
  }
  const window = await openAppWindow(browser, web.url);
  const openedAt = Date.now();
  window.on('exit', (code) => {
    // A browser that fails at once (no usable display) must not take the editor down with it.
    if (code !== 0 && Date.now() - openedAt < BROWSER_FAILS_FAST_MS) {
      process.stderr.write(
        `[k8s-synth] ${browser} could not open a window: open the URL above instead. Ctrl+C stops the editor.\n`,
      );
      return;
    }
    // Closing the app window ends the editor, as closing the Electron window would.
    void shutdown(web, 0);
  });
  window.on('error', (error) =>
    process.stderr.write(`[k8s-synth] could not start ${browser}: ${error.message}. Open the URL above instead.\n`),
  );
  return untilSignal(web);
}

/** Serves until SIGINT or SIGTERM, then flushes and stops. */
function untilSignal(web: WebMode): Promise<number> {
  return new Promise((resolve) => {
    // A requested stop is a clean exit (0): npm scripts and service managers see success.
    const onSignal = () => void shutdown(web, 0).then(resolve);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

let exiting = false;
async function shutdown(web: WebMode, code: number): Promise<number> {
  if (exiting) return code;
  exiting = true;
  const timer = setTimeout(() => {
    process.stderr.write('[k8s-synth] shutdown took too long; exiting.\n');
    process.exit(code);
  }, SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  try {
    await web.stop();
  } catch (error) {
    process.stderr.write(`[k8s-synth] error while stopping: ${(error as Error).message}\n`);
  }
  process.exit(code);
}
