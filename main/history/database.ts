/**
 * The history database: one SQLite file in the data directory (history.sqlite), opened with WAL,
 * foreign keys on and the schema brought up to date by `user_version` migrations. It never stops
 * the app: a corrupt file is renamed aside (never overwritten) and a fresh one started; a folder
 * that cannot be written, or a disk that fills up later, switches to an in-memory database with
 * one clear notice, so the user keeps working and can Save As elsewhere.
 *
 * Durability: `synchronous = NORMAL` in WAL mode makes every committed transaction survive a
 * crash or kill -9 of the app (the WAL is written before commit returns); only a power cut can
 * roll back the last transactions, and never corrupts the file (SQLite "WAL mode" docs). FULL
 * would fsync every knob step, which the 8 kHz ingest benchmark rules out.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Notice } from '../../preload/contract';
import { describeFsError } from '../files/fs-errors';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { MIGRATIONS } from './schema';

export const HISTORY_FILE_NAME = 'history.sqlite';
/** Environment variable naming the history database file (tests, a second instance). */
export const HISTORY_DB_ENV = 'K8S_SYNTH_DB';

type Statement = Database.Statement<unknown[]>;

/** How often the worker copies the WAL back into the file while it is small (checkpointer.ts). */
const CHECKPOINT_EVERY_MS = 250;
/**
 * The WAL's size: past WAL_REWIND_BYTES the worker checkpoints without pause until the WAL
 * rewinds in a pause between ops, and truncates it once the app is quiet (checkpointer.ts). A
 * writer that never pauses is stopped at WAL_LIMIT_BYTES by the main connection's own automatic
 * checkpoint, which copies what the worker has not yet (fsyncs on the op path, once per
 * WAL_LIMIT_BYTES written). When the WAL rewinds after a larger burst (one big transaction),
 * `journal_size_limit` cuts the file back to WAL_REWIND_BYTES.
 */
export const WAL_REWIND_BYTES = 16 * 2 ** 20;
export const WAL_LIMIT_BYTES = 4 * WAL_REWIND_BYTES;
/**
 * New files use 1 KB pages (SQLite's default is 4 KB): an op touches about three pages (the
 * events row, its (doc, version) index, its undo step index), and WAL mode writes each whole
 * page again per commit, so 4 KB pages wrote 13 KB of WAL per knob step and 1 KB pages write
 * 4 KB. Files created with 4 KB pages keep them (changing needs a VACUUM out of WAL mode).
 */
const PAGE_SIZE = 1024;

let driver: typeof Database | undefined;

/**
 * Loads better-sqlite3 on first use. A native addon built for another ABI (Electron's, before
 * `npm run rebuild:electron`) throws here, and the app then runs without a persistent history
 * instead of not starting at all (see history-service.ts).
 */
export function sqliteDriver(): typeof Database {
  if (!driver) {
    // Not the bare `require`: esbuild's ESM bundle turns it into a shim that throws.
    const load = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
    driver = load('better-sqlite3') as typeof Database;
  }
  return driver;
}

/** The database file: $K8S_SYNTH_DB, else <dataDir>/history.sqlite. */
export function historyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[HISTORY_DB_ENV] || join(dataDir, HISTORY_FILE_NAME);
}

export interface HistoryDatabaseOptions {
  /** The file, or ':memory:'. */
  file: string;
  notify: (notice: Notice) => void;
  /** For the name of a corrupt file kept aside. */
  now?: () => number;
}

/**
 * Holds the open connection and swaps it for an in-memory one when the file fails. Owners read
 * `db` each time (never keep it) and listen with `onSwap` to re-create what they need.
 */
export class HistoryDatabase {
  private current: Database.Database;
  private statements = new Map<string, Statement>();
  private readonly swapListeners = new Set<() => void>();
  private checkpointer: Checkpointer | undefined;
  /** The tick's open transaction (see beginGroup). */
  private group: { done: Promise<void>; resolve: () => void } | undefined;
  /** True when history is not being written to disk (the file could not be opened or written). */
  inMemory = false;

