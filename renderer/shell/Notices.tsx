/**
 * The status line above the rack: the newest notice on one line (it leaves by itself, see
 * NOTICE_MS), or while a cable is dragged the reason a jack cannot take it. It sits in its own
 * row of the window, so it never covers a control. Warnings and errors stay in the notification
 * list (the button at the right), with the Problems of the last import.
 */
import { useState } from 'react';
import { dismissNotice, useRack } from '../store/rackStore';
import { useUi } from './uiStore';
import { CableSettings } from './CableSettings';
import { NotificationList } from './NotificationList';
import './shell.css';

const ICON = { info: 'i', warning: '!', error: '✕' } as const;

export function Notices() {
  const notices = useRack((s) => s.notices);
  const count = useRack((s) => s.log.length + (s.problems ? s.problems.items.length : 0));
  const dragHint = useUi((s) => s.dragHint);
  const [open, setOpen] = useState(false);
  const newest = notices[notices.length - 1];
  const [first, ...more] = (newest?.message ?? '').split('\n');
  return (
    <div className="shell-status" data-testid="status-line">
      {dragHint ? (
        <div className="shell-notice shell-notice--hint" role="status" data-testid="drag-hint">
          <span className="shell-notice__message">{dragHint}</span>
        </div>
      ) : newest ? (
        <div
          key={newest.id}
          className={`shell-notice shell-notice--${newest.level}`}
          role={newest.level === 'info' ? 'status' : 'alert'}
          data-testid="notice"
          data-level={newest.level}
          title={newest.message}
        >
          <span className="shell-notice__icon" aria-hidden="true">
            {ICON[newest.level]}
          </span>
          <span className="shell-notice__message">
            {first}
            {more.length > 0 && (
              <button type="button" className="shell-notice__more" onClick={() => setOpen(true)}>
                {more.length} more {more.length === 1 ? 'line' : 'lines'}
              </button>
            )}
          </span>
          <button
            type="button"
            className="shell-notice__close"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => dismissNotice(newest.id)}
          >
            ×
          </button>
        </div>
      ) : (
        <span className="shell-status__idle" />
      )}
      <CableSettings />
      <button
        type="button"
        className={`shell-status__bell${count ? ' shell-status__bell--some' : ''}`}
        aria-expanded={open}
        aria-label={`Notifications and problems: ${count}`}
        title="Notifications and problems"
        onClick={() => setOpen(!open)}
        data-testid="notifications-toggle"
      >
        Notifications{count ? ` (${count})` : ''}
      </button>
      {open && <NotificationList onClose={() => setOpen(false)} />}
    </div>
  );
}
