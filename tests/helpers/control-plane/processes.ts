/**
 * Starting and stopping the control plane's processes by pid. Each writes to its own log file in
 * the run folder; stop() sends SIGTERM, then SIGKILL after a grace period. A killed child can
 * linger as a zombie for a moment on this machine, so "gone" means no process or state Z.
 */
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Started {
  name: string;
  pid: number;
  log: string;
}

export function startProcess(dir: string, name: string, command: string, args: string[]): Started {
  const log = path.join(dir, `${name}.log`);
  const fd = openSync(log, 'a');
  // Detached: its own process group, so a Ctrl-C in the starting terminal does not reach it and
  // `control-plane.mjs start` can exit leaving it running; stop() ends it by pid.
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', fd, fd], detached: true });
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  return { name, pid: child.pid, log };
}

/** True while the pid is a live process (not gone, not a zombie waiting to be reaped). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function stopProcess(pid: number, graceMs = 5000): Promise<void> {
  if (!isRunning(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    if (!isRunning(pid)) return;
    await sleep(50);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  for (let i = 0; i < 40 && isRunning(pid); i++) await sleep(50);
}

/** The last lines of a process's log, for an error that says why it did not come up. */
export function tail(log: string, lines = 15): string {
  try {
    return readFileSync(log, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
