/**
 * The Cluster tab's view of the live watches: each kind's state (watching, reconnecting since
 * ...) and the namespace's objects that no module of the patch shows.
 */
import { useLive, useLiveConnection } from './liveStore';
import './live.css';

export function LiveSection() {
  useLiveConnection();
  const live = useLive();
  if (live.source !== 'live') return null;
  return (
    <div className="live-section" data-testid="live-section">
      <h3>
        Live: the faceplates show {live.context}/{live.namespace}
      </h3>
      <ul className="cluster-small" data-testid="live-watches">
        {live.watches.map((w) => (
          <li key={w.kind}>
            {w.kind}: {w.line}
            {w.relists + w.restarts ? ` · ${w.restarts} resumed, ${w.relists} relisted` : ''}
          </li>
        ))}
      </ul>
      {live.error ? (
        <p className="cluster-error" role="alert" data-testid="live-error">
          {live.error}
        </p>
      ) : null}
      {live.offRack.length ? (
        <div className="live-offrack" data-testid="live-offrack">
          <p className="cluster-small">Not on the rack ({live.offRack.length}): in the namespace, but no module shows them.</p>
          <ul>
            {live.offRack.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
