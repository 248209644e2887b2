/**
 * What the YAML panel says about its text versus the patch. Pure, so the rules are tested
 * without a browser: the patch and the text never silently disagree.
 */
import type { TextProblem } from '../../main/synth/yaml-text';

export type YamlStatus =
  /** The text is the patch's YAML. */
  | { kind: 'synced' }
  /** The user typed; the text is waiting to be checked and applied. */
  | { kind: 'pending' }
  /** The text does not read; the patch is unchanged. */
  | { kind: 'invalid'; problems: TextProblem[] }
  /** The text was applied but says more than the patch can hold (or main refused it). */
  | { kind: 'ahead'; reason: string };

/** One line for the panel's status bar. */
export function statusLine(status: YamlStatus): string {
  switch (status.kind) {
    case 'synced':
      return 'In sync with the patch';
    case 'pending':
      return 'Edited: applying when you pause (Ctrl+Enter applies now)';
    case 'invalid': {
      const first = status.problems[0];
      const more = status.problems.length > 1 ? ` (+${status.problems.length - 1} more)` : '';
      return first ? `Line ${first.line}:${first.column}: ${first.message}${more}. The patch is unchanged.` : 'Invalid YAML';
    }
    case 'ahead':
      return `Text is ahead of the patch: ${status.reason}`;
    default:
      return assertNever(status);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected status: ${JSON.stringify(value)}`);
}
