/**
 * The recorded performances (name, date, length, number of events) with Play, Rename, Delete and
 * Export, and Import of a .k8sperf file. Web mode has no file dialog, so export and import take a
 * path. Delete asks once more on the same button (a take cannot be undone back into existence).
 */
import { useState } from 'react';
import { notify, useRack } from '../store/rackStore';
import { formatTime, deckRequest, useHistoryView } from './historyStore';

export function PerformanceList() {
  const client = useRack((s) => s.client);
  const performances = useHistoryView((s) => s.performances);
  const speed = useHistoryView((s) => s.nextSpeed);
  const current = useHistoryView((s) => s.deck.performance?.id);
  const [path, setPath] = useState('');
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);

  const refresh = async () => {
    if (client) useHistoryView.setState({ performances: await client.request('performance.list', {}) });
  };
  const exportOne = async (id: number) => {
    if (!client) return;
    if (!path.trim()) return notify('warning', 'Type where to write the performance (a path ending in .k8sperf) first.');
    const result = await deckRequest(() => client.request('performance.export', { id, path: path.trim() }));
    if (result?.ok) notify('info', `Exported to ${result.path}.`);
  };
  const exportAudio = async (id: number) => {
    if (!client) return;
    if (!path.trim()) return notify('warning', 'Type where to write the sound (a path ending in .wav) first.');
    const result = await deckRequest(() => client.request('performance.exportAudio', { id, path: path.trim() }));
    if (result?.ok) notify('info', `Rendered ${result.seconds.toFixed(1)} s of sound to ${result.path}.`);
  };
  const rename = async () => {
    if (!client || !editing) return;
    const name = editing.name.trim();
    setEditing(null);
    if (!name) return;
    const result = await deckRequest(() => client.request('performance.rename', { id: editing.id, name }));
    if (result?.ok) await refresh();
  };
  const remove = async (id: number) => {
    if (!client) return;
    if (deleting !== id) return setDeleting(id);
    setDeleting(null);
    const result = await deckRequest(() => client.request('performance.delete', { id }));
    if (result?.ok) await refresh();
  };
  const importOne = async () => {
    if (!client || !path.trim()) return notify('warning', 'Type the path of a .k8sperf file to import first.');
    const result = await deckRequest(() => client.request('performance.import', { path: path.trim() }));
    if (result?.ok) {
      notify('info', `Imported “${result.performance.name}”.`);
      await refresh();
    }
  };

  return (
    <section className="perf-list" aria-label="Performances">
      <h3 className="perf-list__title">Performances</h3>
      {performances.length === 0 && <p className="shell-muted">None yet: press ● Rec under the rack, patch, then ■ Stop.</p>}
      <ul data-testid="performance-list">
        {performances.map((p) => (
          <li
            key={p.id}
            className={`perf-row${p.id === current ? ' perf-row--current' : ''}`}
            data-testid={`performance-${p.id}`}
          >
            {editing?.id === p.id ? (
              <form
                className="perf-row__name"
                onSubmit={(e) => {
                  e.preventDefault();
                  void rename();
                }}
              >
                <input
                  className="shell-input"
                  data-testid={`performance-name-${p.id}`}
                  aria-label="New name"
                  maxLength={200}
                  autoFocus
                  value={editing.name}
                  onChange={(e) => setEditing({ id: p.id, name: e.target.value })}
                  onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                  onBlur={() => void rename()}
                />
              </form>
            ) : (
              <span className="perf-row__name" title={p.name}>
                {p.name}
                {!p.finished && (
                  <span className="perf-row__cut" title="Recording, or cut short by a crash">
                    {' '}
                    (unfinished)
                  </span>
                )}
              </span>
            )}
            <span className="perf-row__meta">
              {new Date(p.created).toLocaleString()} · {formatTime(p.length)} · {p.eventCount} events
            </span>
            <span className="perf-row__actions">
              <button
                type="button"
                className="shell-button shell-button--small"
                data-testid={`performance-play-${p.id}`}
                onClick={() => client && void deckRequest(() => client.request('deck.play', { id: p.id, speed }))}
              >
                ▶ Play
              </button>
              <button
                type="button"
                className="shell-button shell-button--small"
                data-testid={`performance-export-${p.id}`}
                onClick={() => void exportOne(p.id)}
              >
                Export
              </button>
              <button
                type="button"
                className="shell-button shell-button--small"
                title="Render the performance's sound to a WAV file at the path above (replayed from its seed)"
                data-testid={`performance-export-audio-${p.id}`}
                onClick={() => void exportAudio(p.id)}
              >
                Export audio
              </button>
              <button
                type="button"
                className="shell-button shell-button--small"
                data-testid={`performance-rename-${p.id}`}
                onClick={() => setEditing({ id: p.id, name: p.name })}
              >
                Rename
              </button>
              <button
                type="button"
                className="shell-button shell-button--small"
                data-testid={`performance-delete-${p.id}`}
                title={deleting === p.id ? 'Click again to delete it for good' : 'Delete this performance'}
                onClick={() => void remove(p.id)}
                onBlur={() => deleting === p.id && setDeleting(null)}
              >
                {deleting === p.id ? 'Delete?' : 'Delete'}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <div className="shell-row perf-list__file">
        <input
          className="shell-input"
          data-testid="performance-path"
          placeholder="/path/to/take.k8sperf"
          aria-label="Performance file path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button
          type="button"
          className="shell-button shell-button--small"
          data-testid="performance-import"
          onClick={() => void importOne()}
        >
          Import
        </button>
      </div>
    </section>
  );
}
