/**
 * The history feature put together for rack.ts: the database (opened before the Session, which
 * journals into it), the store behind the Session's history port, the performance store and the
 * deck. Two calls from the composition root: `openHistory` before the Session is built,
 * `attachHistory` once the Session and the document service exist.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Notice } from '../../preload/contract';
import { AUTOSAVE_FILE_NAME } from '../files/autosave';
import type { DocumentService } from '../files/document-service';
import type { Catalog } from '../patch/catalog';
import type { AppTime } from '../time/app-time';
import type { Clock } from '../time/clock';
import type { DeckState } from '../../preload/contract';
import { canonicalJson } from '../session/patch-hash';
import type { Session } from '../session/session';
import type { UndoState } from '../session/undo';
import { HistoryDatabase, historyFile, sqliteDriver } from './database';
import { HistoryStore } from './history-store';
import { PerformanceStore } from './performance-store';
import { Deck } from './deck';

export interface History {
  database: HistoryDatabase;
  store: HistoryStore;
  performances: PerformanceStore;
}

export interface AttachedHistory extends History {
  deck: Deck;
  /** Stops recording (keeping it), stops a replay, and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens (or creates) the history database; never throws. A file that cannot be used falls back
 * to an in-memory database with a notice; when SQLite itself cannot load (a native addon built
 * for another runtime) it says so and returns undefined: the Session then keeps undo in memory.
 */
export function openHistory(options: {
  dataDir: string;
  /** Overrides the file (else $K8S_SYNTH_DB, else <dataDir>/history.sqlite). */
  file?: string;
  catalog: Catalog;
  clock: Clock;
  notify: (notice: Notice) => void;
}): History | undefined {
  try {
    sqliteDriver();
  } catch (error) {
    options.notify({ level: 'error', message: driverFailure(error) });
    return undefined;
  }
  const database = new HistoryDatabase({ file: options.file ?? historyFile(options.dataDir), notify: options.notify });
  const store = new HistoryStore({ database, catalog: options.catalog, now: () => options.clock.now() });
  return { database, store, performances: new PerformanceStore(database) };
}

/**
 * The notice when better-sqlite3 does not load: almost always a binary built for the other
 * runtime (npm install builds it for Node; Electron has its own ABI), so it says which command
 * fixes it for the runtime this is.
 */
export function driverFailure(error: unknown, versions: Partial<NodeJS.ProcessVersions> = process.versions): string {
  // The loader's own message (describeDbError would read ERR_DLOPEN_FAILED as a file-system error).
  // Node's (and Electron's) dlopen message spans several lines.
  const reason = error instanceof Error ? error.message : String(error);
  const abi = /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/.exec(reason);
  const built = abi ? `its binary was built for ABI ${abi[1]}, this runtime needs ABI ${abi[2]}` : reason.split('\n')[0];
  const fix = versions.electron
    ? `Run \`npm run rebuild:electron\` once (it needs the network to fetch Electron ${versions.electron}'s headers or a prebuilt binary), then restart.`
    : 'Run `npm rebuild better-sqlite3` (it may still be built for Electron), then restart.';
  return `The patch history is not available: SQLite (better-sqlite3) could not be loaded (${built}). Undo works for this session only; history and performances are off. ${fix}`;
}

/**
 * Connects the history to the running Session and documents: recovers changes the autosave had
 * not written yet (the history is written synchronously, the autosave a second later), follows
 * the open file's path, and creates the deck. Call after the autosave and start-up file
 * were restored.
 */
export function attachHistory(
  history: History,
  deps: {
    session: Session;
    documents: DocumentService;
    dataDir: string;
    catalog: Catalog;
    notify: (notice: Notice) => void;
    /** The deck replays on the monotonic clock with the precise timers, and dates performances by the wall clock. */
    time: Pick<AppTime, 'wall' | 'monotonic' | 'precise'>;
    onDeck: (state: DeckState) => void;
    /** Told when the undo state changes outside a patch change (a reopened file resumed its undo). */
    onUndoChanged?: (state: UndoState) => void;
  },
): AttachedHistory {
  const { store } = history;
  const { session, documents, notify } = deps;
  store.attach(() => session.patch);
  const last = store.recoverable();
  const open = documents.state();
  // Only when the history is newer than the autosave: after File → New and a clean exit the
  // autosave is newer, and the last document's content must not come back.
  const autosavedAt = fileTime(join(deps.dataDir, AUTOSAVE_FILE_NAME));
  if (
    last &&
    last.path === open.path &&
    (autosavedAt === undefined || last.lastTime > autosavedAt) &&
    canonicalJson(last.patch) !== canonicalJson(session.patch)
  ) {
    documents.restore({ patch: last.patch, unloaded: documents.document().unloaded }, last.path, true);
    notify({
      level: 'info',
      message: 'Recovered the latest changes from the patch history (they were made after the last autosave).',
    });
  }
  store.endStartup();
  store.setPath(documents.state().path);
  const stopPath = documents.subscribe((state) => {
    // Reopening a file resumes its undo stack: tell the renderer, whose state came with the load.
    if (store.setPath(state.path)) deps.onUndoChanged?.(session.history());
  });
  const deck = new Deck({
    session,
    database: history.database,
    performances: history.performances,
    catalog: deps.catalog,
    clock: deps.time.monotonic,
    timers: deps.time.precise,
    wallNow: () => deps.time.wall.now(),
    notify,
    startDocument: (patch) => documents.restore({ patch, unloaded: { modules: [], cables: [] } }, null, true),
    onChange: deps.onDeck,
  });
  return {
    ...history,
    deck,
    async close() {
      stopPath();
      deck.dispose();
      await history.database.close();
    },
  };
}

function fileTime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
