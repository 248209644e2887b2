/**
 * What a physical case allows, checked the same way for a case file and for a live `plug`: jacks
 * exist on the module in that slot; modules do not overlap. Messages say what exists instead.
 */
import type { CaseCable, CaseModule } from '../codec/case-state';
import type { JackAddress, JackDirection } from '../codec/messages';

export function moduleAt(modules: readonly CaseModule[], slot: number): CaseModule | undefined {
  return modules.find((m) => m.slot === slot);
}

/** Why `jack` is not a jack of that direction on the module in its slot, or undefined when it is. */
export function jackProblem(modules: readonly CaseModule[], address: JackAddress, direction: JackDirection): string | undefined {
  const module = moduleAt(modules, address.slot);
  if (!module) return `there is no module in slot ${address.slot}`;
  const count = direction === 'input' ? module.inputs : module.outputs;
  if (Number.isInteger(address.jack) && address.jack >= 0 && address.jack < count) return undefined;
  return `the module in slot ${address.slot} has ${count ? `${direction}s 0..${count - 1}` : `no ${direction}s`}, not ${address.jack}`;
}

/** Why a cable from → to cannot be in the case, or undefined. */
export function cableProblem(modules: readonly CaseModule[], from: JackAddress, to: JackAddress): string | undefined {
  return jackProblem(modules, from, 'output') ?? jackProblem(modules, to, 'input');
}

export function sameJack(a: JackAddress, b: JackAddress): boolean {
  return a.slot === b.slot && a.jack === b.jack;
}

export function sameCable(a: CaseCable, b: CaseCable): boolean {
  return sameJack(a.from, b.from) && sameJack(a.to, b.to);
}

/** The cable already in input `to` (hardware senses one source per input), if any. */
export function cableInto(cables: readonly CaseCable[], to: JackAddress): CaseCable | undefined {
  return cables.find((c) => sameJack(c.to, to));
}

/** Cables with an end in `slot`: pulled out with the module. */
export function cablesAt(cables: readonly CaseCable[], slot: number): CaseCable[] {
  return cables.filter((c) => c.from.slot === slot || c.to.slot === slot);
}
