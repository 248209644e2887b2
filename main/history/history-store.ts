/**
 * The Session's persistent history (the SessionHistory port on SQLite): every applied op of the
 * open document is written, with its version, time, source, gesture, label and inverse, inside
 * the Session's apply call and before any subscriber hears of it; a snapshot of the whole patch
 * every `snapshotEvery` versions makes any version quick to load; and the undo stack lives in the
 * database too, so undo survives a restart.
 *
 * A document begins at every load (new, open, recover, replay start) and is only written once it
 * gets its first op. At start-up the last document is resumed (undo stack included) when the
 * patch brought back equals its last version.
 */
import { applyOp } from '../patch/apply';
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import type { Op, OpSource } from '../patch/ops';
import { canonicalJson } from '../session/patch-hash';
import { redoOpOf, undoOpOf, type AppliedChange, type SessionHistory, type UndoEntry, type UndoState } from '../session/undo';
import type { VersionInfo, VersionList } from '../../preload/contract';
import type { HistoryDatabase } from './database';
import { parseStoredJson } from '../patch/input-budget';

export type { VersionInfo, VersionList };

export interface HistoryStoreOptions {
  database: HistoryDatabase;
  catalog: Catalog;
  /** Snapshot of the whole patch every this many versions (default 200). */
  snapshotEvery?: number;
  now: () => number;
}

interface Top {
  id: number;
  label: string;
  gesture: string | null;
}

export class HistoryStore implements SessionHistory {
  private doc: number | undefined;
  private version = 0;
  private pending: { patch: Patch; source: OpSource; time: number; path: string | null } | undefined;
  private top: Top | undefined;
  private redoTop: Top | undefined;
  private doneCount = 0;
  private undoneCount = 0;
  private stepChange: { id: number; to: 'done' | 'undone' } | undefined;
  /**
   * Open gestures: gesture id → its undo step. Several gestures can run at once (eight knobs
   * turned on a hardware controller, or a drag while a cable is plugged), and each stays one step.
   */
  private gestures = new Map<string, number>();
  private startup = true;
  private candidate: { id: number; path: string | null; version: number } | undefined;
  private readPatch: () => Patch = () => {
    throw new Error('HistoryStore: attach() the live patch first');
  };
  private readonly every: number;

  constructor(private readonly options: HistoryStoreOptions) {
    this.every = Math.max(1, options.snapshotEvery ?? 200);
    this.candidate = this.lastDocument();
    options.database.onSwap(() => {
      // The file failed; the in-memory database starts from the live patch, undo starts empty.
      this.doc = undefined;
      this.candidate = undefined;
      this.pending = { patch: this.readPatch(), source: 'file', time: options.now(), path: this.pending?.path ?? null };
      this.resetStack();
    });
  }

  /** Gives the store the live patch (for snapshots). The Session calls loaded() right after. */
  attach(livePatch: () => Patch): void {
    this.readPatch = livePatch;
  }

  /** Ends the start-up window in which a loaded patch may resume the last document. */
  endStartup(): void {
    this.startup = false;
    this.candidate = undefined;
  }

  /** The last document of the previous run and its latest patch: what a restart can recover. */
  recoverable(): { path: string | null; version: number; patch: Patch; lastTime: number } | undefined {
    const c = this.candidate;
    if (!c) return undefined;
    const patch = this.patchAt(c.version, c.id);
    const last = this.sql('SELECT MAX(time) AS t FROM events WHERE doc = ?').get(c.id) as { t: number | null };
    return patch ? { path: c.path, version: c.version, patch, lastTime: last.t ?? 0 } : undefined;
  }

  /** Notes the open document's file path (for recovery after a crash). */
  /**
   * Notes the open document's file path (for recovery after a crash). A file opened again while
   * its last document ends on the same patch resumes that document: undo is per file.
   * Returns true when it resumed one (the undo state changed).
   */
  setPath(path: string | null): boolean {
    if (this.doc === undefined) {
      if (!this.pending) return false;
      if (path !== null && this.pending.path !== path && this.resumeFile(path, this.pending.patch)) return true;
      this.pending.path = path;
      return false;
    }
    this.guard(() => this.sql('UPDATE documents SET path = ? WHERE id = ?').run(path, this.doc));
    return false;
  }

