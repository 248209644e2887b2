/**
 * A small hand-made catalog for unit tests of pure code: one module of each shape the rules care
 * about (plain and poly inputs of every signal kind, knobs with steps and detents, a switch),
 * independent of the real resources/modules so core tests do not move when the catalog does.
 */
import { parseCatalog, type Catalog } from '../../main/patch/catalog';

const jack = (id: string, direction: 'input' | 'output', signal: string, x: number, y: number, poly = false) => ({
  id,
  label: id.toUpperCase().slice(0, 12),
  description: `${id} jack`,
  direction,
  signal,
  poly,
  x,
  y,
});

const defs = [
  {
    type: 'src',
    name: 'Source',
    hp: 6,
    jacks: [
      jack('gate', 'output', 'gate', 5, 100),
      jack('trig', 'output', 'trigger', 15, 100),
      jack('cv', 'output', 'cv', 5, 110),
      jack('audio', 'output', 'audio', 15, 110),
    ],
    params: [
      {
        id: 'level',
        label: 'LEVEL',
        description: 'level',
        kind: 'knob',
        x: 10,
        y: 40,
        min: 0,
        max: 10,
        default: 5,
        unit: 'V',
        detents: [5],
      },
    ],
  },
  {
    type: 'dst',
    name: 'Destination',
    hp: 8,
    jacks: [
      jack('gate', 'input', 'gate', 5, 90),
      jack('trig', 'input', 'trigger', 15, 90),
      jack('cv', 'input', 'cv', 25, 90),
      jack('audio', 'input', 'audio', 5, 110),
      jack('poly', 'input', 'cv', 15, 110, true),
    ],
    params: [
      { id: 'count', label: 'COUNT', description: 'a count', kind: 'knob', x: 10, y: 40, min: 0, max: 12, default: 3, step: 1 },
      {
        id: 'mode',
        label: 'MODE',
        description: 'a switch',
        kind: 'switch',
        x: 25,
        y: 40,
        positions: ['run', 'hold'],
        default: 0,
      },
    ],
  },
];

export function testCatalog(): Catalog {
  const { catalog, errors } = parseCatalog(
    defs.map((d) => ({
      name: `${d.type}.json`,
      json: { description: d.name, tags: [], accent: '#336699', panel: `${d.type}.svg`, lights: [], data: [], ...d },
      panelSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
    })),
  );
  if (errors.length) throw new Error(errors.join('\n'));
  return catalog;
}
