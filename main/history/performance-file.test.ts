import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { INPUT_BUDGET } from '../patch/input-budget';
import { emptyPatch } from '../patch/model';
import type { Op } from '../patch/ops';
import { patchHash } from '../session/patch-hash';
import { applyEvents, type PerformanceEvent } from './core/replay-scheduler';
import { parsePerformance, serializePerformance } from './performance-file';
import type { Performance } from './performance-store';

const catalog = testCatalog();
const start = { ...emptyPatch(), modules: [{ id: 'm0', type: 'src', row: 0, hp: 0, params: { level: 5 }, data: {} }] };
const knob = (t: number, value: number): PerformanceEvent => ({
  t,
  kind: 'ops',
  source: 'ui',
  ops: [{ type: 'set-param', id: 'm0', param: 'level', value } as Op],
});

function file(events: PerformanceEvent[]): string {
  const perf: Performance = {
    info: { id: 1, name: 'take', created: 0, length: 1000, eventCount: events.length, markers: [], finished: true },
    start,
    events,
    finalHash: null,
  };
  return serializePerformance(perf, patchHash(applyEvents(start, events, 0, events.length, catalog)));
}

describe('performance files', () => {
  it('refuses a file whose intermediate event was altered, even when the final patch is unchanged', () => {
    const text = file([knob(100, 3), knob(200, 7)]);
    expect(parsePerformance(text, catalog).ok).toBe(true);
    const altered = text.replace('"value":3', '"value":9');
    expect(altered).not.toBe(text);
    expect(parsePerformance(altered, catalog)).toEqual({ ok: false, error: expect.stringMatching(/altered or damaged/) });
  });

  it('still loads a file written before events were hashed (checked by its final patch only)', () => {
    const text = file([knob(100, 3), knob(200, 7)]);
    const old = JSON.parse(text) as Record<string, unknown>;
    delete old['eventsHash'];
    expect(parsePerformance(JSON.stringify(old), catalog).ok).toBe(true);
  });

  it('refuses a file nested past the document limit before parsing it', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const text = file([knob(100, 3)]).replace('"markers":[]', `"markers":${deep}`);
    expect(parsePerformance(text, catalog)).toEqual({
      ok: false,
      error: expect.stringContaining(`over the limit of ${INPUT_BUDGET.documentDepth}`),
    });
  });

  it('never throws, whatever the bytes (property)', () => {
    const text = file([knob(100, 3), knob(200, 7)]);
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.string({ maxLength: 4 }), fc.nat(3), (at, insert, cut) => {
        const mutated = text.slice(0, at) + insert + text.slice(at + cut);
        const result = parsePerformance(mutated, catalog);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000, interruptAfterTimeLimit: 3000 },
    );
  });
});
