/**
 * applyOp: the only way a patch changes. Pure: validates the op against the catalog and the
 * signal rules, and returns the new patch with the op that undoes it, or a typed error and the
 * old patch untouched.
 */
import type { Catalog, ParamDef } from './catalog';
import { patchError, type PatchError } from './errors';
import { INPUT_BUDGET, batchDepth, valueProblem } from './input-budget';
import { insideRack, overlapping } from './layout';
import { sameJack, type Cable, type Module, type Patch } from './model';
import { assertNever, type Op } from './ops';
import { incompatibility, POLY_MAX_CHANNELS } from './signals';
import { objectNameProblem } from './k8s-names';

export type ApplyResult = { ok: true; patch: Patch; inverse: Op } | { ok: false; error: PatchError };

const fail = (error: PatchError): ApplyResult => ({ ok: false, error });

export function applyOp(patch: Patch, op: Op, catalog: Catalog): ApplyResult {
  switch (op.type) {
    case 'add-module':
      return addModule(patch, op.module, catalog, op.index);
    case 'remove-module':
      return removeModule(patch, op.id);
    case 'move-module':
      return moveModule(patch, op.id, op.row, op.hp, catalog);
    case 'set-param':
      return setParam(patch, op.id, op.param, op.value, catalog);
    case 'set-data': {
      const m = findModule(patch, op.id);
      if (!m) return fail(noModule(op.id));
      const deep = dataProblem(op.data);
      if (deep) return fail(deep);
      // The name becomes the object's metadata.name: main checks it, not only the inspector.
      const name = op.data['name'];
      const problem = typeof name === 'string' ? objectNameProblem(name) : undefined;
      if (problem) return fail(patchError('invalid-data', `The name "${name}" cannot be a Kubernetes name: ${problem}`));
      return {
        ok: true,
        patch: replaceModule(patch, { ...m, data: op.data }),
        inverse: { type: 'set-data', id: m.id, data: m.data },
      };
    }
    case 'connect':
      return connect(patch, op.cable, catalog, op.index);
    case 'disconnect': {
      const index = patch.cables.findIndex((c) => c.id === op.id);
      const cable = patch.cables[index];
      if (!cable) return fail(noCable(op.id));
      return {
        ok: true,
        patch: { ...patch, cables: patch.cables.filter((c) => c.id !== op.id) },
        inverse: { type: 'connect', cable, index },
      };
    }
    case 'set-cable-color': {
      const cable = patch.cables.find((c) => c.id === op.id);
      if (!cable) return fail(noCable(op.id));
      return {
        ok: true,
        patch: { ...patch, cables: patch.cables.map((c) => (c.id === op.id ? { ...c, color: op.color } : c)) },
        inverse: { type: 'set-cable-color', id: op.id, color: cable.color },
      };
    }
    case 'set-rack': {
      const outside = patch.modules.find((m) => !insideRack({ ...patch, rack: op.rack }, m, catalog.get(m.type)?.hp ?? 0));
      if (outside)
        return fail(
          patchError(
            'rack-too-small',
            `Module ${outside.id} would be outside a rack of ${op.rack.rows} rows × ${op.rack.hp} HP; move it first.`,
          ),
        );
      return { ok: true, patch: { ...patch, rack: op.rack }, inverse: { type: 'set-rack', rack: patch.rack } };
    }
    case 'batch': {
      const depth = batchDepth(op);
      if (depth > INPUT_BUDGET.batchDepth)
        return fail(
          patchError(
            'invalid-op',
            `The change nests ${depth} batches, over the limit of ${INPUT_BUDGET.batchDepth} batches; flatten it.`,
          ),
        );
      return applyBatch(patch, op, catalog);
    }
    default:
      return assertNever(op);
  }
}

