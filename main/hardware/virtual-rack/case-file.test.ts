import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { jackIndexOf } from '../mirror/module-map';
import { parseCaseFile, parseModuleList } from './case-file';
import { resolveCases } from './case-spec';
import { deriveBridgeUid } from './inventory';

const catalog = moduleCatalog();
const ROOT = join(import.meta.dirname, '..', '..', '..');
const file = (cases: unknown) => JSON.stringify({ cases });

describe('case files', () => {
  it('load hello-web: every module of the example patch in one case, with its cables and knob settings', () => {
    const [spec] = parseCaseFile(readFileSync(join(ROOT, 'resources/virtual-rack/hello-web.json'), 'utf8'), catalog);
    const patch = JSON.parse(readFileSync(join(ROOT, 'resources/examples/hello-web.k8spatch'), 'utf8')) as {
      modules: { id: string; type: string; params: Record<string, number> }[];
      cables: { from: { module: string; jack: string }; to: { module: string; jack: string } }[];
    };
    expect(spec!.modules.map((m) => m.type).sort()).toEqual(patch.modules.map((m) => m.type).sort());
    // Each cable of the case is a cable of the patch (by module type and jack); only the extra
    // sources into a poly input (svc SELECT, node-a LOAD) are missing.
    const typeAt = new Map(spec!.modules.map((m) => [m.slot, m.type]));
    const caseCables = spec!.cables!.map((c) => {
      const jack = (a: { slot: number; jack: number }, dir: 'input' | 'output') =>
        `${typeAt.get(a.slot)}:${catalog.get(typeAt.get(a.slot)!)!.jacks.filter((j) => j.direction === dir)[a.jack]!.id}`;
      return `${jack(c.from, 'output')} → ${jack(c.to, 'input')}`;
    });
    const typeOf = new Map(patch.modules.map((m) => [m.id, m.type]));
    const patchCables = patch.cables.map(
      (c) => `${typeOf.get(c.from.module)}:${c.from.jack} → ${typeOf.get(c.to.module)}:${c.to.jack}`,
    );
    expect(caseCables.every((c) => patchCables.includes(c))).toBe(true);
    expect(patchCables.length - caseCables.length).toBe(3);
    const [resolved] = resolveCases([spec!], catalog);
    expect(resolved!.bridgeUid).toBe(deriveBridgeUid('hello-web'));
    expect(resolved!.state.cables).toHaveLength(16);
    expect(jackIndexOf(catalog.get('deployment')!, 'claim-1')).toEqual({ direction: 'output', index: 1 });
  });

  it.each([
    ['not json', /not valid JSON/],
    [file([]), /cases: .*a case file is/],
    [
      file([{ name: 'x', modules: [{ slot: 0, type: 'pod' }], cables: [{ from: '0.ready', to: '9.life' }] }]),
      /cases\.0\.cables\.0: no module in slot 9/,
    ],
    [
      file([{ name: 'x', modules: [{ slot: 0, type: 'pod' }], cables: [{ from: '0.life', to: '0.req' }] }]),
      /0\.life is an input/,
    ],
    [
      file([
        {
          name: 'x',
          modules: [
            { slot: 0, type: 'pod' },
            { slot: 8, type: 'pod' },
            { slot: 16, type: 'node' },
          ],
          cables: [
            { from: '0.load', to: '16.load' },
            { from: '8.load', to: '16.load' },
          ],
        },
      ]),
      /case "x": cable 8\.1 → 16\.0: input 16\.0 already has a cable from 0\.1/,
    ],
    [
      file([
        {
          name: 'x',
          modules: [
            { slot: 0, type: 'pod' },
            { slot: 4, type: 'pod' },
          ],
        },
      ]),
      /overlaps the pod at slot 0/,
    ],
    [file([{ name: 'x', modules: [{ slot: 0, type: 'pod', params: { ram: 1 } }] }]), /pod has no param "ram"/],
    [file([{ name: 'a-very-long-case-name', modules: [] }]), /1 to 16 bytes/],
    [file([{ name: 'x', bridgeUid: 'XYZ', modules: [] }]), /16 lowercase hex digits/],
    [
      file([
        { name: 'x', modules: [] },
        { name: 'x', modules: [] },
      ]),
      /two cases share the name "x"/,
    ],
    [
      file([
        { name: 'a b', modules: [] },
        { name: 'a,b', modules: [] },
      ]),
      /pty link name "a-b"/,
    ],
  ])('refuse %s', (text, message) => {
    expect(() => parseCaseFile(text, catalog)).toThrow(message);
  });

  it('--modules: TYPE@SLOT, comma separated', () => {
    expect(parseModuleList('pod@0, deployment@8', catalog)).toEqual([
      { type: 'pod', slot: 0 },
      { type: 'deployment', slot: 8 },
    ]);
    expect(() => parseModuleList('pod', catalog)).toThrow(/TYPE@SLOT/);
    expect(() => parseModuleList('object@0', catalog)).toThrow(/only on screen/);
  });
});
