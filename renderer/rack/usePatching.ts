/**
 * Patching with the mouse, after VCV Rack (PortWidget):
 * - drag from an output: always a new cable (outputs stack cables);
 * - drag from a patched input: picks up its cable (React Flow's reconnect at the target end);
 *   drop it on another input and it moves there (one batch: disconnect, connect; one gesture);
 *   drop it in empty space and it is removed; drop it on a jack that refuses it and it stays;
 * - drag from a free input: a new cable that must end on an output; the op always runs from
 *   output to input;
 * - Ctrl-drag from a patched jack: a copy of its top cable, same output and colour (jack-press.ts);
 * - a finger on a patched input picks its cable up as the mouse does, but React Flow's reconnect
 *   takes no touches: the drag runs as a new connection from the cable's output that carries the
 *   cable, and its drop moves the cable (onConnect) or, in empty space, pulls it (onConnectEnd).
 * While dragging, every jack knows whether it would take the cable (interaction.ts); that
 * verdict is a dry run of main's own applyOp, and isValidConnection asks the same question.
 * Releasing on a jack that refuses shows main's reason.
 */
import type {
  Connection,
  FinalConnectionState,
  IsValidConnection,
  OnConnectEnd,
  OnConnectStart,
  OnReconnect,
} from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';
import { CABLE_PALETTE, sameJack, type JackRef } from '../../main/patch/model';
import { newId, notify, sendOps, takeCableColor, useRack } from '../store/rackStore';
import type { CableFlowEdge } from './CableEdge';
import { connectionProblem, connectionVerdicts, jackKey, orientConnection } from './connection-check';
import { beginCableDrag, currentCableDrag, endCableDrag, takeArmedCopy, takeArmedPickUp } from './interaction';

const ends = (c: Connection | CableFlowEdge): [JackRef, JackRef] => [
  { module: c.source, jack: c.sourceHandle ?? '' },
  { module: c.target, jack: c.targetHandle ?? '' },
];

/** The jack under the pointer, found through the cables drawn over it. */
function jackAt(event: MouseEvent | TouchEvent): JackRef | undefined {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  if (!point) return undefined;
  for (const el of document.elementsFromPoint(point.clientX, point.clientY)) {
    const key = el instanceof HTMLElement ? el.closest<HTMLElement>('[data-jack]')?.dataset['jack'] : undefined;
    if (key) {
      const [module = '', jack = ''] = key.split('/');
      return { module, jack };
    }
  }
  return undefined;
}

/** Moves a picked-up cable to a new pair of jacks: same id and colour, one undo step (VCV: remove, then add). */
function moveCable(id: string, c: Connection): void {
  const { patch, catalog } = useRack.getState();
  const cable = patch.cables.find((x) => x.id === id);
  if (!cable) return;
  const [a, b] = ends(c);
  const oriented = orientConnection(patch, catalog, a, b);
  if (!oriented.ok) {
    notify('error', oriented.reason);
    return;
  }
  if (sameJack(oriented.from, cable.from) && sameJack(oriented.to, cable.to)) return; // put back where it was
  void sendOps(
    [
      { type: 'disconnect', id: cable.id },
      { type: 'connect', cable: { ...cable, from: oriented.from, to: oriented.to } },
    ],
    { gesture: newId('g'), label: 'move cable' },
  );
}

