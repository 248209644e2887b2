/**
 * Says which source the faceplates show: LIVE context/namespace (with the watches' state when
 * one is not watching), or SIMULATED. Always on screen, under the rack.
 */
import { useLive, useLiveConnection } from './liveStore';
import './live.css';

export function SourceBadge() {
  useLiveConnection();
  const live = useLive();
  if (live.source !== 'live')
    return (
      <span
        className="live-badge live-badge--sim"
        data-testid="source-badge"
        title="No cluster is connected: the patch runs as a simulated cluster in the app."
      >
        SIMULATED
      </span>
    );
  const troubled = live.watches.filter((w) => w.state !== 'watching');
  return (
    <span className="live-badge-group">
      <span
        className={`live-badge live-badge--live${troubled.length ? ' live-badge--trouble' : ''}`}
        data-testid="source-badge"
        title="The faceplates show the connected cluster; gestures on them act on it after a confirmation."
      >
        LIVE {live.context}/{live.namespace}
      </span>
      {troubled.length > 0 && (
        <span className="live-badge__watch" data-testid="source-watch" role="status">
          {troubled[0]!.kind}: {troubled[0]!.line}
          {troubled.length > 1 ? ` (+${troubled.length - 1} more)` : ''}
        </span>
      )}
    </span>
  );
}