  applied(change: AppliedChange): void {
    // The common case (a knob step joining its drag's undo step, or a hardware op) is one INSERT:
    // run it alone in the tick's transaction, without a savepoint around it.
    const single =
      this.doc !== undefined &&
      (this.version + 1) % this.every !== 0 &&
      (change.kind === 'edit'
        ? !change.undoable || (this.undoneCount === 0 && change.gesture !== undefined && this.gestures.has(change.gesture))
        : this.stepChange === undefined);
    const write = (): void => {
      const doc = this.ensureDoc();
      let step: number | null = null;
      if (change.kind === 'edit' && change.undoable) step = this.pushStep(doc, change);
      else if (change.kind !== 'edit' && this.stepChange) {
        this.sql('UPDATE undo_steps SET state = ? WHERE id = ?').run(this.stepChange.to, this.stepChange.id);
        this.stepChange = undefined;
      }
      this.version++;
      this.sql(
        'INSERT INTO events (doc, version, time, source, gesture, kind, label, op, inverse, step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        doc,
        this.version,
        change.time,
        change.source,
        change.gesture ?? null,
        change.kind,
        change.label,
        JSON.stringify(change.op),
        JSON.stringify(change.inverse),
        step,
      );
      if (this.version % this.every === 0)
        this.sql('INSERT INTO snapshots (doc, version, patch) VALUES (?, ?, ?)').run(
          doc,
          this.version,
          JSON.stringify(this.readPatch()),
        );
    };
    this.guard(() => {
      // One commit per tick for all the ops of that tick: the transports wait for it (committed()).
      this.options.database.beginGroup();
      if (single) write();
      else this.options.database.write(write);
    });
    if (change.kind !== 'edit') this.refreshStack();
  }

  committed(): Promise<void> | undefined {
    return this.options.database.committed();
  }

  loaded(patch: Patch, source: OpSource, _version: number, time: number): void {
    const c = this.candidate;
    if (this.startup && c && samePatch(this.patchAt(c.version, c.id), patch)) {
      this.doc = c.id;
      this.version = c.version;
      this.pending = undefined;
      this.refreshStack();
      return;
    }
    this.doc = undefined;
    this.version = 0;
    this.pending = { patch, source, time, path: this.pending?.path ?? null };
    this.resetStack();
  }

  popUndo(): UndoEntry | undefined {
    const top = this.top;
    if (!top || this.doc === undefined) return undefined;
    const inverses = this.stepOps(top.id, 'inverse');
    return { op: undoOpOf(top.label, inverses), label: top.label, done: () => (this.stepChange = { id: top.id, to: 'undone' }) };
  }

  popRedo(): UndoEntry | undefined {
    const next = this.redoTop;
    if (!next || this.doc === undefined) return undefined;
    const ops = this.stepOps(next.id, 'op');
    return { op: redoOpOf(next.label, ops), label: next.label, done: () => (this.stepChange = { id: next.id, to: 'done' }) };
  }

  state(): UndoState {
    return {
      canUndo: this.doneCount > 0,
      canRedo: this.undoneCount > 0,
      ...(this.top ? { undoLabel: this.top.label } : {}),
      ...(this.redoTop ? { redoLabel: this.redoTop.label } : {}),
    };
  }

  /** The open document's versions, newest first, a gesture's run of ops as one row. */
  versions(limit = 200): VersionList {
    if (this.doc === undefined) {
      const start = this.pending;
      return {
        document: null,
        head: 0,
        versions: [
          { version: 0, firstVersion: 0, time: start?.time ?? 0, source: start?.source ?? 'file', kind: 'start', label: 'start' },
        ],
      };
    }
    const rows = this.sql(
      'SELECT version, time, source, gesture, kind, label FROM events WHERE doc = ? ORDER BY version DESC LIMIT ?',
    ).all(this.doc, limit * 20) as {
      version: number;
      time: number;
      source: OpSource;
      gesture: string | null;
      kind: VersionInfo['kind'];
      label: string;
    }[];
    const versions: VersionInfo[] = [];
    let runGesture: string | null = null;
    for (const row of rows) {
      const last = versions.at(-1);
      if (last && row.gesture !== null && row.gesture === runGesture && row.kind === 'edit') {
        last.firstVersion = row.version;
        continue;
      }
      if (versions.length >= limit) break;
      runGesture = row.gesture;
      versions.push({
        version: row.version,
        firstVersion: row.version,
        time: row.time,
        source: row.source,
        kind: row.kind,
        label: row.label,
      });
    }
    if (versions.length < limit && (rows.at(-1)?.version ?? 1) === 1) {
      const created = this.sql('SELECT created, source FROM documents WHERE id = ?').get(this.doc) as
        { created: number; source: OpSource } | undefined;
      versions.push({
        version: 0,
        firstVersion: 0,
        time: created?.created ?? 0,
        source: created?.source ?? 'file',
        kind: 'start',
        label: 'start',
      });
    }
    return { document: this.doc, head: this.version, versions };
  }

  /** The patch at `version` of a document (default: the open one); undefined when there is no such version. */
  patchAt(version: number, doc = this.doc): Patch | undefined {
    if (doc === undefined) return version === 0 ? this.pending?.patch : undefined;
    if (doc === this.doc && (version < 0 || version > this.version)) return undefined;
    const snap = this.sql(
      'SELECT version, patch FROM snapshots WHERE doc = ? AND version <= ? ORDER BY version DESC LIMIT 1',
    ).get(doc, version) as { version: number; patch: string } | undefined;
    if (!snap) return undefined;
    let patch = parseStoredJson(snap.patch, `snapshot ${snap.version}`) as Patch;
    const ops = this.sql('SELECT op FROM events WHERE doc = ? AND version > ? AND version <= ? ORDER BY version').all(
      doc,
      snap.version,
      version,
    ) as { op: string }[];
    for (const { op } of ops) {
      const result = applyOp(patch, parseStoredJson(op, 'history event') as Op, this.options.catalog);
      if (result.ok) patch = result.patch;
    }
    return patch;
  }

