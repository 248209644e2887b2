/**
 * The notification list: the last import's Problems (each warning on its own line) and every
 * warning and error since the last Clear, newest first, with the time it was raised. Opened from
 * the status line, it drops down over the rack until closed (Escape, ×, or the button again).
 */
import { useEffect } from 'react';
import { clearLog, useRack } from '../store/rackStore';

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function NotificationList({ onClose }: { onClose: () => void }) {
  const log = useRack((s) => s.log);
  const problems = useRack((s) => s.problems);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <section className="shell-notifications" aria-label="Notifications" data-testid="notification-list">
      <header className="shell-notifications__head">
        <strong>Notifications</strong>
        <button type="button" className="shell-button" onClick={clearLog} disabled={!log.length && !problems}>
          Clear
        </button>
        <button type="button" className="shell-notice__close" aria-label="Close" title="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {problems && (
        <div className="shell-notifications__group" data-testid="problems">
          <h3>
            Problems: {problems.title} ({problems.items.length})
          </h3>
          <ul>
            {problems.items.map((p, i) => (
              <li key={i} className="shell-notifications__item shell-notifications__item--warning">
                {p}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul className="shell-notifications__group">
        {[...log].reverse().map((n) => (
          <li
            key={n.id}
            className={`shell-notifications__item shell-notifications__item--${n.level}`}
            data-testid="logged-notice"
          >
            <time>{time(n.at)}</time> {n.message}
          </li>
        ))}
        {!log.length && !problems && <li className="shell-notifications__empty">Nothing to report.</li>}
      </ul>
    </section>
  );
}
