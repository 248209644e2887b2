/**
 * Signal kinds and the rules for what may be patched to what.
 * The written form of these rules is resources/protocol/SIGNALS.md; keep the two in step.
 */

export const SIGNAL_KINDS = ['gate', 'trigger', 'cv', 'audio'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** A poly input takes one cable per channel, at most this many (VCV's PORT_MAX_CHANNELS). */
export const POLY_MAX_CHANNELS = 16;

/** Why an output of one kind cannot feed an input of another, or null when it can. */
export function incompatibility(output: SignalKind, input: SignalKind): string | null {
  if (output === input) return null;
  switch (output) {
    case 'gate':
      // A gate is 0/10 V: a trigger input fires on its rising edge, a CV input reads it as 0 or 10 V.
      if (input === 'trigger' || input === 'cv') return null;
      return 'a gate carries no audio';
    case 'trigger':
      // A 1 ms pulse is a short gate; as a CV it would read 0 V almost always.
      if (input === 'gate') return null;
      return `a trigger is a 1 ms pulse, too short to be read as ${article(input)}`;
    case 'cv':
      if (input === 'gate' || input === 'trigger')
        return `a CV is a level, not an on/off signal: it cannot drive ${article(input)} input`;
      return 'a CV is too slow to be heard as audio';
    case 'audio':
      return `audio cannot drive ${article(input)} input`;
  }
}

function article(kind: SignalKind): string {
  return kind === 'audio' ? 'audio' : kind === 'cv' ? 'a CV' : `a ${kind}`;
}