export function usePatching() {
  /** The cable picked up from an input, between onReconnectStart and onReconnectEnd. */
  const carried = useRef<string | null>(null);
  /** Set when onReconnect handled the drop, so onReconnectEnd does not also remove the cable. */
  const moved = useRef(false);
  /** The cable a finger carries (picked up at its input, dragged as a connection from its output). */
  const touchCarried = useRef<string | null>(null);

  const onReconnectStart = useCallback((_e: unknown, edge: CableFlowEdge) => {
    carried.current = edge.id;
    moved.current = false;
  }, []);

  const onConnectStart: OnConnectStart = useCallback((_e, { nodeId, handleId }) => {
    const { patch, catalog, nextColor } = useRack.getState();
    touchCarried.current = takeArmedPickUp();
    const carriedId = carried.current ?? touchCarried.current;
    const cable = carriedId ? patch.cables.find((c) => c.id === carriedId) : undefined;
    const from: JackRef | undefined = cable ? cable.from : nodeId && handleId ? { module: nodeId, jack: handleId } : undefined;
    const copied = takeArmedCopy();
    if (!from) return;
    beginCableDrag({
      from,
      ...(cable ? { replacing: cable.id } : copied ? { copy: true } : {}),
      color: cable?.color ?? copied ?? CABLE_PALETTE[nextColor % CABLE_PALETTE.length]!,
      verdicts: connectionVerdicts(patch, catalog, from, cable?.id),
    });
  }, []);

  const isValidConnection: IsValidConnection<CableFlowEdge> = useCallback((c) => {
    const [a, b] = ends(c);
    const drag = currentCableDrag();
    if (drag) {
      const other = sameJack(a, drag.from) ? b : a;
      return drag.verdicts.get(jackKey(other.module, other.jack)) === null;
    }
    const { patch, catalog } = useRack.getState();
    return connectionProblem(patch, catalog, a, b) === null;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (touchCarried.current) return moveCable(touchCarried.current, c);
    const { patch, catalog } = useRack.getState();
    const [a, b] = ends(c);
    const oriented = orientConnection(patch, catalog, a, b);
    if (!oriented.ok) {
      notify('error', oriented.reason);
      return;
    }
    // A copy keeps the copied cable's colour and leaves the palette where it was (VCV).
    const drag = currentCableDrag();
    const color = drag?.copy ? drag.color : takeCableColor();
    const cable = { id: newId('c'), from: oriented.from, to: oriented.to, color };
    void sendOps([{ type: 'connect', cable }], { gesture: newId('g'), ...(drag?.copy ? { label: 'copy cable' } : {}) });
  }, []);

  const onReconnect: OnReconnect<CableFlowEdge> = useCallback((edge, c) => {
    moved.current = true;
    moveCable(edge.id, c);
  }, []);

  const onConnectEnd: OnConnectEnd = useCallback((event, state: FinalConnectionState) => {
    const drag = currentCableDrag();
    const byTouch = touchCarried.current;
    touchCarried.current = null;
    endCableDrag();
    if (!drag || state.isValid === true) return;
    const target = state.toHandle?.id ? { module: state.toHandle.nodeId, jack: state.toHandle.id } : jackAt(event);
    // A cable a finger carried off into empty space is pulled out, as with the mouse (onReconnectEnd).
    if (!target && byTouch) void sendOps([{ type: 'disconnect', id: byTouch }], { gesture: newId('g') });
    if (!target || sameJack(target, drag.from)) return;
    const key = jackKey(target.module, target.jack);
    const { patch, catalog } = useRack.getState();
    const reason = drag.verdicts.has(key)
      ? drag.verdicts.get(key)
      : connectionProblem(patch, catalog, drag.from, target, drag.replacing);
    if (reason) notify('error', reason);
  }, []);

  const onReconnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, edge: CableFlowEdge, _type: unknown, state: FinalConnectionState) => {
      const handled = moved.current;
      carried.current = null;
      moved.current = false;
      if (handled || state.isValid === true) return;
      // Released on a jack that refused it (onConnectEnd said why): the cable stays.
      if (state.toHandle || jackAt(event)) return;
      // Released in empty space: the cable is pulled out.
      void sendOps([{ type: 'disconnect', id: edge.id }], { gesture: newId('g') });
    },
    [],
  );

  return useMemo(
    () => ({ onReconnectStart, onConnectStart, isValidConnection, onConnect, onReconnect, onConnectEnd, onReconnectEnd }),
    [onReconnectStart, onConnectStart, isValidConnection, onConnect, onReconnect, onConnectEnd, onReconnectEnd],
  );
}
