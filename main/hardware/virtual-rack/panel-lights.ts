/**
 * What the virtual rack's panels show because the host said so: LED levels (with mode and RGB),
 * gate outputs (with pulses that fall back by themselves) and patch-guide lights at jacks. The
 * device checks each command against the case's modules and hands the valid ones here.
 */
import type { TimerPort } from '../../time/timers';
import type { CaseModule, GuideState, HostMessage, LedMode } from '../codec/index';
import { jackProblem, moduleAt } from './case-rules';

export interface LedLight {
  /** 0..255. */
  level: number;
  mode: LedMode;
  /** [0,0,0] = the LED's own colour. */
  rgb: [number, number, number];
}

export type PanelCommand = Extract<HostMessage, { kind: 'set-led' | 'set-leds' | 'set-gate' | 'guide-jack' | 'guide-clear' }>;

export const PANEL_COMMANDS: ReadonlySet<string> = new Set(['set-led', 'set-leds', 'set-gate', 'guide-jack', 'guide-clear']);

export function isPanelCommand(message: HostMessage): message is PanelCommand {
  return PANEL_COMMANDS.has(message.kind);
}

export class PanelLights {
  private readonly ledLights = new Map<string, LedLight>();
  private readonly guideLights = new Map<string, GuideState>();
  private readonly gateLevels = new Map<string, number>();
  private readonly gatePulses = new Map<string, () => void>();

  constructor(private readonly timers: TimerPort) {}

  /** Shows what `command` sets; false (and nothing changes) when it names an LED or jack the case lacks. */
  apply(command: PanelCommand, modules: readonly CaseModule[]): boolean {
    const m = command;
    switch (m.kind) {
      case 'set-led':
        if (!ledsExist(modules, m.slot, m.led, 1)) return false;
        this.ledLights.set(`${m.slot}/${m.led}`, { level: m.level, mode: m.mode, rgb: m.rgb });
        return true;
      case 'set-leds':
        if (!ledsExist(modules, m.slot, m.first, m.levels.length)) return false;
        m.levels.forEach((level, i) => this.ledLights.set(`${m.slot}/${m.first + i}`, { level, mode: 'steady', rgb: [0, 0, 0] }));
        return true;
      case 'set-gate':
        if (jackProblem(modules, { slot: m.slot, jack: m.jack }, 'output')) return false;
        this.setGate(`${m.slot}/${m.jack}`, m.level, m.pulseMs);
        return true;
      case 'guide-jack':
        if (jackProblem(modules, { slot: m.slot, jack: m.jack }, m.direction)) return false;
        this.guideLights.set(`${m.slot}/${m.direction === 'input' ? 'in' : 'out'}/${m.jack}`, m.state);
        return true;
      case 'guide-clear':
        this.guideLights.clear();
        return true;
    }
  }

  /** The guide goes dark when no host is attached: nobody is guiding anyone. */
  clearGuide(): void {
    this.guideLights.clear();
  }

  /** A module pulled out takes its lights with it. */
  forgetSlot(slot: number): void {
    for (const map of [this.ledLights, this.guideLights, this.gateLevels])
      for (const key of map.keys()) if (key.startsWith(`${slot}/`)) map.delete(key);
  }

  leds(): Record<string, number> {
    return Object.fromEntries([...this.ledLights].map(([key, light]) => [key, light.level]));
  }

  /** Level, mode and RGB override of every LED the host has set, keyed `slot/led`. */
  ledDetails(): Record<string, LedLight> {
    return structuredClone(Object.fromEntries(this.ledLights));
  }

  guide(): Record<string, GuideState> {
    return Object.fromEntries(this.guideLights);
  }

  gates(): Record<string, number> {
    return Object.fromEntries(this.gateLevels);
  }

  private setGate(key: string, level: number, pulseMs: number): void {
    this.gatePulses.get(key)?.();
    this.gatePulses.delete(key);
    this.gateLevels.set(key, level);
    if (pulseMs > 0 && level > 0)
      this.gatePulses.set(
        key,
        this.timers.schedule(() => {
          this.gatePulses.delete(key);
          this.gateLevels.set(key, 0);
        }, pulseMs),
      );
  }
}

function ledsExist(modules: readonly CaseModule[], slot: number, first: number, count: number): boolean {
  const module = moduleAt(modules, slot);
  return !!module && count > 0 && first + count <= module.leds;
}
