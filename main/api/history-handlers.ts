/**
 * Handlers of the history and performance requests: the version browser (list,
 * preview, restore, diff), the deck (record, stop, markers, play, pause, seek, speed, loop)
 * and the performance list with export/import. Inputs were validated by the dispatcher.
 */
import type { AttachedHistory } from '../history/history-service';
import { idleDeck } from '../history/core/deck-state';
import type { Session } from '../session/session';
import { describeDiff, diffPatches, diffSize, opsToReach } from '../patch/diff';
import type { Handlers } from './dispatcher';

export function createHistoryHandlers({ session, history }: { session: Session; history: AttachedHistory | undefined }) {
  if (!history) return unavailableHandlers();
  const { store, deck } = history;
  const noVersion = (version: number) => ({ ok: false as const, error: `There is no version ${version} of this patch.` });
  return {
    'history.versions': ({ limit }) => store.versions(limit),
    'history.preview': ({ version }) => {
      const patch = store.patchAt(version);
      return patch ? { ok: true as const, version, patch } : noVersion(version);
    },
    'history.restore': ({ version }) => {
      const patch = store.patchAt(version);
      if (!patch)
        return { ok: false, error: { code: 'no-such-version', message: noVersion(version).error }, version: session.version };
      const op = opsToReach(session.patch, patch, `restore version ${version}`);
      if (op.type === 'batch' && op.ops.length === 0)
        return {
          ok: false,
          error: { code: 'already-at-version', message: `The patch already is as in version ${version}.` },
          version: session.version,
        };
      return session.apply(op, { source: 'ui', kind: 'restore' });
    },
    'history.diff': ({ from, to }) => {
      const a = store.patchAt(from);
      const b = to === undefined ? session.patch : store.patchAt(to);
      if (!a) return noVersion(from);
      if (!b) return noVersion(to!);
      const diff = diffPatches(a, b);
      return { ok: true as const, diff, lines: diffSize(diff) ? describeDiff(diff) : ['no differences'] };
    },
    'deck.state': () => deck.state(),
    'deck.record': ({ name }) => deck.record(name),
    'deck.stop': () => deck.stop(),
    'deck.marker': ({ label }) => deck.marker(label),
    'deck.play': ({ id, speed }) => deck.play(id, speed),
    'deck.pause': () => deck.pause(),
    'deck.seek': ({ position }) => deck.seek(position),
    'deck.speed': ({ speed }) => deck.setSpeed(speed),
    'deck.loop': ({ loop }) => deck.setLoop(loop),
    'performance.list': () => deck.list(),
    'performance.rename': ({ id, name }) => deck.rename(id, name),
    'performance.delete': ({ id }) => deck.remove(id),
    'performance.export': ({ id, path }) => deck.exportTo(id, path),
    'performance.import': ({ path }) => deck.importFrom(path),
  } satisfies Partial<Handlers>;
}

/** Without SQLite (see openHistory): every request answers, saying the history is off. */
function unavailableHandlers() {
  const error = 'The patch history is not available in this run (SQLite could not be loaded; see the notice).';
  const no = () => ({ ok: false as const, error });
  return {
    'history.versions': () => ({ document: null, head: 0, versions: [] }),
    'history.preview': no,
    'history.restore': () => ({
      ok: false as const,
      error: { code: 'history-unavailable' as const, message: error },
      version: 0,
    }),
    'history.diff': no,
    'deck.state': () => idleDeck(Date.now()),
    'deck.record': no,
    'deck.stop': no,
    'deck.marker': no,
    'deck.play': no,
    'deck.pause': no,
    'deck.seek': no,
    'deck.speed': no,
    'deck.loop': no,
    'performance.list': () => [],
    'performance.rename': no,
    'performance.delete': no,
    'performance.export': no,
    'performance.import': no,
  } satisfies Partial<Handlers>;
}
