import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import type { AttachedHistory } from '../history/history-service';
import { emptyPatch, type Module } from '../patch/model';
import { loadGuideTarget } from './guide-targets';

const catalog = moduleCatalog();
const pod = (id: string): Module => ({ id, type: 'pod', row: 0, hp: 0, params: {}, data: {} });

/** The two history reads the loader makes, over plain data (the stores have their own tests). */
const history = {
  store: { patchAt: (v: number) => (v === 3 ? { ...emptyPatch(), modules: [pod('v3')] } : undefined) },
  performances: {
    load: (id: number) =>
      id === 1
        ? {
            info: { id: 1, name: 'set 1', created: 0, length: 20_000, eventCount: 2, markers: [] },
            start: emptyPatch(),
            events: [
              {
                t: 1000,
                kind: 'ops' as const,
                source: 'ui' as const,
                ops: [{ type: 'add-module' as const, module: pod('early') }],
              },
              { t: 15_000, kind: 'ops' as const, source: 'ui' as const, ops: [{ type: 'remove-module' as const, id: 'early' }] },
            ],
            finalHash: null,
          }
        : undefined,
  },
} as unknown as AttachedHistory;

describe('loadGuideTarget', () => {
  it('reads a version of the open document', async () => {
    expect(await loadGuideTarget({ kind: 'version', version: 3 }, catalog, history)).toMatchObject({
      ok: true,
      name: 'version 3',
    });
    expect(await loadGuideTarget({ kind: 'version', version: 9 }, catalog, history)).toEqual({
      ok: false,
      error: 'The open patch has no version 9: pick one from the history list.',
    });
  });

  it('replays a performance up to the position', async () => {
    const at = await loadGuideTarget({ kind: 'performance', id: 1, position: 12_500 }, catalog, history);
    expect(at).toMatchObject({ ok: true, name: 'set 1 at 0:12.5' });
    expect(at.ok && at.patch.modules.map((m) => m.id)).toEqual(['early']);
    const later = await loadGuideTarget({ kind: 'performance', id: 1, position: 62_500 }, catalog, history);
    expect(later).toMatchObject({ ok: true, name: 'set 1 at 1:02.5' });
    expect(later.ok && later.patch.modules).toEqual([]);
  });

  it('says what to do without a history or a file', async () => {
    expect(await loadGuideTarget({ kind: 'version', version: 1 }, catalog, undefined)).toMatchObject({ ok: false });
    expect(await loadGuideTarget({ kind: 'file', path: '/no/such/file.k8spatch' }, catalog, history)).toEqual({
      ok: false,
      error: 'Could not read file.k8spatch for the guide: no such file or folder (ENOENT).',
    });
  });
});
