import { describe, expect, it } from 'vitest';
import { createTelemetry, LIGHT_OFF } from './telemetry';

function manual() {
  const queue: (() => void)[] = [];
  const t = createTelemetry((flush) => queue.push(flush));
  return { t, frame: () => queue.splice(0).forEach((f) => f()), queued: () => queue.length };
}

describe('telemetry', () => {
  it('coalesces many writes into one notification per light per frame', () => {
    const { t, frame, queued } = manual();
    let calls = 0;
    t.subscribe('pod-1', 'ready-led', () => calls++);
    t.set('pod-1', 'ready-led', { brightness: 0.2 });
    t.set('pod-1', 'ready-led', { brightness: 0.7 });
    t.set('pod-1', 'phase', { brightness: 1 });
    expect(queued()).toBe(1);
    expect(calls).toBe(0);
    frame();
    expect(calls).toBe(1);
    expect(t.get('pod-1', 'ready-led')).toEqual({ brightness: 0.7 });
  });

  it('ignores writes that change nothing and clamps brightness', () => {
    const { t, frame, queued } = manual();
    t.set('m', 'l', { brightness: 3, color: '#ff0000' });
    frame();
    t.set('m', 'l', { brightness: 1, color: '#ff0000' });
    expect(queued()).toBe(0);
    expect(t.get('m', 'l')).toEqual({ brightness: 1, color: '#ff0000' });
  });

  it('turns a module off and stops notifying after unsubscribe', () => {
    const { t, frame } = manual();
    let calls = 0;
    const stop = t.subscribe('m', 'l', () => calls++);
    t.set('m', 'l', { brightness: 1 });
    t.set('m2', 'l', { brightness: 1 });
    frame();
    t.clearModule('m');
    frame();
    expect(calls).toBe(2);
    expect(t.get('m', 'l')).toBe(LIGHT_OFF);
    expect(t.get('m2', 'l').brightness).toBe(1);
    stop();
    t.set('m', 'l', { brightness: 0.5 });
    frame();
    expect(calls).toBe(2);
  });
});
