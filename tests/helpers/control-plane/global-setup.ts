/**
 * Vitest global setup of the `cluster` project: ONE real control plane for the whole run (each
 * test makes its own namespace), stopped by pid at the end. With CI=1 a control plane that is
 * not built or does not start fails the run; locally the tests skip and print why.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { BINARIES, binary, binDir } from './paths';
import { startControlPlane, stopAll, type ControlPlane } from './start';

export type ProvidedControlPlane = { ok: true; cp: ControlPlane; kubectl: string } | { ok: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    controlPlane: ProvidedControlPlane;
  }
}

let started: ControlPlane | undefined;

export async function setup(project: TestProject): Promise<void> {
  const missing = BINARIES.filter((b) => !existsSync(binary(b)));
  if (missing.length) {
    const reason = `the control plane is not built (${missing.join(', ')} missing in ${binDir()}); run \`node scripts/control-plane.mjs build\` (needs Go >= 1.26, ~10-20 min cold)`;
    if (process.env['CI'] === '1') throw new Error(`CI: ${reason}`);
    console.warn(`[cluster tests] skipped: ${reason}`);
    project.provide('controlPlane', { ok: false, reason });
    return;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'k8s-synth-cp-'));
  const t0 = Date.now();
  try {
    started = await startControlPlane(dir);
  } catch (error) {
    const reason = `the control plane did not start: ${(error as Error).message}`;
    if (process.env['CI'] === '1') throw new Error(`CI: ${reason}`);
    console.warn(`[cluster tests] skipped: ${reason}`);
    project.provide('controlPlane', { ok: false, reason });
    return;
  }
  console.warn(`[cluster tests] control plane up at ${started.server} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  project.provide('controlPlane', { ok: true, cp: started, kubectl: binary('kubectl') });
}

export async function teardown(): Promise<void> {
  if (started) await stopAll(started.processes);
}
