/**
 * Plays parsed script steps on a virtual rack. Time is kept as a script clock (the sum of the
 * waits from the start), not as "sleep N after the last step", so a long script does not drift;
 * a late wake-up sends every sample that has come due at once (a 1 kHz sweep on a 1 ms timer
 * still sends exactly one frame per sample, never fewer).
 */
import type { Clock } from '../../time/clock';
import type { TimerPort } from '../../time/timers';
import type { RackAction, ScriptStep, VirtualCase } from './types';

export interface ScriptTarget {
  case(name: string): VirtualCase;
}

export interface ScriptRunOptions {
  clock: Clock;
  timers: TimerPort;
  /** Where `say` lines go (the CLI prints them). */
  say?: (text: string) => void;
}

export interface ScriptRun {
  /** Resolves when the script ends or is stopped; rejects with `line N: …` when a step fails. */
  done: Promise<void>;
  stop(): void;
}

/** A failed step, its message starting with `line N:`. */
class StepError extends Error {}

export function runScript(steps: readonly ScriptStep[], target: ScriptTarget, options: ScriptRunOptions): ScriptRun {
  const { clock, timers } = options;
  let stopped = false;
  let cancelSleep: (() => void) | null = null;
  let wake: (() => void) | null = null;
  const start = clock.now();
  /** Script time in ms since the start: where the waits so far have brought the script. */
  let at = 0;

  const sleepUntil = (t: number): Promise<void> | undefined => {
    const ms = start + t - clock.now();
    if (ms <= 0 || stopped) return undefined;
    return new Promise<void>((resolve) => {
      wake = resolve;
      cancelSleep = timers.schedule(() => {
        cancelSleep = null;
        wake = null;
        resolve();
      }, ms);
    });
  };

  const sweep = async (c: VirtualCase, a: Extract<RackAction, { kind: 'sweep' }>) => {
    const samples = Math.max(1, Math.round((a.ms * a.hz) / 1000));
    for (let i = 0; i <= samples && !stopped; i++) {
      await sleepUntil(at + (a.ms * i) / samples);
      c.turn(a.slot, a.knob, Math.round(a.from + ((a.to - a.from) * i) / samples));
    }
    at += a.ms;
  };

  const act = async (c: VirtualCase, a: RackAction): Promise<void> => {
    switch (a.kind) {
      case 'plug':
        return c.plug(a.from, a.to);
      case 'unplug':
        return c.unplug(a.from, a.to);
      case 'turn':
        return c.turn(a.slot, a.knob, a.value);
      case 'sweep':
        return sweep(c, a);
      case 'flip':
        return c.flip(a.slot, a.switch, a.position);
      case 'jack':
        return c.jack(a.slot, a.direction, a.jack, a.inserted);
      case 'insert':
        return c.insertModule(a.module);
      case 'remove':
        return c.removeModule(a.slot);
      case 'usb':
        return a.plugged ? c.replugUsb() : c.unplugUsb();
      case 'fault':
        c.faults = { ...c.faults, ...a.settings };
        return;
      case 'log':
        return c.log(a.level, a.text);
    }
  };

  const run = async (list: readonly ScriptStep[]): Promise<void> => {
    for (const step of list) {
      if (stopped) return;
      try {
        switch (step.kind) {
          case 'wait':
            at += step.ms;
            await sleepUntil(at);
            break;
          case 'say':
            options.say?.(step.text);
            break;
          case 'do':
            await act(target.case(step.caseName), step.action);
            break;
          case 'repeat':
            for (let i = 0; i < step.times && !stopped; i++) await run(step.body);
            break;
        }
      } catch (error) {
        if (error instanceof StepError) throw error;
        throw new StepError(`line ${step.line}: ${(error as Error).message}`);
      }
    }
  };

  return {
    done: run(steps),
    stop() {
      stopped = true;
      cancelSleep?.();
      cancelSleep = null;
      wake?.();
      wake = null;
    },
  };
}
