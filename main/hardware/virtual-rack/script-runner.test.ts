import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../tests/helpers/manual-timers';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { ManualClock } from '../../time/clock';
import { parseScript } from './script';
import { runScript } from './script-runner';
import type { FaultSettings, VirtualCase, VirtualCaseSpec } from './types';

const catalog = moduleCatalog();
const cases: VirtualCaseSpec[] = [
  {
    name: 'a',
    modules: [
      { slot: 0, type: 'deployment' },
      { slot: 12, type: 'pod' },
    ],
  },
];

/** A case that records what was done to it and when (script time in ms). */
function recorder(clock: ManualClock) {
  const log: string[] = [];
  let faults: FaultSettings = { dropRate: 0, corruptRate: 0, delayMs: 0 };
  const at = (what: string) => log.push(`${clock.now()} ${what}`);
  const c = {
    plug: (f: { slot: number; jack: number }, t: { slot: number; jack: number }) =>
      at(`plug ${f.slot}.${f.jack} ${t.slot}.${t.jack}`),
    unplug: (f: { slot: number; jack: number }, t: { slot: number; jack: number }) =>
      at(`unplug ${f.slot}.${f.jack} ${t.slot}.${t.jack}`),
    turn: (slot: number, knob: number, value: number) => at(`turn ${slot} ${knob} ${value}`),
    unplugUsb: async () => void at('usb unplug'),
    replugUsb: async () => void at('usb replug'),
    get faults() {
      return faults;
    },
    set faults(f: FaultSettings) {
      faults = f;
      at(`faults ${JSON.stringify(f)}`);
    },
  } as unknown as VirtualCase;
  return { log, target: { case: () => c } };
}

function setup(text: string) {
  const parsed = parseScript(text, { catalog, cases });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const clock = new ManualClock(0);
  const timers = new ManualTimers(clock);
  const { log, target } = recorder(clock);
  const said: string[] = [];
  const run = runScript(parsed.steps, target, { clock, timers, say: (t) => said.push(t) });
  let ended = false;
  void run.done.then(() => (ended = true));
  /** Advances time and lets the promise chain between steps run. */
  const settle = async () => {
    for (let j = 0; j < 10; j++) await Promise.resolve();
  };
  const advance = async (ms: number) => {
    await settle();
    for (let i = 0; i < ms; i++) {
      timers.advance(1);
      await settle();
    }
  };
  return { log, said, run, advance, ended: () => ended };
}

describe('runScript', () => {
  it('keeps script time: waits add up from the start, not from when a step ran', async () => {
    const s = setup('plug 0.1 12.0\nwait 100\nunplug 0.1 12.0\nwait 50ms\nusb unplug\nwait 0.1s\nusb replug\nsay hi');
    await s.advance(300);
    expect(s.log).toEqual(['0 plug 0.1 12.0', '100 unplug 0.1 12.0', '150 usb unplug', '250 usb replug']);
    expect(s.said).toEqual(['hi']);
    expect(s.ended()).toBe(true);
  });

  it('sweeps a knob with one turn per sample, ends included, on time', async () => {
    const s = setup('sweep 12 0 0 1000 10ms 1khz\nturn 12 0 5');
    await s.advance(20);
    expect(s.log).toEqual([
      ...Array.from({ length: 11 }, (_, i) => `${i} turn 12 0 ${i * 100}`),
      '10 turn 12 0 5', // the sweep takes its 10 ms; the next step follows at once
    ]);
  });

  it('repeats blocks, merges fault settings, and stops a "repeat forever" on stop()', async () => {
    const s = setup('fault corrupt 0.5\nfault delay 5\nrepeat forever {\n turn 12 0 1\n wait 10\n}');
    await s.advance(35);
    s.run.stop();
    await s.advance(50);
    expect(s.log).toEqual([
      '0 faults {"dropRate":0,"corruptRate":0.5,"delayMs":0}',
      '0 faults {"dropRate":0,"corruptRate":0.5,"delayMs":5}',
      '0 turn 12 0 1',
      '10 turn 12 0 1',
      '20 turn 12 0 1',
      '30 turn 12 0 1',
    ]);
    expect(s.ended()).toBe(true);
  });

  it('fails with the line of the step that failed', async () => {
    const parsed = parseScript('wait 1\nrepeat 2 {\n  turn 12 0 1\n}', { catalog, cases });
    if (!parsed.ok) throw new Error('unexpected');
    const clock = new ManualClock(0);
    const timers = new ManualTimers(clock);
    const broken = {
      case: () =>
        ({
          turn: () => {
            throw new Error('the module in slot 12 has knobs 0..0');
          },
        }) as unknown as VirtualCase,
    };
    const run = runScript(parsed.steps, broken, { clock, timers });
    timers.advance(1);
    await expect(run.done).rejects.toThrow('line 3: the module in slot 12 has knobs 0..0');
  });
});