/** Applies ops in order, all or nothing. */
function applyBatch(patch: Patch, op: Extract<Op, { type: 'batch' }>, catalog: Catalog): ApplyResult {
  let current = patch;
  const inverses: Op[] = [];
  for (const [i, child] of op.ops.entries()) {
    const result = applyOp(current, child, catalog);
    if (!result.ok) return fail({ ...result.error, at: [i, ...(result.error.at ?? [])] });
    current = result.patch;
    inverses.push(result.inverse);
  }
  inverses.reverse();
  return {
    ok: true,
    patch: current,
    inverse: op.label === undefined ? { type: 'batch', ops: inverses } : { type: 'batch', label: op.label, ops: inverses },
  };
}

/**
 * Module data past the data limit, or with a key that does not survive a save, is refused here,
 * where every source of changes passes: what is accepted can be written and loaded back.
 */
function dataProblem(data: unknown): PatchError | undefined {
  const problem = valueProblem(data, INPUT_BUDGET.dataDepth, 'data', true);
  return problem ? patchError('invalid-op', problem) : undefined;
}

function addModule(patch: Patch, module: Module, catalog: Catalog, index?: number): ApplyResult {
  const deep = dataProblem(module.data);
  if (deep) return fail(deep);
  const def = catalog.get(module.type);
  if (!def) return fail(patchError('unknown-module-type', `There is no "${module.type}" module in the catalog.`));
  if (findModule(patch, module.id))
    return fail(patchError('duplicate-id', `A module with id ${module.id} is already in the patch.`));
  const placed = checkPlacement(patch, module, def.hp, catalog);
  if (placed) return fail(placed);
  const params = { ...catalog.defaultParams(module.type) };
  for (const [param, value] of Object.entries(module.params)) {
    const problem = checkParam(catalog.param(module.type, param), module.type, param, value);
    if (problem) return fail(problem);
    params[param] = value;
  }
  const modules = [...patch.modules];
  modules.splice(clampIndex(index, modules.length), 0, { ...module, params });
  return { ok: true, patch: { ...patch, modules }, inverse: { type: 'remove-module', id: module.id } };
}

function removeModule(patch: Patch, id: string): ApplyResult {
  const index = patch.modules.findIndex((m) => m.id === id);
  const module = patch.modules[index];
  if (!module) return fail(noModule(id));
  const attached = (c: Cable) => c.from.module === id || c.to.module === id;
  // The inverse puts the module back at its list index and each cable at its old stack position.
  const restore: Op[] = [{ type: 'add-module', module, index }];
  patch.cables.forEach((cable, at) => {
    if (attached(cable)) restore.push({ type: 'connect', cable, index: at });
  });
  return {
    ok: true,
    patch: { ...patch, modules: patch.modules.filter((m) => m.id !== id), cables: patch.cables.filter((c) => !attached(c)) },
    inverse: { type: 'batch', ops: restore },
  };
}

function moveModule(patch: Patch, id: string, row: number, hp: number, catalog: Catalog): ApplyResult {
  const m = findModule(patch, id);
  if (!m) return fail(noModule(id));
  const moved = { ...m, row, hp };
  const placed = checkPlacement(patch, moved, catalog.get(m.type)?.hp ?? 0, catalog);
  if (placed) return fail(placed);
  return { ok: true, patch: replaceModule(patch, moved), inverse: { type: 'move-module', id, row: m.row, hp: m.hp } };
}

function setParam(patch: Patch, id: string, param: string, value: number, catalog: Catalog): ApplyResult {
  const m = findModule(patch, id);
  if (!m) return fail(noModule(id));
  const problem = checkParam(catalog.param(m.type, param), m.type, param, value);
  if (problem) return fail(problem);
  const old = m.params[param] ?? catalog.defaultParams(m.type)[param] ?? value;
  return {
    ok: true,
    patch: replaceModule(patch, { ...m, params: { ...m.params, [param]: value } }),
    inverse: { type: 'set-param', id, param, value: old },
  };
}