  private resumeFile(path: string, patch: Patch): boolean {
    const row = this.sql('SELECT id FROM documents WHERE path = ? ORDER BY id DESC LIMIT 1').get(path) as
      { id: number } | undefined;
    if (!row) return false;
    const v = (this.sql('SELECT MAX(version) AS v FROM events WHERE doc = ?').get(row.id) as { v: number | null }).v ?? 0;
    if (!samePatch(this.patchAt(v, row.id), patch)) return false;
    this.doc = row.id;
    this.version = v;
    this.pending = undefined;
    this.refreshStack();
    return true;
  }

  private lastDocument(): { id: number; path: string | null; version: number } | undefined {
    const row = this.sql('SELECT id, path FROM documents ORDER BY id DESC LIMIT 1').get() as
      { id: number; path: string | null } | undefined;
    if (!row) return undefined;
    const v = this.sql('SELECT MAX(version) AS v FROM events WHERE doc = ?').get(row.id) as { v: number | null };
    return { id: row.id, path: row.path, version: v.v ?? 0 };
  }

  private ensureDoc(): number {
    if (this.doc !== undefined) return this.doc;
    const start = this.pending ?? { patch: this.readPatch(), source: 'file' as OpSource, time: this.options.now(), path: null };
    const id = Number(
      this.sql('INSERT INTO documents (created, source, path) VALUES (?, ?, ?)').run(start.time, start.source, start.path)
        .lastInsertRowid,
    );
    this.sql('INSERT INTO snapshots (doc, version, patch) VALUES (?, 0, ?)').run(id, JSON.stringify(start.patch));
    this.doc = id;
    this.version = 0;
    this.pending = undefined;
    return id;
  }

  /** Records an undoable edit in the undo stack; returns its step id. */
  private pushStep(doc: number, change: AppliedChange): number {
    if (this.undoneCount > 0) {
      // The redo branch leaves the undo stack; its events stay in the history (step set to NULL).
      this.sql("DELETE FROM undo_steps WHERE doc = ? AND state = 'undone'").run(doc);
      this.undoneCount = 0;
      this.redoTop = undefined;
    }
    const open = change.gesture === undefined ? undefined : this.gestures.get(change.gesture);
    if (open !== undefined) return open;
    const id = Number(
      this.sql("INSERT INTO undo_steps (doc, label, gesture, state) VALUES (?, ?, ?, 'done')").run(
        doc,
        change.label,
        change.gesture ?? null,
      ).lastInsertRowid,
    );
    this.top = { id, label: change.label, gesture: change.gesture ?? null };
    this.doneCount++;
    if (change.gesture !== undefined) {
      this.gestures.set(change.gesture, id);
      // Only recent gestures can still be running; an old id is a new gesture.
      if (this.gestures.size > MAX_OPEN_GESTURES) this.gestures.delete(this.gestures.keys().next().value!);
    }
    return id;
  }

  private stepOps(step: number, column: 'op' | 'inverse'): Op[] {
    const rows = this.sql(`SELECT ${column} AS json FROM events WHERE step = ? ORDER BY seq`).all(step) as { json: string }[];
    return rows.map((r) => parseStoredJson(r.json, `history step ${step}`) as Op);
  }

  private refreshStack(): void {
    if (this.doc === undefined) return this.resetStack();
    this.gestures.clear();
    const doc = this.doc;
    this.guard(() => {
      const count = (state: string) =>
        (this.sql('SELECT COUNT(*) AS n FROM undo_steps WHERE doc = ? AND state = ?').get(doc, state) as { n: number }).n;
      this.doneCount = count('done');
      this.undoneCount = count('undone');
      this.top = this.sql(
        "SELECT id, label, gesture FROM undo_steps WHERE doc = ? AND state = 'done' ORDER BY id DESC LIMIT 1",
      ).get(doc) as Top | undefined;
      this.redoTop = this.sql(
        "SELECT id, label, gesture FROM undo_steps WHERE doc = ? AND state = 'undone' ORDER BY id ASC LIMIT 1",
      ).get(doc) as Top | undefined;
    });
  }

  private resetStack(): void {
    this.top = undefined;
    this.redoTop = undefined;
    this.doneCount = 0;
    this.undoneCount = 0;
    this.stepChange = undefined;
    this.gestures.clear();
  }

  private sql(text: string) {
    return this.options.database.statement(text);
  }

  /** A failed write never reaches the Session: the database falls back to memory and says so. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      if (this.options.database.inMemory) throw error;
      this.options.database.fallBackToMemory(error);
    }
  }
}

/** Gestures remembered as possibly still running. */
const MAX_OPEN_GESTURES = 64;

function samePatch(a: Patch | undefined, b: Patch): boolean {
  return a !== undefined && canonicalJson(a) === canonicalJson(b);
}
