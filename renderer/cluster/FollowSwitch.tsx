/**
 * The Cluster tab's ARM switch for follow mode: arming asks first, naming the context and
 * namespace in large type (every change of the patch is then applied there, with prune); Disarm
 * ends it at once. One arming holds for one connection.
 */
import { useState } from 'react';
import type { ClusterState } from '../../preload/contract';
import { Modal } from '../shell/Modal';
import { client, failed, run } from './clusterStore';
import { disarm } from './FollowBanner';
import { useFollow } from './followStore';

export function FollowSwitch({ state }: { state: ClusterState }) {
  const c = state.connection!;
  const follow = useFollow((s) => s.state);
  const [asking, setAsking] = useState(false);
  const armed = follow?.armed === true;
  const may = c.permissions?.allowed;
  const arm = () =>
    run(`Arming follow mode on ${c.context}/${c.namespace}`, async () => {
      const out = await client().request('follow.arm', { context: c.context, namespace: c.namespace });
      if (!failed(out)) useFollow.setState({ state: out.state });
    });
  return (
    <div className="follow-switch" data-testid="follow-switch">
      <div className="cluster-row">
        <span className={`follow-led${armed ? ' follow-led--on' : ''}`} aria-hidden />
        <b>Follow mode</b>
        {armed ? (
          <button type="button" className="shell-button" data-testid="follow-switch-disarm" onClick={disarm}>
            Disarm
          </button>
        ) : (
          <button
            type="button"
            className="shell-button shell-button--danger"
            data-testid="follow-arm"
            disabled={!may?.apply || !may?.prune}
            onClick={() => setAsking(true)}
          >
            Arm…
          </button>
        )}
      </div>
      <p className="shell-muted cluster-small">
        {armed
          ? `Every change of the patch is applied to ${follow.context}/${follow.namespace} about 300 ms after it.`
          : (follow?.disarmed ?? 'Armed, every change of the patch (a cable, a knob) is applied to the cluster at once.')}
      </p>
      {asking ? (
        <Modal title="Arm follow mode?" onCancel={() => setAsking(false)} testId="follow-confirm">
          <p className="cluster-confirm__target" data-testid="follow-confirm-target">
            {c.context} <span className="shell-muted">/</span> {c.namespace}
          </p>
          <p>
            From now on every change of the patch is applied to this namespace, about 300 ms after it, without asking again:
            objects the patch no longer has are deleted (prune). The patch as it is now is applied first.
          </p>
          <div className="shell-modal__actions">
            <button
              type="button"
              className="shell-button"
              data-autofocus
              data-testid="follow-confirm-cancel"
              onClick={() => setAsking(false)}
            >
              Cancel
            </button>
            <button
              type="button"
              className="shell-button shell-button--danger"
              data-testid="follow-confirm-ok"
              onClick={() => {
                setAsking(false);
                void arm();
              }}
            >
              Follow {c.namespace}
            </button>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
