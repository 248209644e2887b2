/**
 * The real `k8s-synth serve` (bin/k8s-synth.mjs → dist/main/cli.js) as a child process, resolved
 * once it printed its ready line: the integration tests and the e2e tests (and the benches that
 * bundle them) start the app the same way and read the same line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder up with bin/k8s-synth.mjs (this file may be bundled elsewhere). */
export const REPO_ROOT = (() => {
  for (let dir = import.meta.dirname; dir !== path.dirname(dir); dir = path.dirname(dir))
    if (existsSync(path.join(dir, 'bin/k8s-synth.mjs'))) return dir;
  throw new Error(`no k8s-synth checkout above ${import.meta.dirname}`);
})();

/** What serve prints once it listens (main/cli/web-mode.ts). */
export const READY_LINE = /^Rack editor ready at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  /** Everything the process wrote so far: stdout, stderr, and both in the order they came. */
  stdout: () => string;
  stderr: () => string;
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServeOptions {
  env?: NodeJS.ProcessEnv;
  /** Node flags for the served app only (a profiler). */
  nodeArgs?: string[];
  /** How long serve may take to be ready (default 15 s). */
  readyMs?: number;
}

/** Starts `k8s-synth serve ARGS` and resolves once it printed its ready line. */
export function startServe(args: string[], options: ServeOptions = {}): Promise<ServeProcess> {
  const readyMs = options.readyMs ?? 15_000;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), path.join(REPO_ROOT, 'bin', 'k8s-synth.mjs'), 'serve', ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  let both = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => ((out += chunk), (both += chunk)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => ((err += chunk), (both += chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within ${readyMs / 1000} s; output:\n${both}`)), readyMs);
    const check = () => {
      const match = READY_LINE.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({
        child,
        url: match[1]!,
        port: Number(match[2]),
        token: match[3]!,
        stdout: () => out,
        stderr: () => err,
        output: () => both,
        exited,
      });
    };
    child.stdout!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before it was ready; output:\n${both}`));
    });
  });
}
