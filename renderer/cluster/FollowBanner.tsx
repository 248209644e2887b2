/**
 * While follow mode is armed, a strip across the top of the window says where every change goes
 * (context and namespace) and offers Disarm, wherever the user is; the same for the physical
 * rack's disarm, which ends it at once.
 */
import type { FollowState } from '../../preload/contract';
import { client } from './clusterStore';
import { useFollow, useFollowConnection } from './followStore';
import './follow.css';

export const disarm = () =>
  void client()
    .request('follow.disarm', {})
    .then((state) => useFollow.setState({ state }));

function activity(s: FollowState): string {
  if (s.applying) return 'applying…';
  if (s.error) return s.error;
  if (s.failures.length) return `${s.failures.length} failed: ${s.failures.map((f) => `${f.kind} ${f.name}`).join(', ')}`;
  return s.lastSummary ?? 'waiting for a change';
}

export function FollowBanner() {
  useFollowConnection();
  const s = useFollow((x) => x.state);
  if (!s?.armed) return null;
  const trouble = Boolean(s.error || s.failures.length);
  return (
    <div className={`follow-banner${trouble ? ' follow-banner--trouble' : ''}`} role="status" data-testid="follow-banner">
      <b className="follow-banner__mode">FOLLOWING</b>
      <span className="follow-banner__target">
        {s.context} / {s.namespace}
      </span>
      <span className="follow-banner__activity" data-testid="follow-activity">
        {activity(s)}
      </span>
      <button type="button" className="shell-button follow-banner__disarm" data-testid="follow-disarm" onClick={disarm}>
        Disarm
      </button>
    </div>
  );
}
