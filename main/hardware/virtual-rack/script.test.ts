import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { knobValueToWire, knobs } from '../mirror/module-map';
import { parseCaseFile } from './case-file';
import { parseScript } from './script';
import type { VirtualCaseSpec } from './types';

const catalog = moduleCatalog();
const RESOURCES = join(import.meta.dirname, '..', '..', '..', 'resources', 'virtual-rack');
const cases: VirtualCaseSpec[] = [
  {
    name: 'a',
    modules: [
      { slot: 0, type: 'deployment' },
      { slot: 12, type: 'pod' },
      { slot: 20, type: 'node' },
    ],
  },
  { name: 'b', modules: [{ slot: 0, type: 'pod' }] },
];
const parse = (text: string) => parseScript(text, { catalog, cases });
const cpu = knobs(catalog.get('pod')!)[0]!;

describe('parseScript', () => {
  it('reads every command, by wire number or by catalog name, into steps with their lines', () => {
    const result = parse(
      [
        '# comment',
        'plug 0.claim-1 12.life   # trailing comment',
        'plug 0.2 12.1',
        'wait 1.5s',
        'turn 12 cpu 500m',
        'turn 12 0 32768',
        'turn 12 cpu 50%',
        'sweep 12 cpu 0 4000m 2s 1khz',
        'flip 20 cordon cordon',
        'flip 20 0 0',
        'jack 12 input life inserted',
        'insert 30 pod 77',
        'remove 12',
        'fault corrupt 1%',
        'fault delay 20ms',
        'fault off',
        'usb unplug',
        'log warn hot in here',
        'case b',
        'repeat 2 {',
        '  turn 0 cpu 1000',
        '  wait 10',
        '}',
        'say bye',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: true,
      steps: [
        { kind: 'do', caseName: 'a', line: 2, action: { kind: 'plug', from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } } },
        { kind: 'do', caseName: 'a', line: 3, action: { kind: 'plug', from: { slot: 0, jack: 2 }, to: { slot: 12, jack: 1 } } },
        { kind: 'wait', ms: 1500, line: 4 },
        { kind: 'do', caseName: 'a', line: 5, action: { kind: 'turn', slot: 12, knob: 0, value: knobValueToWire(cpu, 500) } },
        { kind: 'do', caseName: 'a', line: 6, action: { kind: 'turn', slot: 12, knob: 0, value: 32768 } },
        { kind: 'do', caseName: 'a', line: 7, action: { kind: 'turn', slot: 12, knob: 0, value: 32768 } },
        {
          kind: 'do',
          caseName: 'a',
          line: 8,
          action: { kind: 'sweep', slot: 12, knob: 0, from: 0, to: 65535, ms: 2000, hz: 1000 },
        },
        { kind: 'do', caseName: 'a', line: 9, action: { kind: 'flip', slot: 20, switch: 0, position: 1 } },
        { kind: 'do', caseName: 'a', line: 10, action: { kind: 'flip', slot: 20, switch: 0, position: 0 } },
        { kind: 'do', caseName: 'a', line: 11, action: { kind: 'jack', slot: 12, direction: 'input', jack: 0, inserted: true } },
        { kind: 'do', caseName: 'a', line: 12, action: { kind: 'insert', module: { slot: 30, type: 'pod', uid: 77 } } },
        { kind: 'do', caseName: 'a', line: 13, action: { kind: 'remove', slot: 12 } },
        { kind: 'do', caseName: 'a', line: 14, action: { kind: 'fault', settings: { corruptRate: 0.01 } } },
        { kind: 'do', caseName: 'a', line: 15, action: { kind: 'fault', settings: { delayMs: 20 } } },
        { kind: 'do', caseName: 'a', line: 16, action: { kind: 'fault', settings: { dropRate: 0, corruptRate: 0, delayMs: 0 } } },
        { kind: 'do', caseName: 'a', line: 17, action: { kind: 'usb', plugged: false } },
        { kind: 'do', caseName: 'a', line: 18, action: { kind: 'log', level: 'warn', text: 'hot in here' } },
        {
          kind: 'repeat',
          times: 2,
          line: 20,
          body: [
            {
              kind: 'do',
              caseName: 'b',
              line: 21,
              action: { kind: 'turn', slot: 0, knob: 0, value: knobValueToWire(cpu, 1000) },
            },
            { kind: 'wait', ms: 10, line: 22 },
          ],
        },
        { kind: 'say', text: 'bye', line: 24 },
      ],
    });
  });

  it.each([
    ['turn 12 cpu', /^line 1: expected turn SLOT KNOB VALUE/],
    ['turn 12 cpux 5', /^line 1: pod has no knob "cpux"; its knobs are cpu; expected turn/],
    ['turn 12 cpu 9000m', /knob "cpu" takes 0m\.\.4000m/],
    ['turn 12 cpu 5V', /knob "cpu" is in "m"/],
    ['turn 12 0 70000', /raw knob value is 0\.\.65535/],
    ['plug 12.life 0.claim-1', /12\.life is an input, but an output is expected here/],
    ['plug 0.9 12.life', /deployment in slot 0 has outputs 0\.\.6 .*not 9/],
    ['plug 5.1 12.life', /case "a" has no module in slot 5; its modules are at 0 \(deployment\), 12 \(pod\), 20 \(node\)/],
    ['plug 0 12.life', /a jack is SLOT\.JACK/],
    ['flip 20 cordon maybe', /positions 0=run, 1=cordon/],
    ['insert 16 pod', /overlaps the pod at slot 12/],
    ['insert 40 object', /"object" exists only on screen/],
    ['insert 40 synth', /unknown module type "synth"; physical types: /],
    ['remove 13', /no module in slot 13/],
    ['wait soon', /milliseconds like 200/],
    ['fault corrupt 2', /probability from 0 to 1/],
    ['case c', /no case "c"; the cases are a, b/],
    ['dance', /unknown command "dance"/],
    ['repeat 3 {\nturn 12 cpu 1', /line 1: this repeat block is never closed/],
    ['}', /"}" closes a repeat block/],
    ['repeat forever {\nturn 12 cpu 1\n}', /line 3: the "repeat forever" block of line 1 needs a wait/],
    ['log info ' + 'x'.repeat(51), /at most 50 bytes/],
  ])('refuses %j with the line and what is expected', (text, message) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.join('\n')).toMatch(message);
  });

  it('follows inserts and removes: a module exists only after it is inserted', () => {
    expect(parse('turn 30 cpu 1\ninsert 30 pod\nturn 30 cpu 1\nremove 30\nturn 30 cpu 1')).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(/^line 1: .*no module in slot 30/),
        expect.stringMatching(/^line 5: .*no module in slot 30/),
      ],
    });
  });

  it('parses the shipped example script against the shipped hello-web case', () => {
    const helloWeb = parseCaseFile(readFileSync(join(RESOURCES, 'hello-web.json'), 'utf8'), catalog);
    const result = parseScript(readFileSync(join(RESOURCES, 'hello-web.rack'), 'utf8'), { catalog, cases: helloWeb });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
