/**
 * The demo performance shipped as resources/examples/hello-web.k8sperf: hello-web with an AUDIO
 * OUT patched in, then a scale-up, a cordoned Node, a killed Pod (its owner's cable pulled and
 * put back) and a Pod pushed over its Node's capacity into a crash loop, whose back-off is heard
 * as 1, 2, 4, 8, 16 s. Built from the app's own types and serializer
 * (scripts/make-demo-performance.mjs), never hand-written; a unit test keeps the file in step.
 */
import { serializePerformance } from '../history/performance-file';
import type { Catalog } from '../patch/catalog';
import type { Cable, Module, Patch } from '../patch/model';
import type { Op } from '../patch/ops';
import { patchHash } from '../session/patch-hash';
import { applyEvents, type PerformanceEvent } from '../history/core/replay-scheduler';
import { AUDIO_JACK, AUDIO_OUT_TYPE, LEFT_IN, RIGHT_IN } from './routing';

export const DEMO_NAME = 'hello-web: scale up, cordon, kill, crash loop';
export const DEMO_LENGTH_MS = 60_000;
export const SPEAKERS = 'speakers';
/** The Pod the demo drives into a crash loop (alone on the left channel's crash voices). */
export const CRASH_POD = 'pod-2';

const cable = (id: string, from: [string, string], to: [string, string], color = '#e879f9'): Cable => ({
  id,
  from: { module: from[0], jack: from[1] },
  to: { module: to[0], jack: to[1] },
  color,
});

const connect = (c: Cable): Op => ({ type: 'connect', cable: c });

/** hello-web with the speakers module and every voice patched into it. */
export function demoStart(helloWeb: Patch, catalog: Catalog): Patch {
  const speakers: Module = {
    id: SPEAKERS,
    type: AUDIO_OUT_TYPE,
    row: 0,
    hp: 60,
    params: catalog.defaultParams(AUDIO_OUT_TYPE),
    data: {},
  };
  const sound: [string, string][] = [
    ['etcd', LEFT_IN],
    ['etcd', RIGHT_IN],
    ['ctrl', RIGHT_IN],
    ['svc', RIGHT_IN],
    ['pod-1', LEFT_IN],
    ['pod-2', RIGHT_IN],
    ['pod-3', LEFT_IN],
    ['node-a', LEFT_IN],
    ['node-b', RIGHT_IN],
  ];
  return {
    ...helloWeb,
    modules: [...helloWeb.modules, speakers],
    cables: [...helloWeb.cables, ...sound.map(([from, side], i) => cable(`snd-${i + 1}`, [from, AUDIO_JACK], [SPEAKERS, side]))],
  };
}

export function demoEvents(catalog: Catalog): PerformanceEvent[] {
  const pod4: Module = { id: 'pod-4', type: 'pod', row: 1, hp: 4, params: catalog.defaultParams('pod'), data: {} };
  const ui = (t: number, ops: Op[], label: string): PerformanceEvent => ({
    t,
    kind: 'ops',
    source: 'ui',
    ops: [{ type: 'batch', label, ops }],
  });
  return [
    ui(
      4000,
      [
        { type: 'add-module', module: pod4 },
        connect(cable('c20', ['deploy', 'claim-4'], ['pod-4', 'life'], '#ffb437')),
        connect(cable('c21', ['pod-4', 'ready'], ['deploy', 'ready-4'], '#3695ef')),
        connect(cable('c22', ['pod-4', 'ready'], ['svc', 'select'], '#3695ef')),
        connect(cable('c23', ['svc', 'ep-4'], ['pod-4', 'req'], '#2dd4bf')),
        connect(cable('c24', ['pod-4', 'load'], ['node-b', 'load'], '#facc15')),
        connect(cable('snd-10', ['pod-4', AUDIO_JACK], [SPEAKERS, RIGHT_IN])),
        { type: 'set-param', id: 'deploy', param: 'replicas', value: 4 },
      ],
      'scale up to 4',
    ),
    ui(10_000, [{ type: 'set-param', id: 'node-a', param: 'cordon', value: 1 }], 'cordon node-a'),
    ui(12_000, [{ type: 'disconnect', id: 'c4' }], 'kill pod-3'),
    ui(15_000, [connect(cable('c4', ['deploy', 'claim-3'], ['pod-3', 'life'], '#ffb437'))], 'pod-3 back'),
    ui(18_000, [{ type: 'set-param', id: CRASH_POD, param: 'cpu', value: 4000 }], `overload ${CRASH_POD}`),
  ];
}

/** The demo as .k8sperf text. */
export function demoPerformanceFile(helloWeb: Patch, catalog: Catalog): string {
  const start = demoStart(helloWeb, catalog);
  const events = demoEvents(catalog);
  const finalHash = patchHash(applyEvents(start, events, 0, events.length, catalog));
  const info = {
    id: 1,
    name: DEMO_NAME,
    created: Date.UTC(2026, 11, 1),
    length: DEMO_LENGTH_MS,
    eventCount: events.length,
    markers: [
      { t: 4000, label: 'scale up' },
      { t: 10_000, label: 'cordon' },
      { t: 12_000, label: 'kill a pod' },
      { t: 18_000, label: 'crash loop' },
    ],
    finished: true,
  };
  return serializePerformance({ info, start, events, finalHash }, finalHash);
}