  constructor(private readonly options: HistoryDatabaseOptions) {
    this.current = this.open();
    if (!this.inMemory) {
      this.checkpointer = startCheckpointer(options.file, {
        everyMs: CHECKPOINT_EVERY_MS,
        rewindBytes: WAL_REWIND_BYTES,
        onError: () => this.autoCheckpoint(),
      });
      if (this.checkpointer) this.current.pragma(`wal_autocheckpoint = ${inPages(this.current, WAL_LIMIT_BYTES)}`);
    }
  }

  get db(): Database.Database {
    return this.current;
  }

  /** True while a worker thread does the WAL checkpoints (see checkpointer.ts). */
  get checkpointing(): boolean {
    return this.checkpointer !== undefined;
  }

  get file(): string {
    return this.options.file;
  }

  /** A cached prepared statement on the current connection. */
  statement(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.current.prepare(sql)));
    return s;
  }

  /**
   * Group commit: opens one transaction for every write of this tick (the ops of eight knob
   * streams arriving together), committed once when the tick ends. Nothing written in it may be
   * acknowledged outside the process before `committed()` resolves. Inside a transaction someone
   * else opened, the write simply joins theirs.
   */
  beginGroup(): void {
    if (this.group || this.current.inTransaction) return;
    this.current.exec('BEGIN');
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.group = { done, resolve };
    setImmediate(() => this.commitGroup());
  }

  /** Resolves when the open group is committed; undefined when no group is open. */
  committed(): Promise<void> | undefined {
    return this.group?.done;
  }

  /** Commits the open group now (the tick's end, or a close); a failed COMMIT switches to memory. */
  commitGroup(): void {
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    try {
      if (this.current.inTransaction) this.current.exec('COMMIT');
    } catch (error) {
      this.fallBackToMemory(error);
    }
    group.resolve();
  }

  /** Runs `fn` in one transaction; a write failure (disk full, I/O error) switches to memory and rethrows. */
  write<T>(fn: () => T): T {
    return this.current.transaction(fn)();
  }

  onSwap(fn: () => void): () => void {
    this.swapListeners.add(fn);
    return () => void this.swapListeners.delete(fn);
  }

  /**
   * Gives up on the file after a write failed: tells the user once, continues in memory. The
   * file is left as it is (every committed change stays in it).
   */
  fallBackToMemory(error: unknown): void {
    if (this.inMemory) return;
    // The open group's writes are lost with the file; they live on in memory, as the notice says.
    const group = this.group;
    this.group = undefined;
    group?.resolve();
    void this.stopCheckpointer();
    try {
      this.current.close();
    } catch {
      // Closing a failing connection can fail too; it is dropped either way.
    }
    this.options.notify({
      level: 'error',
      message: `The patch history can no longer be written to ${this.options.file} (${describeDbError(error)}). Changes are kept in memory only from now on: undo still works, but save your patch (File → Save As, to another disk if this one is full) to keep it.`,
    });
    this.useMemory();
    for (const fn of this.swapListeners) fn();
  }

  /**
   * Stops the checkpoint worker, checkpoints the WAL into the file and closes the connection;
   * resolves once nothing holds the file any more.
   */
  async close(): Promise<void> {
    this.commitGroup();
    await this.stopCheckpointer();
    try {
      if (!this.inMemory) this.current.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A failed checkpoint leaves the WAL beside the file; SQLite replays it on the next open.
    }
    this.current.close();
  }

  private stopCheckpointer(): Promise<void> {
    const worker = this.checkpointer;
    this.checkpointer = undefined;
    return worker?.stop() ?? Promise.resolve();
  }

  /** The worker failed: checkpoint on the main thread again, as SQLite does by default. */
  private autoCheckpoint(): void {
    void this.stopCheckpointer();
    try {
      if (!this.inMemory) this.current.pragma('wal_autocheckpoint = 1000');
    } catch {
      // The connection is failing anyway; fallBackToMemory will say so on the next write.
    }
  }

  private open(): Database.Database {
    const file = this.options.file;
    if (file === ':memory:') return this.useMemory();
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch {
      // Reported below by the open itself, with SQLite's own reason.
    }
    let db: Database.Database | undefined;
    try {
      db = new (sqliteDriver())(file);
      prepare(db);
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
      return db;
    } catch (error) {
      db?.close();
      if (isCorrupt(error)) {
        const aside = this.setAside(file);
        this.options.notify({
          level: 'warning',
          message: `The patch history ${file} is damaged (${describeDbError(error)}). ${aside} A new history was started.`,
        });
        try {
          const fresh = new (sqliteDriver())(file);
          prepare(fresh);
          return fresh;
        } catch (again) {
          return this.memoryAfter(again);
        }
      }
      return this.memoryAfter(error);
    }
  }

  private memoryAfter(error: unknown): Database.Database {
    this.options.notify({
      level: 'error',
      message: `The patch history cannot be kept in ${this.options.file} (${describeDbError(error)}). It is kept in memory for this session only: undo works, but history and performances are lost on exit unless you save elsewhere.`,
    });
    return this.useMemory();
  }

  private useMemory(): Database.Database {
    this.inMemory = true;
    this.statements = new Map();
    const db = new (sqliteDriver())(':memory:');
    prepare(db);
    this.current = db;
    return db;
  }

  /** Renames the file and its -wal/-shm aside; never deletes or overwrites them. */
  private setAside(file: string): string {
    const stamp = new Date((this.options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-');
    const aside = `${file}.corrupt-${stamp}`;
    try {
      renameSync(file, aside);
      for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
      return `It was kept as ${aside}.`;
    } catch (error) {
      return `It could not be moved aside (${describeFsError(error)}).`;
    }
  }
}

/** Pragmas and migrations: WAL, foreign keys, schema at the latest user_version. */
function prepare(db: Database.Database): void {
  // Checked before anything writes (even journal_mode rewrites the header): a newer file stays as it is.
  refuseNewer(db);
  // Only takes effect on a new, empty file (before journal_mode writes its first page).
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`journal_size_limit = ${WAL_REWIND_BYTES}`);
  db.pragma('foreign_keys = ON');
  // A second instance on the same file waits for the writer instead of failing at once.
  db.pragma('busy_timeout = 2000');
  migrate(db);
}