function connect(patch: Patch, cable: Cable, catalog: Catalog, index?: number): ApplyResult {
  if (patch.cables.some((c) => c.id === cable.id))
    return fail(patchError('duplicate-id', `A cable with id ${cable.id} is already in the patch.`));
  const from = findModule(patch, cable.from.module);
  const to = findModule(patch, cable.to.module);
  if (!from) return fail(noModule(cable.from.module));
  if (!to) return fail(noModule(cable.to.module));
  const out = catalog.jack(from.type, cable.from.jack);
  const inp = catalog.jack(to.type, cable.to.jack);
  if (!out) return fail(patchError('no-such-jack', `${from.type} has no jack "${cable.from.jack}".`));
  if (!inp) return fail(patchError('no-such-jack', `${to.type} has no jack "${cable.to.jack}".`));
  if (out.direction !== 'output' || inp.direction !== 'input') {
    return fail(
      patchError(
        'wrong-direction',
        out.direction === inp.direction
          ? `${out.label} and ${inp.label} are both ${out.direction}s: a cable runs from an output to an input.`
          : 'A cable runs from an output to an input; this one is the wrong way round.',
      ),
    );
  }
  const why = incompatibility(out.signal, inp.signal);
  if (why)
    return fail(
      patchError('incompatible-signals', `${out.label} (${out.signal}) cannot feed ${inp.label} (${inp.signal}): ${why}.`),
    );
  const onInput = patch.cables.filter((c) => sameJack(c.to, cable.to));
  if (onInput.some((c) => sameJack(c.from, cable.from)))
    return fail(patchError('duplicate-cable', `${out.label} is already patched to ${inp.label}.`));
  if (!inp.poly && onInput.length > 0)
    return fail(
      patchError('input-occupied', `${inp.label} already has a cable; an input takes one. Drag that cable away first.`),
    );
  if (inp.poly && onInput.length >= POLY_MAX_CHANNELS)
    return fail(patchError('poly-full', `${inp.label} has all ${POLY_MAX_CHANNELS} channels patched.`));
  const cables = [...patch.cables];
  cables.splice(clampIndex(index, cables.length), 0, cable);
  return { ok: true, patch: { ...patch, cables }, inverse: { type: 'disconnect', id: cable.id } };
}

function checkPlacement(patch: Patch, m: Module, width: number, catalog: Catalog): PatchError | undefined {
  if (!insideRack(patch, m, width))
    return patchError(
      'outside-rack',
      `Row ${m.row + 1}, HP ${m.hp} (${width} HP wide) lies outside the ${patch.rack.rows}-row × ${patch.rack.hp} HP rack.`,
    );
  const other = overlapping(patch, catalog, m, width, m.id);
  if (other) return patchError('overlap', `Row ${m.row + 1}, HP ${m.hp} overlaps module ${other}.`);
  return undefined;
}

function checkParam(def: ParamDef | undefined, type: string, param: string, value: number): PatchError | undefined {
  if (!def) return patchError('no-such-param', `${type} has no param "${param}".`);
  if (!Number.isFinite(value)) return patchError('param-out-of-range', `${def.label} must be a number.`);
  if (def.kind === 'switch') {
    if (!Number.isInteger(value) || value < 0 || value >= def.positions.length)
      return patchError('param-out-of-range', `${def.label} is a switch with positions 0..${def.positions.length - 1}.`);
    return undefined;
  }
  if (value < def.min || value > def.max)
    return patchError(
      'param-out-of-range',
      `${def.label} ${value} lies outside ${def.min} to ${def.max}${def.unit ? ` ${def.unit}` : ''}.`,
    );
  if (
    def.step &&
    Math.abs(Math.round((value - def.min) / def.step) * def.step + def.min - value) > 1e-9 * Math.max(1, Math.abs(value))
  )
    return patchError('param-out-of-range', `${def.label} moves in steps of ${def.step}${def.unit ? ' ' + def.unit : ''}.`);
  return undefined;
}

const clampIndex = (index: number | undefined, length: number) =>
  index === undefined ? length : Math.min(Math.max(index, 0), length);
const findModule = (patch: Patch, id: string) => patch.modules.find((m) => m.id === id);
const replaceModule = (patch: Patch, m: Module): Patch => ({
  ...patch,
  modules: patch.modules.map((x) => (x.id === m.id ? m : x)),
});
const noModule = (id: string) => patchError('no-such-module', `There is no module ${id} in the patch.`);
const noCable = (id: string) => patchError('no-such-cable', `There is no cable ${id} in the patch.`);
