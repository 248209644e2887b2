/**
 * The `patch.apply` request for one YAML apply. Each apply is its own gesture, so two YAML edits
 * are two undo steps even with other edits between them; and it names the version the text was
 * read against, so main refuses it when what it changes was changed meanwhile (by the rack, a
 * replay or another window) instead of overwriting the newer change.
 */
import type { Op } from '../../main/patch/ops';
import type { RequestInput } from '../../preload/contract';
import { newId } from '../store/rackStore';

export function yamlApplyRequest(op: Op, baseVersion: number): RequestInput<'patch.apply'> {
  return { op, source: 'yaml', gesture: newId('yaml'), baseVersion };
}
