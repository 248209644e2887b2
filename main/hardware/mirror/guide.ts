/**
 * The patch guide: from the patch the rack shows now to a target patch (a file, a version, a
 * performance moment), the cables to pull and to plug by hand, in that order (pulling first
 * frees inputs), and notes for what hands on jacks cannot do. Progress is read from the cases'
 * own state, so a step done out of order counts, and one undone shows again.
 */
import type { Catalog } from '../../patch/catalog';
import { sameJack, type JackRef, type Patch } from '../../patch/model';
import type { CaseState } from '../codec/case-state';
import { knobs, parsePhysicalModuleId } from './module-map';
import { caseCables, caseHasCable, jackLabel, moduleLabel } from './physical';
import type { GuideStatus, GuideStep } from './types';

export interface GuideCase {
  bridgeUid: string;
  state: CaseState;
}

interface Ends {
  from: JackRef;
  to: JackRef;
}

const sameEnds = (a: Ends, b: Ends) => sameJack(a.from, b.from) && sameJack(a.to, b.to);

/** Steps and notes to go from `current` (with the cases as they are) to `target`. */
export function planGuide(
  current: Patch,
  target: Patch,
  catalog: Catalog,
  cases: readonly GuideCase[],
): Omit<GuideStatus, 'target'> {
  const notes: string[] = [];
  const caseOf = (ref: JackRef) => parsePhysicalModuleId(ref.module)?.bridgeUid;
  const linked = new Set(cases.map((c) => c.bridgeUid));
  const onRack = (ref: JackRef) => {
    const uid = caseOf(ref);
    const here = current.modules.find((m) => m.id === ref.module);
    const there = target.modules.find((m) => m.id === ref.module);
    return uid !== undefined && linked.has(uid) && here !== undefined && here.type === there?.type;
  };
  const handsOn = (c: Ends) => onRack(c.from) && onRack(c.to) && caseOf(c.from) === caseOf(c.to);
  const label = (ref: JackRef) => jackLabel(current.modules.some((m) => m.id === ref.module) ? current : target, catalog, ref);

  const physicalNow = cases.flatMap((c) => caseCables(c.bridgeUid, c.state, catalog));
  const wanted = target.cables.filter(handsOn);
  const steps: GuideStep[] = [
    ...physicalNow
      .filter((c) => !wanted.some((w) => sameEnds(w, c)))
      .map((c): GuideStep => ({
        action: 'unplug',
        from: c.from,
        to: c.to,
        label: `Unplug ${label(c.from)} → ${label(c.to)}`,
        done: false,
      })),
    ...wanted
      .filter((w) => !physicalNow.some((c) => sameEnds(w, c)))
      .map((w): GuideStep => ({
        action: 'plug',
        from: w.from,
        to: w.to,
        label: `Plug ${label(w.from)} → ${label(w.to)}`,
        done: false,
      })),
  ];

  for (const m of target.modules) {
    const here = current.modules.find((x) => x.id === m.id);
    const where = parsePhysicalModuleId(m.id);
    if (!here || here.type !== m.type) {
      notes.push(
        where
          ? `${moduleLabel(m, catalog)} is not in slot ${where.slot} of the case: insert it there to patch it.`
          : `Add ${moduleLabel(m, catalog)} on screen.`,
      );
      continue;
    }
    const def = catalog.get(m.type);
    for (const knob of def ? knobs(def) : []) {
      const want = m.params[knob.id] ?? knob.default;
      if ((here.params[knob.id] ?? knob.default) !== want)
        notes.push(`Turn ${moduleLabel(here, catalog)} ${knob.label} to ${want}${knob.unit ? ` ${knob.unit}` : ''}.`);
    }
  }
  for (const m of current.modules) {
    if (target.modules.some((x) => x.id === m.id)) continue;
    notes.push(
      parsePhysicalModuleId(m.id)
        ? `${moduleLabel(m, catalog)} is not in the target patch: take it out of the case if you like.`
        : `${moduleLabel(m, catalog)} is not in the target patch: remove it on screen.`,
    );
  }
  for (const c of target.cables)
    if (!handsOn(c) && !current.cables.some((x) => sameEnds(x, c)))
      notes.push(`Connect on screen: ${label(c.from)} → ${label(c.to)}.`);
  for (const c of current.cables)
    if (!handsOn(c) && !target.cables.some((x) => sameEnds(x, c)))
      notes.push(`Disconnect on screen: ${label(c.from)} → ${label(c.to)}.`);

  return guideProgress({ steps, current: 0, done: false, notes }, cases, catalog);
}

/** Marks each step done by what the cases hold now; `current` is the first step not done. */
export function guideProgress<G extends Omit<GuideStatus, 'target'>>(guide: G, cases: readonly GuideCase[], catalog: Catalog): G {
  const steps = guide.steps.map((step) => {
    const uid = parsePhysicalModuleId(step.from.module)?.bridgeUid;
    const state = cases.find((c) => c.bridgeUid === uid)?.state;
    // A case that went away keeps its steps as they were.
    if (!uid || !state) return step;
    const present = caseHasCable(uid, state, catalog, step.from, step.to);
    return { ...step, done: step.action === 'plug' ? present : !present };
  });
  const current = steps.findIndex((s) => !s.done);
  return { ...guide, steps, current: current === -1 ? steps.length : current, done: current === -1 };
}
