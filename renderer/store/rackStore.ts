/**
 * The renderer's copy of the session: the catalog, the patch mirror (kept in step by applying
 * the ops main broadcasts, with the same pure applyOp), file and history state, selection and
 * notices. The renderer never changes the patch itself: it sends ops and waits for the echo.
 */
import { create } from 'zustand';
import { applyOp } from '../../main/patch/apply';
import { Catalog, type CatalogEntry } from '../../main/patch/catalog';
import { CABLE_PALETTE, emptyPatch, type Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import type { ParamSetBy } from '../rack/knob-hold';
import type { AppInfo, FileState, UndoState, Notice, PatchChange, RackClient, SessionResult } from '../../preload/contract';

export interface ShownNotice extends Notice {
  id: number;
  /** When it was raised (Date.now()), for the notification list. */
  at: number;
}

/** The warnings of the last import, kept readable after its notice is gone. */
export interface Problems {
  title: string;
  items: string[];
}

export interface Selection {
  modules: string[];
  cables: string[];
}

export type ConnectionStatus = 'connecting' | 'open' | 'lost' | 'reconnecting';

export interface RackState {
  client: RackClient | null;
  info: AppInfo | null;
  catalog: Catalog;
  patch: Patch;
  version: number;
  file: FileState;
  history: UndoState;
  selection: Selection;
  /** Notices on show in the status line (newest last); they leave it by themselves. */
  notices: ShownNotice[];
  /** Warnings and errors, kept in the notification list until cleared (newest last). */
  log: ShownNotice[];
  problems: Problems | null;
  connection: ConnectionStatus;
  /** Index into CABLE_PALETTE of the next new cable's colour (cycles, as in VCV Rack). */
  nextColor: number;
  /** Who last set each knob or switch (key: paramKey), since the patch was last loaded whole. */
  paramSetBy: ReadonlyMap<string, ParamSetBy>;
  /** The version at which the patch was last taken whole (a load, or a refetch after a gap). */
  reloadedAt: number;
}

/** The key of one module's knob or switch in `paramSetBy`. */
export const paramKey = (moduleId: string, param: string): string => `${moduleId}\n${param}`;

export const useRack = create<RackState>(() => ({
  client: null,
  info: null,
  catalog: new Catalog([]),
  patch: emptyPatch(),
  version: 0,
  file: { path: null, dirty: false, recent: [] },
  history: { canUndo: false, canRedo: false },
  selection: { modules: [], cables: [] },
  notices: [],
  log: [],
  problems: null,
  connection: 'connecting',
  nextColor: 0,
  paramSetBy: new Map(),
  reloadedAt: 0,
}));

/** Loads everything from main and follows its events; returns the function that stops following. */
export async function connectStore(client: RackClient): Promise<() => void> {
  const disposers = [
    client.on('patch.changed', applyChange),
    client.on('undo.changed', (history) => useRack.setState({ history })),
    client.on('file.changed', (file) => useRack.setState({ file })),
    client.on('notice', (notice) => notify(notice.level, notice.message)),
  ];
  const [info, entries, current, file, history] = await Promise.all([
    client.request('app.info', {}),
    client.request('catalog.get', {}),
    client.request('patch.get', {}),
    client.request('file.state', {}),
    client.request('undo.state', {}),
  ]);
  useRack.setState({
    client,
    info,
    catalog: new Catalog(entries as CatalogEntry[]),
    ...wholePatch(current.patch, current.version),
    file,
    history,
    connection: 'open',
  });
  return () => disposers.forEach((dispose) => dispose());
}

/** Applies a broadcast change; a gap in versions (missed event) refetches the whole patch. */
function applyChange(change: PatchChange): void {
  const { patch, version, catalog, client } = useRack.getState();
  if (change.version <= version) return;
  if (change.kind === 'reset') {
    useRack.setState(wholePatch(change.patch, change.version));
    return;
  }
  if (change.version !== version + 1) {
    void client?.request('patch.get', {}).then((p) => useRack.setState(wholePatch(p.patch, p.version)));
    return;
  }
  let next = patch;
  for (const op of change.ops) {
    const result = applyOp(next, op, catalog);
    if (!result.ok) {
      // Main applied it, so our mirror has drifted: take main's patch rather than guess.
      void client?.request('patch.get', {}).then((p) => useRack.setState(wholePatch(p.patch, p.version)));
      return;
    }
    next = result.patch;
  }
  useRack.setState({
    patch: next,
    version: change.version,
    selection: pruneSelection(next),
    ...paramsSetBy(change.ops, { gesture: change.gesture, version: change.version }),
  });
}

/** The state for a patch taken whole: who set which knob starts again. */
function wholePatch(patch: Patch, version: number): Partial<RackState> {
  return { patch, version, selection: pruneSelection(patch), paramSetBy: new Map(), reloadedAt: version };
}

/** The knobs and switches a change set, recorded with its gesture (nothing when it set none). */
function paramsSetBy(ops: Op[], by: ParamSetBy): Partial<RackState> {
  let next: Map<string, ParamSetBy> | undefined;
  const visit = (op: Op): void => {
    if (op.type === 'batch') op.ops.forEach(visit);
    else if (op.type === 'set-param') (next ??= new Map(useRack.getState().paramSetBy)).set(paramKey(op.id, op.param), by);
  };
  ops.forEach(visit);
  return next ? { paramSetBy: next } : {};
}

function pruneSelection(patch: Patch): Selection {
  const { selection } = useRack.getState();
  const modules = selection.modules.filter((id) => patch.modules.some((m) => m.id === id));
  const cables = selection.cables.filter((id) => patch.cables.some((c) => c.id === id));
  return modules.length === selection.modules.length && cables.length === selection.cables.length
    ? selection
    : { modules, cables };
}

/**
 * Sends ops to main as one change (a batch when several). A refusal is shown as a notice and
 * returned; the mirror only changes when main's echo arrives.
 */
export async function sendOps(
  ops: Op[],
  options: { gesture?: string; label?: string; quiet?: boolean; baseVersion?: number } = {},
): Promise<SessionResult | undefined> {
  const { client } = useRack.getState();
  if (!client || ops.length === 0) return undefined;
  const op: Op =
    ops.length === 1 && options.label === undefined
      ? ops[0]!
      : { type: 'batch', ops, ...(options.label ? { label: options.label } : {}) };
  try {
    const result = await client.request('patch.apply', {
      op,
      source: 'ui',
      ...(options.gesture ? { gesture: options.gesture } : {}),
      ...(options.baseVersion === undefined ? {} : { baseVersion: options.baseVersion }),
    });
    if (!result.ok && !options.quiet) notify('error', result.error.message);
    return result;
  } catch (error) {
    notify('error', `The change was not applied: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

let noticeId = 0;
/** How long a notice stays in the status line: information briefly, problems long enough to read. */
export const NOTICE_MS = { info: 4000, warning: 10_000, error: 10_000 } as const;
/** The notification list keeps this many warnings and errors. */
const LOG_SIZE = 50;

/**
 * Shows a notice in the status line, which it leaves by itself; warnings and errors also go to
 * the notification list, where they stay until cleared, so a failed save cannot scroll by unread.
 */
export function notify(level: Notice['level'], message: string): void {
  const notice = { id: ++noticeId, level, message, at: Date.now() };
  useRack.setState((s) => ({
    notices: [...s.notices.slice(-2), notice],
    ...(level === 'info' ? {} : { log: [...s.log.slice(1 - LOG_SIZE), notice] }),
  }));
  setTimeout(() => dismissNotice(notice.id), NOTICE_MS[level]);
}

/** Keeps `items` in the Problems list under `title` (the last import's warnings), or clears it. */
export function setProblems(problems: Problems | null): void {
  useRack.setState({ problems });
}

export function clearLog(): void {
  useRack.setState({ log: [], problems: null });
}

export function dismissNotice(id: number): void {
  useRack.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** The colour for the next new cable; advances the palette cursor. */
export function takeCableColor(): string {
  const index = useRack.getState().nextColor;
  useRack.setState({ nextColor: (index + 1) % CABLE_PALETTE.length });
  return CABLE_PALETTE[index % CABLE_PALETTE.length]!;
}

export function setSelection(selection: Selection): void {
  useRack.setState({ selection });
}

/** Short random ids for new modules and cables (the creator picks ids so replays reuse them). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return (
    prefix +
    '-' +
    Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
      .join('')
      .slice(0, 8)
  );
}
