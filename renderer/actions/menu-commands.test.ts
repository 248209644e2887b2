import { beforeEach, describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { emptyPatch } from '../../main/patch/model';
import type { RackClient, RequestName } from '../../preload/contract';
import { useUi } from '../shell/uiStore';
import { useRack } from '../store/rackStore';
import { runMenuCommand } from './menu-commands';

const flowless = { flow: null };

/** Stands in for main behind the contract: records requests; undo is refused as main would. */
function fakeClient() {
  const calls: { name: RequestName; input: unknown }[] = [];
  const client: RackClient = {
    request: (async (name: RequestName, input: unknown) => {
      calls.push({ name, input });
      if (name === 'undo.undo')
        return {
          ok: false,
          version: 3,
          error: { code: 'physical-rack', message: 'Cannot undo "connect cable": the cable is in its jack.' },
        };
      if (name === 'file.open') return { ok: true, warnings: [], file: { path: '/p/a.k8spatch', dirty: false, recent: [] } };
      return null;
    }) as RackClient['request'],
    on: () => () => {},
  };
  return { client, calls };
}

describe('runMenuCommand', () => {
  let calls: { name: RequestName; input: unknown }[];
  beforeEach(() => {
    const fake = fakeClient();
    calls = fake.calls;
    useUi.setState({ dialog: null });
    useRack.setState({
      client: fake.client,
      connection: 'open',
      info: { mode: 'electron', version: '0', nativeDialogs: true },
      catalog: testCatalog(),
      patch: emptyPatch({ rows: 2, hp: 42 }),
      file: { path: null, dirty: false, recent: [] },
      history: { canUndo: true, canRedo: false, undoLabel: 'connect cable' },
      notices: [],
    });
  });

  it("runs the registered action, so a refused undo from the menu shows main's reason", async () => {
    await runMenuCommand({ kind: 'action', id: 'history.undo' }, flowless);
    expect(calls.map((c) => c.name)).toEqual(['undo.undo']);
    expect(useRack.getState().notices.map((n) => [n.level, n.message])).toEqual([
      ['error', 'Cannot undo "connect cable": the cable is in its jack.'],
    ]);
  });

  it('opens a recent file through the same request as the page, asking nothing when there is nothing to lose', async () => {
    await runMenuCommand({ kind: 'open-recent', path: '/p/a.k8spatch' }, flowless);
    expect(calls).toEqual([{ name: 'file.open', input: { path: '/p/a.k8spatch' } }]);
  });

  it('says so when the menu names an action the page does not have', async () => {
    await runMenuCommand({ kind: 'action', id: 'file.print' }, flowless);
    expect(calls).toEqual([]);
    expect(useRack.getState().notices.at(-1)?.message).toContain('"file.print"');
  });
});
