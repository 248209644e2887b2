/**
 * The virtual rack: cases of physical modules that speak protocol v1 over socat pty pairs, for
 * people without hardware and for tests of the real serialport stack. `k8s-synth virtual-rack`
 * (main/cli/virtual-rack.ts) is its command line; resources/virtual-rack/README.md its manual.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveCases } from './case-spec';
import type { VirtualCase, VirtualRack, VirtualRackOptions } from './types';
import { PtyVirtualCase } from './virtual-case';

export type * from './types';
export { parseScript, type ParsedScript, type ScriptContext } from './script';
export { runScript, type ScriptRun } from './script-runner';
export { parseCaseFile, parseModuleList } from './case-file';
export { performanceScript } from './performance-script';
export { deriveBridgeUid } from './inventory';
// The pure device, for unit tests that want a rack without a pty (e.g. behind SerialPortMock).
export { RackDevice, type RackDeviceOptions, type RackOutMessage } from './device';
export type { LedLight } from './panel-lights';
export { resolveCase, resolveCases, type ResolvedCase } from './case-spec';

/** Starts every case (each its own socat pty pair, the rack's end open) and resolves once each has said hello. */
export async function startVirtualRack(options: VirtualRackOptions): Promise<VirtualRack> {
  const resolved = resolveCases(options.cases, options.catalog, { firmware: options.firmware, protoMajor: options.protoMajor });
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'k8s-synth-vrack-')));
  const cases: PtyVirtualCase[] = [];
  const close = async () => {
    await Promise.all(cases.map((c) => c.close()));
    if (ownDir) await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const [i, c] of resolved.entries())
      cases.push(await PtyVirtualCase.start({ resolved: c, catalog: options.catalog, dir, seed: (options.seed ?? 1) + i }));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    cases,
    case(name: string): VirtualCase {
      const found = cases.find((c) => c.name === name);
      if (!found) throw new Error(`no virtual case "${name}"; the cases are ${cases.map((c) => c.name).join(', ')}`);
      return found;
    },
    close,
  };
}
