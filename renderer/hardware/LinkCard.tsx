/**
 * One case of the physical rack in the Hardware tab: its name and status badge, firmware and
 * protocol, the rack row it is shown in, how many modules it reported, the ping latency, the
 * error counters, what went wrong last (and what to do), and Disconnect.
 */
import type { LinkInfo } from '../../preload/contract';
import { useRack } from '../store/rackStore';
import { COUNTER_ROWS, formatLatency, STATUS_VIEW, TROUBLE_COUNTERS } from './hardware-view';
import { disconnectLink } from './hardwareStore';

export function LinkCard({ link }: { link: LinkInfo }) {
  const client = useRack((s) => s.client);
  const status = STATUS_VIEW[link.status];
  return (
    <article
      className="hw-link"
      data-testid={`hw-link-${link.id}`}
      data-status={link.status}
      aria-label={`Link ${link.name ?? link.path}`}
    >
      <header className="hw-link__head">
        <span className="hw-link__name" title={link.path}>
          {link.name ?? link.path}
        </span>
        <span className={`hw-badge hw-badge--${status.tone}`} data-testid="hw-link-status" title={status.text}>
          {link.status}
        </span>
      </header>
      <div className="hw-link__path hw-mono" title={link.path} data-testid="hw-link-path">
        {link.path}
      </div>
      <dl className="hw-facts">
        <dt>Firmware</dt>
        <dd data-testid="hw-link-firmware">{link.firmware ?? '—'}</dd>
        <dt>Protocol</dt>
        <dd>{link.protocol ?? '—'}</dd>
        <dt>Row</dt>
        <dd>{link.row === null ? '—' : link.row + 1}</dd>
        <dt>Modules</dt>
        <dd data-testid="hw-link-modules">{link.modules}</dd>
        <dt>Latency</dt>
        <dd
          data-testid="hw-link-latency"
          title="Round trip of the last pings, host side (a USB-serial chip may add its latency timer)."
        >
          {formatLatency(link.latencyMs)}
        </dd>
      </dl>
      {link.status !== 'online' && <p className="hw-link__explain">{status.text}</p>}
      {link.error && (
        <p className="hw-link__error" role="alert" data-testid="hw-link-error">
          {link.error}
        </p>
      )}
      <details className="hw-counters" open>
        <summary>
          Counters
          {COUNTER_ROWS.some((r) => TROUBLE_COUNTERS.has(r.key) && link.counters[r.key] > 0) && (
            <span className="hw-counters__flag" title="Some frames were lost or damaged">
              {' '}
              ⚠
            </span>
          )}
        </summary>
        <dl className="hw-facts hw-facts--counters" data-testid="hw-link-counters">
          {COUNTER_ROWS.map((r) => (
            <div key={r.key} className="hw-facts__pair" title={r.title}>
              <dt>{r.label}</dt>
              <dd
                className={TROUBLE_COUNTERS.has(r.key) && link.counters[r.key] > 0 ? 'hw-trouble' : undefined}
                data-testid={`hw-counter-${r.key}`}
              >
                {link.counters[r.key].toLocaleString('en-US')}
              </dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="shell-row">
        <button
          type="button"
          className="shell-button shell-button--small"
          data-testid="hw-link-disconnect"
          disabled={!client}
          onClick={() => client && void disconnectLink(client, link.id)}
          title="Close this link: its modules stay on screen as ordinary modules"
        >
          Disconnect
        </button>
      </div>
    </article>
  );
}
