/**
 * The history schema as numbered migrations: MIGRATIONS[i] brings a database from
 * user_version i to i + 1. Append, never edit a shipped entry.
 *
 *   documents       one row per patch document (a file opened, a new patch, a replay start)
 *   events          every applied op of a document: its version, time, source, gesture, kind
 *                   (edit / undo / redo), one-line label, the op and its inverse as JSON
 *   snapshots       the whole patch every SNAPSHOT_EVERY versions (and at version 0), so any
 *                   version loads with at most that many ops applied
 *   undo_steps      the persistent undo stack per document; events point at their step, and a
 *                   dropped redo branch only unlinks its events (they stay in `events`)
 *   performances    recorded performances: name, start snapshot, length, markers
 *   perf_events     their timed events (ms from the start, fractional)
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    created REAL NOT NULL,
    source TEXT NOT NULL,
    path TEXT
  );
  CREATE TABLE undo_steps (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    gesture TEXT,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone'))
  );
  CREATE INDEX undo_steps_doc ON undo_steps(doc, state, id);
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    time REAL NOT NULL,
    source TEXT NOT NULL,
    gesture TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
    label TEXT NOT NULL,
    op TEXT NOT NULL,
    inverse TEXT NOT NULL,
    step INTEGER REFERENCES undo_steps(id) ON DELETE SET NULL,
    UNIQUE (doc, version)
  );
  CREATE INDEX events_step ON events(step) WHERE step IS NOT NULL;
  CREATE TABLE snapshots (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    patch TEXT NOT NULL,
    PRIMARY KEY (doc, version)
  ) WITHOUT ROWID;
  CREATE TABLE performances (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created REAL NOT NULL,
    start_patch TEXT NOT NULL,
    length REAL,
    markers TEXT NOT NULL DEFAULT '[]',
    final_hash TEXT
  );
  CREATE TABLE perf_events (
    perf INTEGER NOT NULL REFERENCES performances(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    t REAL NOT NULL,
    source TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ops', 'reset')),
    body TEXT NOT NULL,
    PRIMARY KEY (perf, idx)
  ) WITHOUT ROWID;
  `,
];
