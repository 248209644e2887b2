/**
 * Notices: a stack at the bottom centre. Info is announced politely (role="status") and fades by
 * itself (rackStore); warnings and errors interrupt (role="alert") and stay until dismissed, so
 * a failed save cannot scroll by unread.
 */
import { dismissNotice, useRack } from '../store/rackStore';
import './shell.css';

/** The notice stack (each `data-testid="notice"`), newest last. */
export function Notices() {
  const notices = useRack((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="shell-notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`shell-notice shell-notice--${n.level}`}
          role={n.level === 'info' ? 'status' : 'alert'}
          data-testid="notice"
          data-level={n.level}
        >
          <span className="shell-notice__icon" aria-hidden="true">
            {n.level === 'error' ? '✕' : n.level === 'warning' ? '!' : 'i'}
          </span>
          <span className="shell-notice__message">{n.message}</span>
          <button
            type="button"
            className="shell-notice__close"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => dismissNotice(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
