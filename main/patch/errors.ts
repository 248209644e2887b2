/**
 * Why an op was refused. Every code is documented so a message can point at it; the patch is
 * never changed by a refused op.
 */
export const PATCH_ERROR_CODES = {
  /** The op itself is malformed (failed schema validation). */
  'invalid-op': 'The change is malformed.',
  'unknown-module-type': 'The catalog has no module of this type.',
  'duplicate-id': 'An id is already used in the patch.',
  'no-such-module': 'The patch has no module with this id.',
  'no-such-cable': 'The patch has no cable with this id.',
  'no-such-jack': 'The module has no jack with this id.',
  'no-such-param': 'The module has no param with this id.',
  'param-out-of-range': 'The value lies outside the param range.',
  'outside-rack': 'The position lies outside the rack.',
  overlap: 'The position overlaps another module.',
  'wrong-direction': 'A cable runs from an output to an input.',
  'incompatible-signals': 'The signal kinds cannot be patched together.',
  'input-occupied': 'The input already has its cable.',
  'poly-full': 'The poly input has all its channels patched.',
  'duplicate-cable': 'The same two jacks are already patched.',
  'rack-too-small': 'Modules would be left outside the smaller rack.',
  'invalid-data': 'A module data field breaks the Kubernetes rules for it (a name, for one).',
  'stale-edit': 'The edit was made against an older patch, and what it changes has changed since.',
  'physical-rack': 'The change needs hands on the physical rack (a cable between physical jacks, a physical module).',
  'nothing-to-undo': 'The undo stack is empty.',
  'nothing-to-redo': 'Nothing was undone since the last edit.',
  'no-such-version': 'The open document has no such version.',
  'already-at-version': 'The patch already is as in that version.',
  'history-unavailable': 'The patch history could not be opened, so versions are unavailable.',
} as const;

export type PatchErrorCode = keyof typeof PATCH_ERROR_CODES;

export interface PatchError {
  code: PatchErrorCode;
  /** A sentence for the user: what is wrong and, where it helps, what to do. */
  message: string;
  /** Index path into a batch, when the failing op was nested. */
  at?: number[];
}

export function patchError(code: PatchErrorCode, message: string): PatchError {
  return { code, message };
}
