/** Manifests -> a new patch (File > Import, and the fixed-point tests): a YAML edit of an empty rack. */
import { applyOp } from '../patch/apply';
import type { Catalog } from '../patch/catalog';
import { DEFAULT_RACK_SIZE, emptyPatch, type Patch, type RackSize } from '../patch/model';
import { yamlToOps } from './edit-ops';
import type { TextProblem } from './yaml-text';

export type ImportResult = { ok: true; patch: Patch } | { ok: false; problems: TextProblem[] };

/**
 * Builds a patch from multi-document YAML of Deployments, Pods, Services and Ingresses, in a rack
 * that starts at `rack` and grows by rows as the modules need.
 */
export function importYaml(text: string, catalog: Catalog, name?: string, rack: RackSize = DEFAULT_RACK_SIZE): ImportResult {
  const empty = emptyPatch(rack);
  const edit = yamlToOps(empty, catalog, text, name);
  if (!edit.ok) return edit;
  if (!edit.op) return { ok: true, patch: empty };
  const applied = applyOp(empty, edit.op, catalog);
  if (!applied.ok)
    return { ok: false, problems: [{ line: 1, column: 1, from: 0, to: 0, message: applied.error.message, doc: 0 }] };
  return { ok: true, patch: applied.patch };
}
