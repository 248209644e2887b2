import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { parsePerformance } from '../../history/performance-file';
import { knobs, knobValueToWire } from '../mirror/module-map';
import { performanceScript } from './performance-script';
import { parseScript } from './script';
import { FIXTURE_UID, fixturePerformance, fixturePerformanceFile } from './testing/performance-fixture';

const catalog = moduleCatalog();
const cpu = knobs(catalog.get('pod')!)[0]!;

describe('performanceScript', () => {
  it('plays ops on physical modules as rack events at their times, and notes what it leaves out', () => {
    const script = performanceScript(fixturePerformance(), catalog);
    const name = `rack-${FIXTURE_UID.slice(0, 6)}`;
    expect(script.cases).toEqual([
      {
        name,
        bridgeUid: FIXTURE_UID,
        modules: [
          { slot: 0, type: 'deployment', params: { replicas: 3 } },
          { slot: 12, type: 'pod', params: { cpu: 250 } },
        ],
        cables: [{ from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } }],
      },
    ]);
    const on = (line: number, action: object) => ({ kind: 'do', caseName: name, line, action });
    expect(script.steps).toEqual([
      { kind: 'wait', ms: 100, line: 1 },
      on(1, { kind: 'turn', slot: 12, knob: 0, value: knobValueToWire(cpu, 1000) }),
      { kind: 'wait', ms: 50, line: 2 },
      on(2, { kind: 'insert', module: { slot: 20, type: 'pod', params: { cpu: 500 } } }),
      { kind: 'wait', ms: 50, line: 3 },
      on(3, { kind: 'plug', from: { slot: 0, jack: 2 }, to: { slot: 20, jack: 0 } }),
      { kind: 'wait', ms: 100, line: 4 },
      on(4, { kind: 'unplug', from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } }),
      { kind: 'wait', ms: 200, line: 7 },
      on(7, { kind: 'remove', slot: 20 }),
    ]);
    expect(script.notes).toEqual([
      'left out 1 × set-data ops (hands cannot do them on the rack)',
      'left out 1 × move-module ops (hands cannot do them on the rack)',
      'left out 1 × cables between a physical and an on-screen module',
    ]);
  });

  it('uses given cases by bridge uid and leaves out the ops of cases it does not have', () => {
    const script = performanceScript(fixturePerformance(), catalog, [{ name: 'other', modules: [] }]);
    expect(script.steps).toEqual([]);
    expect(script.notes.join('\n')).toMatch(/ops on case aabbccddeeff0011, which is not in the case file/);
  });

  it('reads an exported .k8sperf, and its steps check out as a script would', () => {
    const parsed = parsePerformance(fixturePerformanceFile(catalog), catalog);
    if (!parsed.ok) throw new Error(parsed.error);
    const script = performanceScript(parsed.performance, catalog);
    expect(script.steps.filter((s) => s.kind === 'do')).toHaveLength(5);
    // The cases it derives are valid cases (parseScript resolves them).
    expect(parseScript('', { catalog, cases: script.cases })).toEqual({ ok: true, steps: [] });
  });
});