/** `bytes` in pages of this file (its page size is fixed when it was created). */
function inPages(db: Database.Database, bytes: number): number {
  return Math.ceil(bytes / (db.pragma('page_size', { simple: true }) as number));
}

/** Runs every migration above the file's user_version, each in its own transaction. */
export function migrate(db: Database.Database): void {
  const at = refuseNewer(db);
  for (let v = at; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** The file's schema version; throws when a newer app wrote it (this app must not touch it). */
function refuseNewer(db: Database.Database): number {
  const at = db.pragma('user_version', { simple: true }) as number;
  if (at > MIGRATIONS.length)
    throw Object.assign(
      new Error(`the history was written by a newer k8s-synth (schema ${at}, this app knows ${MIGRATIONS.length})`),
      {
        code: 'K8S_SYNTH_NEWER',
      },
    );
  return at;
}

function isCorrupt(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

/** SQLite and file-system errors in words (no stack). */
export function describeDbError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'SQLITE_FULL':
      return 'the disk is full';
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_CANTOPEN':
      return `it cannot be written or opened (${code})`;
    case 'SQLITE_NOTADB':
      return 'it is not a database';
    case 'SQLITE_IOERR':
      return 'a disk error';
    default:
      if (typeof code === 'string' && code.startsWith('SQLITE_'))
        return `${error instanceof Error ? error.message : String(error)} (${code})`;
      if (typeof code === 'string' && code.startsWith('E')) return describeFsError(error);
      return error instanceof Error ? error.message : String(error);
  }
}
