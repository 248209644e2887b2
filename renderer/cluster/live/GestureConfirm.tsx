/**
 * The confirmation of a rack gesture on a real object (Kill pod, a cordon switch turned on screen
 * or on the physical rack): context and namespace in large type, then what will happen. Cancel
 * has the focus; a cancelled switch turns back.
 */
import { Modal } from '../../shell/Modal';
import { useRack } from '../../store/rackStore';
import { useLive, useLiveConnection } from './liveStore';

export function GestureConfirm() {
  useLiveConnection();
  const pending = useLive((s) => s.pending);
  const client = useRack((s) => s.client);
  if (!pending) return null;
  const answer = (ok: boolean) => void client?.request('live.confirm', { id: pending.id, ok }).catch(() => undefined);
  return (
    <Modal title="Act on the cluster?" onCancel={() => answer(false)} testId="live-confirm">
      <p className="cluster-confirm__target" data-testid="live-confirm-target">
        {pending.context} <span className="shell-muted">/</span> {pending.namespace}
      </p>
      <p data-testid="live-confirm-action">{pending.action}</p>
      <div className="shell-modal__actions">
        <button
          type="button"
          className="shell-button"
          data-autofocus
          data-testid="live-confirm-cancel"
          onClick={() => answer(false)}
        >
          Cancel
        </button>
        <button
          type="button"
          className="shell-button shell-button--danger"
          data-testid="live-confirm-ok"
          onClick={() => answer(true)}
        >
          {pending.kind === 'kill-pod' ? 'Delete the Pod' : pending.kind === 'cordon' ? 'Cordon' : 'Uncordon'}
        </button>
      </div>
    </Modal>
  );
}
