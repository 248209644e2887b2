/**
 * Right-click menus of the rack, as in VCV Rack: a module's (duplicate, disconnect its cables,
 * initialize its knobs, delete) and a jack's (each cable at it, with where it goes; pull one or
 * all). Each entry is one undo step.
 */
import { useRef } from 'react';
import { duplicate, deleteSelection } from '../actions/edit-actions';
import { disconnectOps, initializeOps } from '../edit/module-menu';
import { newId, sendOps, setSelection, useRack } from '../store/rackStore';
import { jackKey } from './connection-check';
import { cableFarEnd } from './jack-tooltip';
import { cablesByJack, moduleIndex } from './patch-index';
import { useMenuDismiss } from './useMenuDismiss';

export type RackMenuAt =
  | { kind: 'module'; moduleId: string; x: number; y: number }
  | { kind: 'jack'; moduleId: string; jackId: string; x: number; y: number };

const place = (at: { x: number; y: number }) => ({
  left: Math.min(at.x, window.innerWidth - 220),
  top: Math.min(at.y, window.innerHeight - 200),
});

export function RackMenu({ at, onClose }: { at: RackMenuAt; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useMenuDismiss(ref, onClose);
  const run = (fn: () => unknown) => () => {
    onClose();
    void fn();
  };
  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      data-testid={`context-menu-${at.kind}`}
      style={place(at)}
      onContextMenu={(e) => e.preventDefault()}
    >
      {at.kind === 'module' ? <ModuleItems moduleId={at.moduleId} run={run} /> : <JackItems at={at} run={run} />}
    </div>
  );
}

type Run = (fn: () => unknown) => () => void;

function Item({ id, label, onClick, danger }: { id: string; label: string; onClick: () => void; danger?: boolean }) {
  return (
    <button type="button" role="menuitem" className={`menu-item${danger ? ' danger' : ''}`} data-testid={id} onClick={onClick}>
      {label}
    </button>
  );
}

function ModuleItems({ moduleId, run }: { moduleId: string; run: Run }) {
  const name = useRack((s) => s.patch.modules.find((m) => m.id === moduleId)?.data['name']);
  const cables = useRack((s) => disconnectOps(s.patch, moduleId).length);
  const moved = useRack((s) => initializeOps(s.patch, s.catalog, moduleId).length);
  const select = () => setSelection({ modules: [moduleId], cables: [] });
  // Neither action uses the canvas.
  const ctx = { flow: null };
  return (
    <>
      <div className="context-menu-title">{typeof name === 'string' && name ? name : moduleId}</div>
      <Item id="module-menu-duplicate" label="Duplicate" onClick={run(() => (select(), duplicate.perform(ctx)))} />
      {cables > 0 && (
        <Item
          id="module-menu-disconnect"
          label={`Disconnect ${cables === 1 ? 'its cable' : `its ${cables} cables`}`}
          onClick={run(() =>
            sendOps(disconnectOps(useRack.getState().patch, moduleId), { gesture: newId('g'), label: 'disconnect cables' }),
          )}
        />
      )}
      <Item
        id="module-menu-initialize"
        label={moved ? 'Initialize (knobs to defaults)' : 'Initialize (already at defaults)'}
        onClick={run(() => {
          const { patch, catalog } = useRack.getState();
          return sendOps(initializeOps(patch, catalog, moduleId), { gesture: newId('g'), label: 'initialize' });
        })}
      />
      <Item id="module-menu-delete" label="Delete" danger onClick={run(() => (select(), deleteSelection.perform(ctx)))} />
    </>
  );
}

function JackItems({ at, run }: { at: Extract<RackMenuAt, { kind: 'jack' }>; run: Run }) {
  const patch = useRack((s) => s.patch);
  const catalog = useRack((s) => s.catalog);
  const cables = cablesByJack(patch.cables).get(jackKey(at.moduleId, at.jackId)) ?? [];
  const modules = moduleIndex(patch.modules);
  const label = catalog.jack(modules.get(at.moduleId)?.type ?? '', at.jackId)?.label ?? at.jackId;
  const pull = (ids: string[]) =>
    sendOps(
      ids.map((id) => ({ type: 'disconnect' as const, id })),
      { gesture: newId('g'), label: 'disconnect cables' },
    );
  return (
    <>
      <div className="context-menu-title">
        {label}: {cables.length === 0 ? 'no cables' : cables.length === 1 ? '1 cable' : `${cables.length} cables`}
      </div>
      {cables.map((c) => (
        <Item
          key={c.id}
          id={`jack-menu-cable-${c.id}`}
          label={`✕ ${cableFarEnd(c, at.moduleId, at.jackId, modules, catalog)}`}
          onClick={run(() => pull([c.id]))}
        />
      ))}
      {cables.length > 1 && (
        <Item id="jack-menu-pull-all" label="Pull all cables" danger onClick={run(() => pull(cables.map((c) => c.id)))} />
      )}
    </>
  );
}
