/**
 * Case files (JSON, resources/virtual-rack/README.md) and the `--modules` shorthand: which cases
 * the virtual rack emulates, their modules with knob settings, and the cables already patched.
 * Cables name jacks as scripts do (`18.claim-1` or `18.1`). Errors name the field.
 */
import { z } from 'zod';
import { INPUT_BUDGET, jsonTextDepthProblem } from '../../patch/input-budget';
import type { Catalog } from '../../patch/catalog';
import type { CaseCable } from '../codec/case-state';
import { resolveCases } from './case-spec';
import { physicalDef } from './inventory';
import { jackAddress, parseInteger, splitJackRef } from './refs';
import type { VirtualCaseSpec, VirtualModuleSpec } from './types';

const ModuleSchema = z.object({
  slot: z.number().int().min(0).max(255),
  type: z.string(),
  uid: z.number().int().min(0).max(0xffffffff).optional(),
  params: z.record(z.string(), z.number()).optional(),
});

const CaseSchema = z.object({
  name: z.string().min(1),
  bridgeUid: z.string().optional(),
  heartbeatMs: z.number().int().optional(),
  modules: z.array(ModuleSchema),
  cables: z.array(z.object({ from: z.string(), to: z.string() })).default([]),
});

const FileSchema = z.object({ cases: z.array(CaseSchema).min(1) });

/** Parses and checks a case file; throws an Error that names the field and what it should be. */
export function parseCaseFile(text: string, catalog: Catalog): VirtualCaseSpec[] {
  const deep = jsonTextDepthProblem(text, INPUT_BUDGET.documentDepth, 'the case file');
  if (deep) throw new Error(deep);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `${issue.path.join('.') || '(root)'}: ${issue.message}; a case file is {"cases": [{"name", "modules": [{"slot", "type"}], "cables": [{"from": "18.claim-1", "to": "44.life"}]}]}`,
    );
  }
  const specs = parsed.data.cases.map((c, i): VirtualCaseSpec => {
    const { cables, ...rest } = c;
    const spec: VirtualCaseSpec = { ...rest, modules: c.modules.map(stripUndefined) };
    if (c.bridgeUid === undefined) delete spec.bridgeUid;
    if (c.heartbeatMs === undefined) delete spec.heartbeatMs;
    spec.cables = cables.map((cable, j) => {
      try {
        return resolveCable(cable, spec.modules, catalog);
      } catch (error) {
        throw new Error(`cases.${i}.cables.${j}: ${(error as Error).message}`);
      }
    });
    return spec;
  });
  resolveCases(specs, catalog);
  return specs;
}

function stripUndefined(m: z.infer<typeof ModuleSchema>): VirtualModuleSpec {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as unknown as VirtualModuleSpec;
}

function resolveCable(cable: { from: string; to: string }, modules: VirtualModuleSpec[], catalog: Catalog): CaseCable {
  const end = (text: string, direction: 'input' | 'output') => {
    const ref = splitJackRef(text);
    const module = modules.find((m) => m.slot === ref.slot);
    if (!module) throw new Error(`no module in slot ${ref.slot} (modules are at ${modules.map((m) => m.slot).join(', ')})`);
    return jackAddress(physicalDef(catalog, module.type), ref, direction);
  };
  return { from: end(cable.from, 'output'), to: end(cable.to, 'input') };
}

/** `pod@0,deployment@8` → module specs (type@slot, comma separated). */
export function parseModuleList(text: string, catalog: Catalog): VirtualModuleSpec[] {
  return text.split(',').map((item) => {
    const m = /^([a-z][a-z0-9-]*)@(\d+)$/.exec(item.trim());
    if (!m) throw new Error(`--modules takes TYPE@SLOT,… like pod@0,deployment@8; got "${item}"`);
    physicalDef(catalog, m[1]!);
    return { type: m[1]!, slot: parseInteger(m[2]!, 'a slot', 0, 255) };
  });
}
