/**
 * A small recorded performance on physical modules (and one on-screen module), as data and as a
 * .k8sperf file text, for the tests of performance playback on the virtual rack.
 */
import { serializePerformance } from '../../../history/performance-file';
import type { Catalog } from '../../../patch/catalog';
import type { Module, Patch } from '../../../patch/model';
import { applyEvents, type PerformanceEvent } from '../../../history/core/replay-scheduler';
import { patchHash } from '../../../session/patch-hash';
import { physicalModuleId } from '../../mirror/module-map';

export const FIXTURE_UID = 'aabbccddeeff0011';
const id = (slot: number) => physicalModuleId(FIXTURE_UID, slot);

function module(moduleId: string, type: string, hp: number, params: Record<string, number>): Module {
  return { id: moduleId, type, row: 0, hp, params, data: {} };
}

/** deployment@0 → pod@12 patched; an on-screen service; then the events listed in the comments. */
export function fixturePerformance(): { start: Patch; events: PerformanceEvent[] } {
  const start: Patch = {
    rack: { rows: 2, hp: 84 },
    modules: [
      module(id(0), 'deployment', 0, { replicas: 3 }),
      module(id(12), 'pod', 12, { cpu: 250 }),
      module('svc', 'service', 40, {}),
    ],
    cables: [{ id: 'c1', from: { module: id(0), jack: 'claim-1' }, to: { module: id(12), jack: 'life' }, color: '#ffb437' }],
  };
  const events: PerformanceEvent[] = [
    { t: 100, kind: 'ops', source: 'hardware', ops: [{ type: 'set-param', id: id(12), param: 'cpu', value: 1000 }] },
    { t: 150, kind: 'ops', source: 'ui', ops: [{ type: 'add-module', module: module(id(20), 'pod', 20, { cpu: 500 }) }] },
    {
      t: 200,
      kind: 'ops',
      source: 'ui',
      ops: [
        {
          type: 'batch',
          ops: [
            {
              type: 'connect',
              cable: {
                id: 'c2',
                from: { module: id(0), jack: 'claim-2' },
                to: { module: id(20), jack: 'life' },
                color: '#ffb437',
              },
            },
            { type: 'set-data', id: 'svc', data: { name: 'web' } },
          ],
        },
      ],
    },
    { t: 300, kind: 'ops', source: 'hardware', ops: [{ type: 'disconnect', id: 'c1' }] },
    { t: 350, kind: 'ops', source: 'ui', ops: [{ type: 'move-module', id: id(20), row: 1, hp: 20 }] },
    {
      t: 400,
      kind: 'ops',
      source: 'ui',
      ops: [
        {
          type: 'connect',
          cable: { id: 'c3', from: { module: id(12), jack: 'ready' }, to: { module: 'svc', jack: 'select' }, color: '#3695ef' },
        },
      ],
    },
    { t: 500, kind: 'ops', source: 'ui', ops: [{ type: 'remove-module', id: id(20) }] },
  ];
  return { start, events };
}

/** The fixture as a .k8sperf file (format, final hash and all), as the app exports it. */
export function fixturePerformanceFile(catalog: Catalog): string {
  const { start, events } = fixturePerformance();
  const final = applyEvents(start, events, 0, events.length, catalog);
  const info = {
    id: 1,
    name: 'virtual rack fixture',
    created: Date.UTC(2026, 0, 1),
    length: 600,
    eventCount: events.length,
    markers: [],
    finished: true,
  };
  return serializePerformance({ info, start, events, finalHash: patchHash(final) }, patchHash(final));
}
