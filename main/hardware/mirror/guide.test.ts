import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import type { Patch } from '../../patch/model';
import { caseFixture, FIXTURE_UID as UID, mirroredPatch } from './case-fixture';
import { guideProgress, planGuide } from './guide';
import { jackLightCommands, jackLights } from './jack-lights';

const catalog = moduleCatalog();
const dep = `hw-${UID}-0`;
const pod = `hw-${UID}-12`;
const modules = [
  { slot: 0, type: 'deployment' },
  { slot: 12, type: 'pod' },
];
const claim1 = { from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } };
const claim2 = { from: { slot: 0, jack: 2 }, to: { slot: 12, jack: 0 } };
const now = caseFixture(catalog, modules, { cables: [claim1] });
const current = mirroredPatch(catalog, now);

function target(): Patch {
  const t = mirroredPatch(catalog, caseFixture(catalog, modules, { cables: [claim2] }));
  t.modules = t.modules.map((m) => (m.id === pod ? { ...m, params: { cpu: 500 }, data: { name: 'web-1' } } : m));
  t.modules.push({ id: 'svc', type: 'service', row: 1, hp: 0, params: {}, data: {} });
  return t;
}

describe('planGuide', () => {
  it('unplugs first, then plugs, with labels; notes what hands cannot do', () => {
    const plan = planGuide(current, target(), catalog, [{ bridgeUid: UID, state: now }]);
    expect(plan.steps).toEqual([
      {
        action: 'unplug',
        from: { module: dep, jack: 'claim-1' },
        to: { module: pod, jack: 'life' },
        label: 'Unplug Deployment (slot 0) CLAIM 1 → Pod (slot 12) LIFE',
        done: false,
      },
      {
        action: 'plug',
        from: { module: dep, jack: 'claim-2' },
        to: { module: pod, jack: 'life' },
        label: 'Plug Deployment (slot 0) CLAIM 2 → Pod (slot 12) LIFE',
        done: false,
      },
    ]);
    expect(plan.current).toBe(0);
    expect(plan.notes).toEqual(['Turn Pod (slot 12) CPU to 500 m.', 'Add Service on screen.']);
  });

  it('counts steps done in any order, and is done when the case matches', () => {
    const plan = planGuide(current, target(), catalog, [{ bridgeUid: UID, state: now }]);
    const plugged = guideProgress(plan, [{ bridgeUid: UID, state: { ...now, cables: [claim1, claim2] } }], catalog);
    expect([plugged.steps.map((s) => s.done), plugged.current, plugged.done]).toEqual([[false, true], 0, false]);
    const finished = guideProgress(plan, [{ bridgeUid: UID, state: { ...now, cables: [claim2] } }], catalog);
    expect([finished.current, finished.done]).toEqual([2, true]);
  });
});

describe('jack lights', () => {
  it('lights both ends of each request and turns off what is no longer asked', () => {
    const step = { action: 'plug' as const, from: { module: dep, jack: 'claim-2' }, to: { module: pod, jack: 'req' } };
    const lit = jackLights(current, catalog, [step]);
    expect(jackLightCommands(lit, new Map()).get(UID)).toEqual([
      { kind: 'guide-jack', slot: 0, direction: 'output', jack: 2, state: 'plug' },
      { kind: 'guide-jack', slot: 12, direction: 'input', jack: 1, state: 'plug' },
    ]);
    expect(jackLightCommands(lit, lit).size).toBe(0);
    expect(
      jackLightCommands(new Map(), lit)
        .get(UID)!
        .map((c) => c.state),
    ).toEqual(['off', 'off']);
  });
});
