import { beforeEach, describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { emptyPatch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import type { RackClient, RequestName } from '../../preload/contract';
import { useRack } from '../store/rackStore';
import { useUi } from '../shell/uiStore';
import { formatShortcut, type KeyLike } from './keys';
import { actionForKey, actions, getAction, runAction } from './registry';
import { actionLabel } from './types';
import { resetClipboardMemory } from './clipboard-actions';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

/** A client that records requests and answers patch.apply with ok (enough to drive actions). */
function fakeClient() {
  const calls: { name: RequestName; input: unknown }[] = [];
  const client: RackClient = {
    request: (async (name: RequestName, input: unknown) => {
      calls.push({ name, input });
      if (name === 'patch.apply' || name === 'undo.undo') return { ok: true, version: 1 };
      if (name === 'file.save') return { ok: true, file: { path: '/tmp/a.k8spatch', dirty: false, recent: [] } };
      return null;
    }) as RackClient['request'],
    on: () => () => {},
  };
  return { client, calls };
}

const mod = (id: string, type: string, row: number, hp: number) => ({ id, type, row, hp, params: {}, data: {} });

describe('action registry', () => {
  let calls: { name: RequestName; input: unknown }[];
  beforeEach(() => {
    const fake = fakeClient();
    calls = fake.calls;
    resetClipboardMemory();
    useUi.setState({ dialog: null, browserFocus: 0 });
    useRack.setState({
      client: fake.client,
      connection: 'open',
      info: { mode: 'web', version: '0', nativeDialogs: false },
      catalog: testCatalog(),
      patch: {
        ...emptyPatch({ rows: 2, hp: 42 }),
        modules: [mod('a', 'src', 0, 0), mod('b', 'dst', 0, 6)],
        cables: [{ id: 'c', from: { module: 'a', jack: 'gate' }, to: { module: 'b', jack: 'gate' }, color: '#f3374b' }],
      },
      file: { path: null, dirty: false, recent: [] },
      history: { canUndo: true, canRedo: false, undoLabel: 'add Pod' },
      selection: { modules: [], cables: [] },
      notices: [],
    });
  });

  it('has unique ids and one action per key', () => {
    expect(new Set(actions.map((a) => a.id)).size).toBe(actions.length);
    const bindings = actions.flatMap((a) => (a.shortcut?.bindings ?? []).map((b) => b.join('+')));
    expect(new Set(bindings).size).toBe(bindings.length);
  });

  it('maps keys to actions, with Ctrl or Cmd as Mod', () => {
    expect(actionForKey(key('z', { ctrlKey: true }))?.id).toBe('history.undo');
    expect(actionForKey(key('Z', { metaKey: true, shiftKey: true }))?.id).toBe('history.redo');
    expect(actionForKey(key('y', { ctrlKey: true }))?.id).toBe('history.redo');
    expect(actionForKey(key('S', { ctrlKey: true, shiftKey: true }))?.id).toBe('file.saveAs');
    expect(actionForKey(key('Backspace'))?.id).toBe('edit.delete');
    expect(actionForKey(key('0', { ctrlKey: true }))?.id).toBe('view.zoomToFit');
    expect(actionForKey(key('Enter'))?.id).toBe('module.add');
    expect(actionForKey(key('z'))).toBeUndefined();
    expect(formatShortcut(getAction('history.redo').shortcut, false)).toBe('Ctrl+Shift+Z');
    expect(formatShortcut(getAction('history.redo').shortcut, true)).toBe('⌘⇧Z');
  });

  it('labels undo with the step it takes back and disables what cannot run', () => {
    const state = useRack.getState();
    expect(actionLabel(getAction('history.undo'), state)).toBe('Undo add Pod');
    expect(getAction('history.redo').enabled(state)).toBe(false);
    expect(getAction('edit.delete').enabled(state)).toBe(false);
    useRack.setState({ connection: 'lost' });
    expect(getAction('history.undo').enabled(useRack.getState())).toBe(false);
  });

  it('deletes the selected modules and cables as one labelled batch', async () => {
    useRack.setState({ selection: { modules: ['b'], cables: ['c'] } });
    expect(await runAction('edit.delete')).toBe(true);
    expect(calls).toEqual([
      {
        name: 'patch.apply',
        input: { op: { type: 'batch', label: 'delete module', ops: [{ type: 'remove-module', id: 'b' }] }, source: 'ui' },
      },
    ]);
  });

  it('copies then pastes with new ids through the in-memory clipboard when the system one is absent', async () => {
    useRack.setState({ selection: { modules: ['a', 'b'], cables: [] } });
    await runAction('edit.copy');
    await runAction('edit.paste');
    const sent = calls.find((c) => c.name === 'patch.apply')?.input as { op: Extract<Op, { type: 'batch' }> };
    expect(sent.op.label).toBe('paste 2 modules');
    expect(sent.op.ops.map((op) => op.type)).toEqual(['add-module', 'add-module', 'connect']);
    expect(useRack.getState().selection.modules).toHaveLength(2);
    expect(useRack.getState().selection.modules).not.toContain('a');
  });

  it('asks before discarding unsaved work, and opens the in-app dialog in web mode', async () => {
    useRack.setState({ file: { path: '/p/live.k8spatch', dirty: true, recent: [] } });
    const running = runAction('file.open');
    await Promise.resolve();
    const dialog = useUi.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'confirm', message: 'Discard unsaved changes to live.k8spatch?' });
    if (dialog?.kind === 'confirm') dialog.resolve(true);
    await running;
    expect(useUi.getState().dialog).toEqual({ kind: 'open' });
  });

  it('saves an untitled patch through Save As, and zooms with the flow instance', async () => {
    await runAction('file.save');
    expect(useUi.getState().dialog).toEqual({ kind: 'save-as', initialPath: '' });
    let fitted = 0;
    await runAction('view.zoomToFit', { flow: { fitBounds: () => fitted++ } });
    expect(fitted).toBe(1);
  });
});
