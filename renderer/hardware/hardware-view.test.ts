import { describe, expect, it } from 'vitest';
import { physicalModuleId } from '../../main/hardware/mirror/module-map';
import { emptyCounters } from '../../main/hardware/mirror/types';
import { emptyPatch, type Patch } from '../../main/patch/model';
import { jackLabel } from '../../main/hardware/mirror/physical';
import type { LinkCounters, LinkInfo } from '../../preload/contract';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import { cablePath } from '../rack/geometry';
import { ghostCables, jackCentre } from './ghost-geometry';
import { isDimmed, linkOfModule, pendingLabel, pickupText } from './hardware-view';

const catalog = moduleCatalog();
const UID = '00112233aabbccdd';
const POD = physicalModuleId(UID, 0);
const DEPLOY = physicalModuleId(UID, 8);

function rackPatch(): Patch {
  const patch = emptyPatch({ rows: 2, hp: 84 });
  patch.modules.push(
    { id: POD, type: 'pod', row: 0, hp: 0, params: { cpu: 250 }, data: {} },
    { id: DEPLOY, type: 'deployment', row: 0, hp: 8, params: {}, data: { name: 'web' } },
    { id: 'pod-9', type: 'pod', row: 1, hp: 0, params: {}, data: { name: 'web-9' } },
  );
  return patch;
}

const counters: LinkCounters = emptyCounters();
const link = (id: string, status: LinkInfo['status']): LinkInfo => ({
  id,
  path: '/dev/pts/9',
  status,
  name: 'case A',
  firmware: '1.0.0',
  protocol: '1.0',
  row: 0,
  modules: 2,
  latencyMs: 1.2,
  counters,
  error: null,
});

describe('hardware view', () => {
  it('finds a module’s link by bridge uid and dims it while the link is down or silent', () => {
    const links = [link('ffffffffffffffff', 'online'), link(UID, 'lost')];
    expect(linkOfModule(links, DEPLOY)?.status).toBe('lost');
    expect(linkOfModule(links, 'pod-9')).toBeUndefined();
    expect([undefined, ...(['online', 'syncing', 'stale', 'lost', 'closed'] as const)].map(isDimmed)).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it('names pending edits and pickups the way the faceplates read', () => {
    const patch = rackPatch();
    expect(jackLabel(patch, catalog, { module: POD, jack: 'life' })).toBe('Pod (slot 0) LIFE');
    expect(
      pendingLabel(
        { id: 'p1', action: 'plug', from: { module: DEPLOY, jack: 'claim-1' }, to: { module: POD, jack: 'life' }, color: '#f00' },
        patch,
        catalog,
      ),
    ).toBe('Plug Deployment web (slot 8) CLAIM 1 → Pod (slot 0) LIFE on the rack');
    expect(
      pendingLabel(
        { id: 'p2', action: 'unplug', from: { module: POD, jack: 'ready' }, to: { module: 'pod-9', jack: 'req' }, color: '#f00' },
        patch,
        catalog,
      ),
    ).toBe('Pull Pod (slot 0) READY → Pod web-9 REQ on the rack');
    expect(pickupText({ key: `${POD}/cpu`, target: 500, physical: 120 }, patch, catalog)).toBe(
      'Turn Pod (slot 0) CPU up to 500 m to pick it up (it is at 120 m)',
    );
    expect(pickupText({ key: `${POD}/cpu`, target: 500, physical: 900 }, patch, catalog)).toContain('down to 500 m');
  });

  it('draws a ghost between the two jack centres, and none for a module no longer there', () => {
    const patch = rackPatch();
    const from = { module: DEPLOY, jack: 'claim-1' };
    const to = { module: POD, jack: 'life' };
    const ghosts = ghostCables(
      [
        { id: 'g1', action: 'plug', from, to, color: '#ff0000' },
        { id: 'g2', action: 'plug', from, to: { module: 'gone', jack: 'life' }, color: '#ff0000' },
      ],
      patch,
      catalog,
      0.5,
    );
    expect(ghosts.map((g) => g.id)).toEqual(['g1']);
    const a = jackCentre(patch, catalog, from)!;
    const b = jackCentre(patch, catalog, to)!;
    expect(ghosts[0]).toMatchObject({ from: a, to: b, color: '#ff0000', action: 'plug' });
    expect(ghosts[0]!.d.startsWith(`M${Math.round(a.x * 10) / 10}`)).toBe(true);
    // Pod LIFE sits at x = 11 mm of a module at hp 0: about 32.5 px.
    expect(b.x).toBeCloseTo(11 * (380 / 128.5), 5);
  });

  it('hangs a ghost exactly where the real cable would, at every cable tension', () => {
    const patch = rackPatch();
    const edit = {
      id: 'g1',
      action: 'plug' as const,
      from: { module: DEPLOY, jack: 'claim-1' },
      to: { module: POD, jack: 'life' },
      color: '#ff0000',
    };
    const a = jackCentre(patch, catalog, edit.from)!;
    const b = jackCentre(patch, catalog, edit.to)!;
    for (const tension of [0, 0.25, 0.5, 1]) {
      const [ghost] = ghostCables([edit], patch, catalog, tension);
      expect(ghost!.d, `tension ${tension}`).toBe(cablePath(a, b, tension));
    }
    expect(ghostCables([edit], patch, catalog, 0)[0]!.d).not.toBe(ghostCables([edit], patch, catalog, 1)[0]!.d);
  });
});
