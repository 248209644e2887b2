/**
 * A pseudo-terminal pair from socat (serial-link.md §2 "PTY pair"): `<dir>/<name>-rack` is the
 * emulator's end, `<dir>/<name>` the one the app opens. Killing socat makes both ends vanish,
 * which is what a USB unplug looks like to the app (`close` with `disconnected`). socat is
 * killed on close and when this process exits, so no pair outlives the emulator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import path from 'node:path';

/** How long socat may take to create both ptys. */
const START_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 2_000;
/** The socat to run: $K8S_SYNTH_SOCAT (for a socat outside PATH, and for tests), else `socat` from PATH. */
const socatBinary = () => process.env['K8S_SYNTH_SOCAT'] || 'socat';

export interface PtyPair {
  /** The emulator's end. */
  readonly rackPath: string;
  /** The app's end. */
  readonly appPath: string;
  /** The two /dev/pts nodes, as socat reported them (rack end first). */
  readonly devices: [string, string];
  /** Resolves when socat has exited, whoever ended it. */
  readonly exited: Promise<void>;
  /** Ends socat (both ends vanish); resolves once it has exited. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** On exit (normal, or after a signal handler calls process.exit) no socat may be left running. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGTERM');
  });
}

/** Characters socat's address syntax would read as separators. */
const UNSAFE_FOR_SOCAT = /[,:!\s'"\\{}[\]]/;

/** Where a pair's links go: the app's end at `<dir>/<name>`, the emulator's beside it. */
export function ptyPaths(dir: string, name: string): { rackPath: string; appPath: string } {
  return { rackPath: path.join(dir, `${name}-rack`), appPath: path.join(dir, name) };
}

export async function openPtyPair(dir: string, name: string): Promise<PtyPair> {
  const { rackPath, appPath } = ptyPaths(dir, name);
  if (UNSAFE_FOR_SOCAT.test(rackPath))
    throw new Error(
      `the pty folder "${dir}" has a character socat cannot take in a path (, : ! spaces quotes brackets): choose another --dir`,
    );
  installExitHook();
  const child = spawn(socatBinary(), ['-d', '-d', `pty,raw,echo=0,link=${rackPath}`, `pty,raw,echo=0,link=${appPath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  live.add(child);
  // 'error' alone (socat missing) means no 'exit' will follow.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  void exited.then(() => live.delete(child));
  const devices = await waitForPtys(child);
  // socat prints the pty names before it makes the links; the transfer loop starts after both.
  await Promise.all([lstat(rackPath), lstat(appPath)]);
  return {
    rackPath,
    appPath,
    devices,
    exited,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Reads socat's stderr until it says both ptys exist and its transfer loop runs. */
function waitForPtys(child: ChildProcess): Promise<[string, string]> {
  return new Promise((resolve, reject) => {
    let log = '';
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      child.stderr!.off('data', onData);
      // socat keeps logging (-d -d) while it runs: keep reading so its pipe never fills.
      child.stderr!.resume();
      if (!error) return resolve([...log.matchAll(/PTY is (\S+)/g)].map((m) => m[1]!) as [string, string]);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () => done(new Error(`socat did not create the pty pair within ${START_TIMEOUT_MS} ms:\n${log}`)),
      START_TIMEOUT_MS,
    );
    const onExit = (code: number | null) => done(new Error(`socat exited (${code}) before the pty pair was ready:\n${log}`));
    const onError = (error: NodeJS.ErrnoException) =>
      done(
        error.code === 'ENOENT'
          ? new Error(
              'socat is not installed: the virtual rack needs it for its pty pairs (apt-get install socat, or brew install socat)',
            )
          : new Error(`could not start socat: ${error.message}`),
      );
    const onData = (chunk: string) => {
      log += chunk;
      if (/starting data transfer loop/.test(log)) done();
    };
    child.once('exit', onExit);
    child.once('error', onError);
    child.stderr!.setEncoding('utf8').on('data', onData);
  });
}
